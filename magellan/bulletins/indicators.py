"""The bulletins' indicator (registered in the indicators app's registry): the share of
team-weeks with a bulletin — for each cohort, its teams that write bulletins times its weeks so
far (or the weeks of the phase asked for), and how many of those got a bulletin."""

import datetime
from typing import Any

from django.db.models import Exists, OuterRef
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from magellan.directory.models import Challenge, ChallengeMembership
from magellan.indicators import charts, selection
from magellan.indicators.registry import Column, Filters, Indicator, Table, register

from . import weeks
from .models import Bulletin
from .queries import WRITER_ROLES, cohort_weeks

BULLETINS_FILLED = "bulletins-remplis"


def compute_bulletins_filled(filters: Filters) -> Table:
    """One row per cohort: teams, team-weeks due, team-weeks with a bulletin, share (four queries)."""
    today = filters.today or timezone.localdate()
    cohorts = selection.cohorts(filters)
    ids = [c.pk for c in cohorts]
    windows = selection.phase_windows(filters, ids)
    has_writer = ChallengeMembership.objects.filter(
        challenge=OuterRef("challenge_id"), role__in=WRITER_ROLES
    )
    teams: dict[int, set[int]] = {}
    for cohort_id, challenge_id in (
        Challenge.cohorts.through.objects.filter(cohort_id__in=ids)
        .filter(Exists(has_writer))
        .values_list("cohort_id", "challenge_id")
    ):
        teams.setdefault(cohort_id, set()).add(challenge_id)
    written = set(
        # No ordering: the default one joins the challenges to sort by title.
        Bulletin.objects.filter(cohort__in=ids)
        .values_list("cohort_id", "challenge_id", "iso_year", "iso_week")
        .order_by()
    )
    # A cohort without a single bulletin did not use them (it ran before they existed): no figure.
    in_use = {cohort_id for cohort_id, *_rest in written}
    rows: list[list[Any]] = []
    for cohort in cohorts:
        due = cohort_weeks(cohort, today=today)
        if filters.phase_kind is not None:
            window = windows.get(cohort.pk)
            due = [
                w
                for w in due
                if window is not None
                and window.start - datetime.timedelta(days=4) <= weeks.monday(w) <= window.end
            ]
        team_ids = teams.get(cohort.pk, set())
        expected = len(team_ids) * len(due)
        if cohort.pk not in in_use:
            rows.append([str(cohort), len(team_ids), expected, None, None])
            continue
        filled = sum(1 for team in team_ids for week in due if (cohort.pk, team, *week) in written)
        rows.append(
            [str(cohort), len(team_ids), expected, filled, selection.percent(filled, expected)]
        )
    expected = sum(row[2] for row in rows if row[3] is not None)
    filled = sum(row[3] for row in rows if row[3] is not None)
    return Table(
        columns=[
            Column("promotion", _("Promotion")),
            Column(
                "equipes",
                _("Équipes"),
                "integer",
                _("Défis de la promotion avec au moins un·e EIG ou porteur·euse."),
            ),
            Column(
                "semaines_dues",
                _("Semaines-équipes dues"),
                "integer",
                _("Équipes × semaines écoulées."),
            ),
            Column(
                "semaines_remplies",
                _("Semaines-équipes avec bulletin"),
                "integer",
                _("Vide quand la promotion n’a écrit aucun bulletin."),
            ),
            Column("part", _("Part remplie (%)"), "number"),
        ],
        rows=rows,
        summary=(
            _("%(share)s des semaines-équipes ont leur bulletin (%(filled)s sur %(expected)s).")
            % {
                "share": charts.format_figure(selection.percent(filled, expected), "%"),
                "filled": filled,
                "expected": expected,
            }
            if expected
            else _("Aucune semaine-équipe due pour ces promotions.")
        ),
    )


def plot_bulletins_filled(table: Table) -> str:
    return charts.plot_shares(
        table,
        category="promotion",
        values=("part",),
        title=_("Part des semaines-équipes avec un bulletin, par promotion"),
        chart_id=BULLETINS_FILLED,
    )


register(
    Indicator(
        slug=BULLETINS_FILLED,
        title=gettext_lazy("Bulletins remplis"),
        description=gettext_lazy(
            "Pour chaque promotion, ses équipes qui écrivent des bulletins multipliées par ses "
            "semaines écoulées (ou celles de la phase choisie), et la part de ces semaines-équipes "
            "qui ont leur bulletin."
        ),
        app="bulletins",
        compute=compute_bulletins_filled,
        plot=plot_bulletins_filled,
        public=True,
        position=70,
    )
)
