"""The coaches' indicators pages: every registered indicator (chart, table, one-sentence summary)
with filters by cohort (several: side by side) and phase, one indicator on its own page, and its
table as CSV. Each indicator computes in a fixed number of queries, so the pages do too."""

from dataclasses import dataclass
from typing import Any

from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.urls import reverse
from django.utils import timezone
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext as _

from magellan.core.decorators import allowed_by
from magellan.core.downloads import attachment_response
from magellan.directory.models import Cohort
from magellan.exports import writers

from .. import charts, permissions, registry
from ..forms.filters import FiltersForm
from ..registry import Filters, Indicator, Table


@dataclass(frozen=True)
class Shown:
    """An indicator as a page shows it: its table, its chart and its rows as French text."""

    indicator: Indicator
    table: Table
    chart: SafeString
    cells: list[list[str]]


def cell_text(value: Any, column: registry.Column) -> str:
    """A table cell in French: numbers with a decimal comma, booleans oui/non, nothing as `—`."""
    if value is None:
        return "—"
    if isinstance(value, bool):
        return _("oui") if value else _("non")
    if column.type in ("integer", "number") and isinstance(value, int | float):
        return charts.format_figure(value)
    return str(value)


def show(indicator: Indicator, filters: Filters) -> Shown:
    """Compute and draw one indicator (its plot is built by charts.py from escaped text)."""
    table = indicator.compute(filters)
    return Shown(
        indicator=indicator,
        table=table,
        chart=mark_safe(indicator.plot(table)),  # noqa: S308 - charts.py escapes every text
        cells=[
            [cell_text(v, c) for v, c in zip(row, table.columns, strict=True)] for row in table.rows
        ],
    )


def _filters(request: HttpRequest) -> tuple[FiltersForm, Filters]:
    cohorts = list(Cohort.objects.order_by("-number", "variant", "pk"))
    form = FiltersForm(request.GET or None, cohorts=cohorts)
    filters = form.filters() if request.GET else Filters()
    return form, Filters(
        cohort_ids=filters.cohort_ids, phase_kind=filters.phase_kind, today=timezone.localdate()
    )


def _indicator(slug: str) -> Indicator:
    try:
        return registry.get(slug)
    except LookupError:
        raise Http404(_("Aucun indicateur ne porte ce nom.")) from None


@allowed_by(permissions.can_view_indicators)
def indicator_list(request: HttpRequest) -> HttpResponse:
    """Every indicator, for the cohorts and phase asked for."""
    form, filters = _filters(request)
    return render(
        request,
        "indicators/board_list.html",
        {
            "form": form,
            "shown": [show(indicator, filters) for indicator in registry.all_indicators()],
            "query": request.GET.urlencode(),
        },
    )


@allowed_by(permissions.can_view_indicators)
def indicator_detail(request: HttpRequest, slug: str) -> HttpResponse:
    """One indicator, with the same filters."""
    indicator = _indicator(slug)
    form, filters = _filters(request)
    return render(
        request,
        "indicators/board_detail.html",
        {
            "form": form,
            "one": show(indicator, filters),
            "query": request.GET.urlencode(),
            "breadcrumb": [(_("Indicateurs"), reverse("indicators:list"))],
        },
    )


@allowed_by(permissions.can_view_indicators)
def indicator_csv(request: HttpRequest, slug: str) -> HttpResponse:
    """The indicator's table as CSV (UTF-8 with BOM, `;`, French numbers), with the same filters."""
    indicator = _indicator(slug)
    _form, filters = _filters(request)
    table = indicator.compute(filters)
    body = writers.to_csv([column.name for column in table.columns], table.rows)
    return attachment_response(
        body,
        content_type="text/csv; charset=utf-8",
        name=f"indicateur-{indicator.slug}-{timezone.localdate():%Y-%m-%d}.csv",
    )
