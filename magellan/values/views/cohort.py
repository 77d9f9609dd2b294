"""The coaches' dashboard of a cohort: challenges × values in a phase, counts by phase, what
changed this month."""

from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from magellan.core.decorators import allowed_by
from magellan.directory.models import Cohort

from .. import permissions, queries
from ..models import Value


@allowed_by(permissions.can_view_cohort_values)
def cohort(request: HttpRequest, cohort_slug: str) -> HttpResponse:
    """The cohort's challenges × values in the phase chosen (`?phase=<kind>`; by default the
    phase under way), the counts of every phase and the changes since the month began."""
    found = get_object_or_404(Cohort, slug=cohort_slug)
    today = timezone.localdate()
    phases = list(found.phases.order_by("kind"))
    chosen = request.GET.get("phase", "")
    phase = next((p for p in phases if str(p.kind) == chosen), None)
    if phase is None:
        phase = queries.default_phase(phases, today)
    matrix = queries.cohort_matrix(found, phase, today=today) if phase is not None else None
    return render(
        request,
        "values/values_cohort.html",
        {
            "cohort": found,
            "phase": phase,
            "phases": phases,
            "matrix": matrix,
            "values": list(Value),
            "breadcrumb": [(_("Valeurs"), reverse("values:home"))],
        },
    )
