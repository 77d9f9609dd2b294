"""The help desk's indicator (registered in the indicators app's registry): response and
resolution times per cohort, as the coaches' queue page computes them (`queries.figures`)."""

from typing import Any

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext

from magellan.indicators import charts, selection
from magellan.indicators.registry import Column, Filters, Indicator, Table, register

from . import queries

HELPDESK_TIMES = "delais-entraide"


def compute_helpdesk_times(filters: Filters) -> Table:
    """One row per cohort with requests: their number, the median and 90th percentile of the
    hours to the first response and to resolution (three queries)."""
    cohorts = selection.cohorts(filters)
    by_label = {figures.label: figures for figures in queries.figures()["cohorts"]}
    rows: list[list[Any]] = []
    for cohort in cohorts:
        figures = by_label.get(str(cohort))
        if figures is None:
            continue
        rows.append(
            [
                str(cohort),
                figures.count,
                selection.hours(figures.response_median),
                selection.hours(figures.response_p90),
                selection.hours(figures.resolution_median),
                selection.hours(figures.resolution_p90),
            ]
        )
    count = sum(row[1] for row in rows)
    hours = _("heures")
    return Table(
        columns=[
            Column("promotion", _("Promotion")),
            Column("demandes", _("Demandes"), "integer", _("Demandes d’entraide, hors retirées.")),
            Column("reponse_mediane", _("Première réponse, médiane (h)"), "number", hours),
            Column("reponse_p90", _("Première réponse, 90e centile (h)"), "number", hours),
            Column("resolution_mediane", _("Résolution, médiane (h)"), "number", hours),
            Column("resolution_p90", _("Résolution, 90e centile (h)"), "number", hours),
        ],
        rows=rows,
        summary=ngettext("%(count)s demande d’entraide", "%(count)s demandes d’entraide", count)
        % {"count": count}
        + " "
        + ngettext("dans %(cohorts)s promotion.", "dans %(cohorts)s promotions.", len(rows))
        % {"cohorts": len(rows)},
    )


def plot_helpdesk_times(table: Table) -> str:
    return charts.plot_bars(
        table,
        category="promotion",
        values=("reponse_mediane", "resolution_mediane"),
        title=_("Délais médians de l’entraide par promotion, en heures"),
        chart_id=HELPDESK_TIMES,
        unit="h",
    )


register(
    Indicator(
        slug=HELPDESK_TIMES,
        title=gettext_lazy("Délais de réponse et de résolution de l’entraide"),
        description=gettext_lazy(
            "Les heures entre une demande d’entraide et sa première réponse, puis sa résolution "
            "(médiane et 90e centile), par promotion de la demande. Le filtre de phase ne "
            "s’applique pas."
        ),
        app="helpdesk",
        compute=compute_helpdesk_times,
        plot=plot_helpdesk_times,
        public=True,
        position=50,
    )
)
