"""The bulletins' indicator: the share of team-weeks with a bulletin."""

import datetime

import pytest

from magellan.bulletins import indicators
from magellan.directory.models import PhaseKind, Role
from magellan.indicators.registry import Filters
from tests.factories import (
    BulletinFactory,
    ChallengeFactory,
    ChallengeMembershipFactory,
    CohortFactory,
    PhaseFactory,
)

pytestmark = pytest.mark.django_db

TODAY = datetime.date(2026, 3, 4)  # a Wednesday, week 10


def _team(cohort, *, writer=True):
    challenge = ChallengeFactory(cohorts=[cohort])
    ChallengeMembershipFactory(challenge=challenge, role=Role.FELLOW if writer else Role.SPONSOR)
    return challenge


def test_team_weeks_due_are_the_writing_teams_times_the_weeks_so_far():
    # Weeks 7 to 10 of 2026 so far: 4 weeks.
    cohort = CohortFactory(
        number=7, start_date=datetime.date(2026, 2, 9), end_date=datetime.date(2026, 12, 18)
    )
    first, second = _team(cohort), _team(cohort)
    _team(cohort, writer=False)  # a team without a writer owes nothing
    for week in (7, 8, 10):
        BulletinFactory(cohort=cohort, challenge=first, iso_year=2026, iso_week=week)
    BulletinFactory(cohort=cohort, challenge=second, iso_year=2026, iso_week=9)
    BulletinFactory(cohort=cohort, challenge=second, iso_year=2026, iso_week=11)  # not yet due

    table = indicators.compute_bulletins_filled(Filters(cohort_ids=(cohort.pk,), today=TODAY))

    assert table.rows == [["Promotion 7", 2, 8, 4, 50.0]]
    assert table.summary == "50\u202f% des semaines-équipes ont leur bulletin (4 sur 8)."


def test_team_weeks_of_the_phase_asked_for(django_assert_num_queries):
    ids = []
    for number in (7, 8, 9):
        cohort = CohortFactory(
            number=number,
            start_date=datetime.date(2026, 2, 9),
            end_date=datetime.date(2026, 12, 18),
        )
        # Phase 1: weeks 7 and 8.
        PhaseFactory(
            cohort=cohort,
            kind=PhaseKind.VALIDATE,
            start_date=datetime.date(2026, 2, 9),
            end_date=datetime.date(2026, 2, 20),
        )
        ids.append(cohort.pk)
        team = _team(cohort)
        for week in (8, 9):
            BulletinFactory(cohort=cohort, challenge=team, iso_year=2026, iso_week=week)

    with django_assert_num_queries(4):
        table = indicators.compute_bulletins_filled(
            Filters(cohort_ids=tuple(ids), phase_kind=PhaseKind.VALIDATE, today=TODAY)
        )
    assert [row[1:] for row in table.rows] == [[1, 2, 1, 50.0]] * 3


def test_a_cohort_without_a_single_bulletin_has_no_figure():
    dates = {"start_date": datetime.date(2026, 2, 9), "end_date": datetime.date(2026, 12, 18)}
    used, unused = CohortFactory(number=7, **dates), CohortFactory(number=8, **dates)
    team = _team(used)
    _team(unused)
    BulletinFactory(cohort=used, challenge=team, iso_year=2026, iso_week=7)

    table = indicators.compute_bulletins_filled(
        Filters(cohort_ids=(used.pk, unused.pk), today=TODAY)
    )

    assert table.rows == [["Promotion 7", 1, 4, 1, 25.0], ["Promotion 8", 1, 4, None, None]]
    assert table.summary == "25\u202f% des semaines-équipes ont leur bulletin (1 sur 4)."
