import datetime

import pytest
from django.contrib.auth.models import AnonymousUser
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from magellan.evaluation import queries
from magellan.evaluation.models import Axis
from tests.factories import (
    ActionFactory,
    ChallengeFactory,
    CommitteeFactory,
    PhaseFactory,
    ReportFactory,
    RetrospectiveFactory,
)

from .trajectory_world import make_journey

pytestmark = pytest.mark.django_db


def test_trajectory_shows_each_phase_with_its_committee_retrospective_and_report():
    journey = make_journey()
    trajectory = queries.trajectory_of(
        journey.challenge, today=timezone.localdate(), user=journey.coach.user
    )
    assert [s.phase for s in trajectory.steps] == journey.phases
    assert [s.committee_held for s in trajectory.steps] == [True, True, False]
    assert [s.retrospective.is_submitted for s in trajectory.steps] == [True, True, False]
    assert [s.report for s in trajectory.steps] == journey.reports
    assert [s.levels for s in trajectory.steps] == [
        {Axis.ENTREPRENEURSHIP: 1, Axis.INNOVATION: 2, Axis.TRANSFORMATION: 3},
        {Axis.ENTREPRENEURSHIP: 2, Axis.INNOVATION: 3, Axis.TRANSFORMATION: 4},
        {Axis.ENTREPRENEURSHIP: 3, Axis.INNOVATION: 4, Axis.TRANSFORMATION: 4},
    ]
    assert trajectory.steps[0].axis_labels == [
        ("Entrepreneuriat", "Insuffisant"),
        ("Innovation", "À consolider"),
        ("Transformation", "Satisfaisant"),
    ]


def test_a_draft_report_is_only_in_progress_for_the_team():
    journey = make_journey()
    for user in (journey.fellow.user, journey.sponsor.user, None):
        trajectory = queries.trajectory_of(journey.challenge, today=timezone.localdate(), user=user)
        draft = trajectory.steps[2]
        assert draft.report == journey.reports[2]
        assert draft.report_readable is False
        assert draft.levels == dict.fromkeys(Axis.values)
        assert [s.report_readable for s in trajectory.steps[:2]] == [user is not None] * 2


def test_actions_are_those_of_published_reports_split_late_open_done():
    journey = make_journey()
    trajectory = queries.trajectory_of(
        journey.challenge, today=timezone.localdate(), user=journey.coach.user
    )
    assert trajectory.late == [journey.late]
    assert trajectory.open == [journey.open]
    assert trajectory.done == [journey.done]
    assert trajectory.dropped == []


def test_indicators_come_with_their_values_in_date_order():
    journey = make_journey()
    trajectory = queries.trajectory_of(journey.challenge, today=timezone.localdate())
    [series] = trajectory.indicators
    assert series.indicator == journey.indicator
    assert [str(v.value) for v in series.values] == ["35.00", "28.50", "22.00"]
    assert str(series.latest.value) == "22.00"


def _count(function, *args, **kwargs):
    with CaptureQueriesContext(connection) as captured:
        function(*args, **kwargs)
    return len(captured)


def test_trajectory_runs_the_same_queries_for_one_or_three_phases():
    one = make_journey()
    coach = one.coach.user
    # A challenge with a single phase, its committee, retrospective, report and an action.
    phase = PhaseFactory()
    single = ChallengeFactory(cohorts=[phase.cohort])
    CommitteeFactory(challenge=single, phase=phase, past=True)
    RetrospectiveFactory(challenge=single, phase=phase)
    report = ReportFactory(challenge=single, phase=phase, published=True)
    ActionFactory(report=report)
    today = timezone.localdate()
    queries.my_teams(coach)
    assert _count(queries.trajectory_of, single, today=today, user=coach) == _count(
        queries.trajectory_of, one.challenge, today=today, user=coach
    )


def test_cohort_overview_rows_per_challenge():
    journey = make_journey()
    quiet = ChallengeFactory(cohorts=[journey.cohort], title="Défi Alizé")
    rows = queries.cohort_overview(journey.cohort, journey.phases[0], today=timezone.localdate())
    assert [r.challenge for r in rows] == [quiet, journey.challenge]
    alize, boussole = rows
    assert (alize.committee, alize.retrospective, alize.report, alize.late_actions) == (
        None,
        None,
        None,
        0,
    )
    assert boussole.committee_held is True
    assert boussole.retrospective_submitted is True
    assert boussole.report_published is True
    assert boussole.report_acknowledged is False
    assert boussole.late_actions == 1
    third = queries.cohort_overview(journey.cohort, journey.phases[2], today=timezone.localdate())
    assert [(r.committee_held, r.report_published) for r in third] == [
        (False, False),
        (False, False),
    ]


def test_cohort_overview_counts_an_acknowledged_report():
    journey = make_journey()
    report = journey.reports[0]
    report.acknowledged_at = timezone.now()
    report.save()
    [row] = queries.cohort_overview(journey.cohort, journey.phases[0], today=timezone.localdate())
    assert row.report_acknowledged is True


def test_cohort_overview_runs_the_same_queries_for_one_or_three_challenges():
    journey = make_journey()
    today = timezone.localdate()
    phase = journey.phases[0]
    one = _count(queries.cohort_overview, journey.cohort, phase, today=today)
    for _ in range(2):
        challenge = ChallengeFactory(cohorts=[journey.cohort])
        CommitteeFactory(challenge=challenge, phase=phase)
        RetrospectiveFactory(challenge=challenge, phase=phase)
        ActionFactory(
            report=ReportFactory(challenge=challenge, phase=phase, published=True), late=True
        )
    assert _count(queries.cohort_overview, journey.cohort, phase, today=today) == one


def test_late_is_relative_to_today():
    journey = make_journey()
    earlier = timezone.localdate() - datetime.timedelta(days=30)
    trajectory = queries.trajectory_of(journey.challenge, today=earlier, user=AnonymousUser())
    assert trajectory.late == []
    assert trajectory.open == [journey.late, journey.open]


def test_each_step_says_when_its_retrospective_opens():
    journey = make_journey()
    trajectory = queries.trajectory_of(journey.challenge, today=timezone.localdate())
    committees = [s.committee for s in trajectory.steps]
    assert [s.retrospective_opens for s in trajectory.steps] == [
        queries.retrospective_opens_on(c) for c in committees
    ]
    lone = PhaseFactory(cohort=journey.cohort, kind=4, start_date=timezone.localdate())
    steps = queries.trajectory_of(journey.challenge, today=timezone.localdate()).steps
    assert (steps[-1].phase, steps[-1].committee, steps[-1].retrospective_opens) == (
        lone,
        None,
        None,
    )


def test_overview_totals_count_the_rows():
    journey = make_journey()
    ChallengeFactory(cohorts=[journey.cohort])
    report = journey.reports[0]
    report.acknowledged_at = timezone.now()
    report.save()
    today = timezone.localdate()
    first = queries.overview_totals(
        queries.cohort_overview(journey.cohort, journey.phases[0], today=today)
    )
    assert first == {
        "challenges": 2,
        "planned": 0,
        "held": 1,
        "submitted": 1,
        "drafted": 0,
        "published": 1,
        "acknowledged": 1,
        "late_actions": 1,
    }
    third = queries.overview_totals(
        queries.cohort_overview(journey.cohort, journey.phases[2], today=today)
    )
    assert (
        third["planned"],
        third["held"],
        third["submitted"],
        third["drafted"],
        third["published"],
    ) == (
        1,
        0,
        0,
        1,
        0,
    )
