"""The directory's indicator (registered in the indicators app's registry): the fellows recruited
per cohort and year — the first of the finance-law indicators."""

from typing import Any

from django.db.models import Count
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext

from magellan.indicators import charts, selection
from magellan.indicators.registry import Column, Filters, Indicator, Table, register

from .models import CohortRole, Role

FELLOWS_RECRUITED = "eig-recrutes"


def compute_fellows_recruited(filters: Filters) -> Table:
    """One row per cohort: its start year and its number of fellows (two queries)."""
    cohorts = selection.cohorts(filters)
    counts = dict(
        CohortRole.objects.filter(role=Role.FELLOW, cohort__in=[c.pk for c in cohorts])
        .values("cohort_id")
        .annotate(n=Count("person", distinct=True))
        .values_list("cohort_id", "n")
        .order_by()
    )
    rows: list[list[Any]] = [
        [str(c), c.start_date.year if c.start_date else None, counts.get(c.pk, 0)] for c in cohorts
    ]
    total = sum(row[2] for row in rows)
    return Table(
        columns=[
            Column("promotion", _("Promotion")),
            Column(
                "annee", _("Année de recrutement"), "integer", _("Année du début de la promotion.")
            ),
            Column("eig", _("EIG recrutés"), "integer", _("Nombre d’EIG de la promotion.")),
        ],
        rows=rows,
        summary=ngettext("%(total)s EIG recruté", "%(total)s EIG recrutés", total)
        % {"total": total}
        + " "
        + ngettext("dans %(cohorts)s promotion.", "dans %(cohorts)s promotions.", len(rows))
        % {"cohorts": len(rows)},
    )


def plot_fellows_recruited(table: Table) -> str:
    return charts.plot_bars(
        table,
        category="promotion",
        values=("eig",),
        title=_("EIG recrutés par promotion"),
        chart_id=FELLOWS_RECRUITED,
    )


register(
    Indicator(
        slug=FELLOWS_RECRUITED,
        title=gettext_lazy("EIG recrutés par promotion et par année"),
        description=gettext_lazy(
            "Le nombre de personnes ayant le rôle d’EIG dans chaque promotion, avec l’année de "
            "début de la promotion. Le filtre de phase ne s’applique pas."
        ),
        app="directory",
        compute=compute_fellows_recruited,
        plot=plot_fellows_recruited,
        public=True,
        position=10,
    )
)
