"""Mentoring's indicator (registered in the indicators app's registry): the mentoring cycles
completed per cohort (the cohort of the need the cycle answers)."""

from typing import Any

from django.db.models import Count, Q
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext

from magellan.indicators import charts, selection
from magellan.indicators.registry import Column, Filters, Indicator, Table, register

from .models import Cycle, CycleStatus

CYCLES_COMPLETED = "cycles-mentorat"


def compute_cycles_completed(filters: Filters) -> Table:
    """One row per cohort: cycles started, completed, and the share completed (two queries)."""
    cohorts = selection.cohorts(filters)
    counts = {
        row["need__cohort_id"]: row
        for row in Cycle.objects.filter(need__cohort__in=[c.pk for c in cohorts])
        .values("need__cohort_id")
        .annotate(
            started=Count("pk"), completed=Count("pk", filter=Q(status=CycleStatus.COMPLETED))
        )
        .order_by()
    }
    rows: list[list[Any]] = []
    for cohort in cohorts:
        row = counts.get(cohort.pk, {"started": 0, "completed": 0})
        rows.append(
            [
                str(cohort),
                row["started"],
                row["completed"],
                selection.percent(row["completed"], row["started"]),
            ]
        )
    return Table(
        columns=[
            Column("promotion", _("Promotion")),
            Column("cycles", _("Cycles commencés"), "integer"),
            Column("cycles_termines", _("Cycles terminés"), "integer"),
            Column("part_terminee", _("Part terminée (%)"), "number"),
        ],
        rows=rows,
        summary=ngettext(
            "%(completed)s cycle de mentorat terminé sur %(started)s commencé(s).",
            "%(completed)s cycles de mentorat terminés sur %(started)s commencés.",
            sum(r[2] for r in rows),
        )
        % {"completed": sum(r[2] for r in rows), "started": sum(r[1] for r in rows)},
    )


def plot_cycles_completed(table: Table) -> str:
    return charts.plot_bars(
        table,
        category="promotion",
        values=("cycles", "cycles_termines"),
        title=_("Cycles de mentorat commencés et terminés, par promotion"),
        chart_id=CYCLES_COMPLETED,
    )


register(
    Indicator(
        slug=CYCLES_COMPLETED,
        title=gettext_lazy("Cycles de mentorat terminés"),
        description=gettext_lazy(
            "Les cycles de mentorat commencés et terminés, par promotion du besoin auquel ils "
            "répondent. Le filtre de phase ne s’applique pas."
        ),
        app="mentoring",
        compute=compute_cycles_completed,
        plot=plot_cycles_completed,
        public=True,
        position=60,
    )
)
