"""The coaches' view of a cohort in a phase (committees, retrospectives, reports, late actions)
and its CSV."""

from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from magellan.core.decorators import allowed_by
from magellan.core.downloads import attachment_response
from magellan.directory.models import Cohort, Phase
from magellan.exports import writers

from .. import permissions, queries, tables


def _cohort_phase(cohort_slug: str, kind: int) -> tuple[Cohort, Phase]:
    cohort = get_object_or_404(Cohort, slug=cohort_slug)
    phase = get_object_or_404(Phase, cohort=cohort, kind=kind)
    return cohort, phase


@allowed_by(permissions.can_view_cohort_overview)
def cohort(request: HttpRequest, cohort_slug: str, kind: int) -> HttpResponse:
    """Each challenge of the cohort in the phase: committee planned or held, retrospective,
    report drafted, published or acknowledged, late actions."""
    found, phase = _cohort_phase(cohort_slug, kind)
    overview = queries.cohort_overview(found, phase, today=timezone.localdate())
    rows = [(row, tables.retrospective_state(row), tables.report_state(row)) for row in overview]
    return render(
        request,
        "evaluation/cohort_overview.html",
        {
            "cohort": found,
            "phase": phase,
            "phases": list(found.phases.order_by("kind")),
            "rows": rows,
            "totals": queries.overview_totals(overview),
            "breadcrumb": [(_("Évaluation"), reverse("evaluation:home"))],
        },
    )


@allowed_by(permissions.can_view_cohort_overview)
def cohort_csv(request: HttpRequest, cohort_slug: str, kind: int) -> HttpResponse:
    """The same table as CSV (UTF-8 with BOM, `;`, French dates)."""
    found, phase = _cohort_phase(cohort_slug, kind)
    body = writers.to_csv(tables.headers(), tables.rows(found, phase))
    return attachment_response(
        body,
        content_type="text/csv; charset=utf-8",
        name=f"evaluation-{found.slug}-phase-{phase.kind}-{timezone.localdate():%Y-%m-%d}.csv",
    )
