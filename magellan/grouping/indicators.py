"""The grouping's indicator (registered in the indicators app's registry): encounters — the share
of each cohort's pairs of fellows who met in a small group at a session.

A pair met when both were in the same published group of a session that took place and both were
marked present there (the encounters that actually happened, as `queries.past_groups` counts them),
computed for every cohort at once: three queries whatever the number of cohorts."""

import datetime
from collections import defaultdict
from itertools import combinations
from typing import Any

from django.db.models import F
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from magellan.directory.models import CohortRole, Role
from magellan.indicators import charts, selection
from magellan.indicators.registry import Column, Filters, Indicator, Table, register
from magellan.program.models import SessionStatus

from .models import GroupingStatus, GroupMember

ENCOUNTERS = "rencontres"


def compute_encounters(filters: Filters) -> Table:
    """One row per cohort: its fellows, their possible pairs, the pairs who met, the share."""
    cohorts = selection.cohorts(filters)
    ids = [c.pk for c in cohorts]
    fellows: dict[int, set[int]] = defaultdict(set)
    for cohort_id, person_id in (
        CohortRole.objects.filter(cohort__in=ids, role=Role.FELLOW)
        .values_list("cohort_id", "person_id")
        .order_by()
    ):
        fellows[cohort_id].add(person_id)
    now = (
        datetime.datetime.combine(filters.today, datetime.time.max, tzinfo=datetime.UTC)
        if filters.today
        else timezone.now()
    )
    sessions = {"session__cohort__in": ids, "session__starts_at__lt": now}
    if filters.phase_kind is not None:
        sessions["session__phase__kind"] = filters.phase_kind
    groups: dict[tuple[int, int], list[int]] = defaultdict(list)
    cohort_of: dict[int, int] = {}
    for session_id, cohort_id, group_id, person_id in (
        GroupMember.objects.filter(grouping__status=GroupingStatus.PUBLISHED)
        .filter(**{f"grouping__{key}": value for key, value in sessions.items()})
        .exclude(grouping__session__status=SessionStatus.CANCELLED)
        # Present at that session (a join: the member's attendance of the grouping's session).
        .filter(
            person__attendances__session=F("grouping__session"),
            person__attendances__is_present=True,
        )
        .values_list(
            "grouping__session_id", "grouping__session__cohort_id", "group_id", "person_id"
        )
        .order_by()
    ):
        if person_id in fellows[cohort_id]:
            groups[(session_id, group_id)].append(person_id)
            cohort_of[session_id] = cohort_id
    met: dict[int, set[int]] = defaultdict(set)
    for (session_id, _group), members in groups.items():
        # A pair as one integer (smaller id, larger id): quicker to hash than a tuple.
        met[cohort_of[session_id]].update(a << 32 | b for a, b in combinations(sorted(members), 2))
    # A cohort without any group held (before groupings existed, say) has no figure, not 0 %.
    held = set(cohort_of.values())
    rows: list[list[Any]] = []
    for cohort in cohorts:
        n = len(fellows[cohort.pk])
        pairs = n * (n - 1) // 2
        count = len(met[cohort.pk]) if cohort.pk in held else None
        rows.append(
            [
                str(cohort),
                n,
                pairs,
                count,
                selection.percent(count, pairs) if count is not None else None,
            ]
        )
    all_pairs = sum(row[2] for row in rows if row[3] is not None)
    all_met = sum(row[3] for row in rows if row[3] is not None)
    return Table(
        columns=[
            Column("promotion", _("Promotion")),
            Column("eig", _("EIG"), "integer"),
            Column("paires", _("Paires possibles"), "integer", _("Paires d’EIG de la promotion.")),
            Column(
                "paires_rencontrees",
                _("Paires qui se sont rencontrées"),
                "integer",
                _("Vide quand aucun groupe n’a eu lieu dans la promotion."),
            ),
            Column("part", _("Part des paires (%)"), "number"),
        ],
        rows=rows,
        summary=(
            _("%(share)s des paires d’EIG se sont rencontrées dans un groupe.")
            % {"share": charts.format_figure(selection.percent(all_met, all_pairs), "%")}
            if all_pairs
            else _("Aucun groupe d’EIG n’a eu lieu dans ces promotions.")
        ),
    )


def plot_encounters(table: Table) -> str:
    return charts.plot_shares(
        table,
        category="promotion",
        values=("part",),
        title=_("Part des paires d’EIG qui se sont rencontrées, par promotion"),
        chart_id=ENCOUNTERS,
    )


register(
    Indicator(
        slug=ENCOUNTERS,
        title=gettext_lazy("Rencontres entre EIG"),
        description=gettext_lazy(
            "La part des paires d’EIG de chaque promotion qui se sont trouvées dans le même groupe "
            "publié d’une séance passée, présentes toutes les deux, dans la phase choisie."
        ),
        app="grouping",
        compute=compute_encounters,
        plot=plot_encounters,
        public=True,
        position=40,
    )
)
