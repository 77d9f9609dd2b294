"""The skeleton's shared rules: who is in a team, which session is a committee, when a
retrospective opens, which actions are late and which a retrospective carries over, the scale."""

import datetime

import pytest
from django.test import override_settings
from django.utils import timezone

from magellan.directory.models import PhaseKind
from magellan.evaluation import permissions, queries, scale, services
from magellan.evaluation.models import ActionStatus, ReportStatus
from magellan.evaluation.services.actions import set_action_status
from tests.factories import (
    ActionFactory,
    ActionReviewFactory,
    ChallengeFactory,
    ChallengeMembershipFactory,
    CohortFactory,
    CommitteeFactory,
    PersonFactory,
    PhaseFactory,
    ReportFactory,
    RetrospectiveFactory,
    SessionFactory,
    UserFactory,
)

pytestmark = pytest.mark.django_db


def _team() -> tuple:
    cohort = CohortFactory()
    challenge = ChallengeFactory(cohorts=[cohort])
    fellow = PersonFactory(fellow=True, cohort=cohort)
    owner = PersonFactory(project_owner=True, cohort=cohort)
    sponsor = PersonFactory(sponsor=True, cohort=cohort)
    ChallengeMembershipFactory(person=fellow, challenge=challenge)
    ChallengeMembershipFactory(person=owner, challenge=challenge, role="project_owner")
    ChallengeMembershipFactory(person=sponsor, challenge=challenge, role="sponsor")
    return cohort, challenge, fellow, owner, sponsor


def test_team_roles_are_the_users_roles_in_that_team_only() -> None:
    cohort, challenge, fellow, owner, sponsor = _team()
    other = ChallengeFactory(cohorts=[cohort])

    assert queries.team_roles(fellow.user, challenge) == {"fellow"}
    assert queries.team_roles(owner.user, challenge) == {"project_owner"}
    assert queries.team_roles(sponsor.user, challenge) == {"sponsor"}
    assert queries.team_roles(fellow.user, other) == frozenset()
    assert queries.team_roles(UserFactory(), challenge) == frozenset()


def test_sponsor_reads_but_does_not_write_team_documents() -> None:
    _cohort, challenge, fellow, owner, sponsor = _team()

    assert permissions.can_view_challenge(sponsor.user, challenge)
    assert not permissions.can_write_team_documents(sponsor.user, challenge)
    assert permissions.can_write_team_documents(fellow.user, challenge)
    assert permissions.can_write_team_documents(owner.user, challenge)


def test_a_draft_report_is_for_coaches_only_and_a_published_one_for_its_team() -> None:
    cohort, challenge, fellow, _owner, sponsor = _team()
    coach = PersonFactory(coach=True, cohort=cohort)
    other_fellow = PersonFactory(fellow=True, cohort=cohort)
    ChallengeMembershipFactory(person=other_fellow, challenge=ChallengeFactory(cohorts=[cohort]))
    phase = PhaseFactory(cohort=cohort)
    report = ReportFactory(challenge=challenge, phase=phase)

    assert permissions.can_view_report(coach.user, report)
    assert not permissions.can_view_report(fellow.user, report)
    assert list(queries.reports_visible_to(fellow.user)) == []

    report.status = ReportStatus.PUBLISHED
    report.published_at = timezone.now()
    report.save()

    assert permissions.can_view_report(fellow.user, report)
    assert permissions.can_view_report(sponsor.user, report)
    assert not permissions.can_view_report(other_fellow.user, report)
    assert list(queries.reports_visible_to(other_fellow.user)) == []
    assert list(queries.reports_visible_to(sponsor.user)) == [report]


def test_the_committee_is_the_latest_session_of_the_format_not_cancelled() -> None:
    cohort, challenge, *_ = _team()
    phase = PhaseFactory(cohort=cohort)
    first = CommitteeFactory(challenge=challenge, phase=phase)
    later = CommitteeFactory(
        challenge=challenge, phase=phase, starts_at=first.starts_at + datetime.timedelta(days=2)
    )
    CommitteeFactory(
        challenge=challenge,
        phase=phase,
        starts_at=first.starts_at + datetime.timedelta(days=5),
        status="cancelled",
    )
    # Another format's session for the same challenge and phase is not a committee.
    SessionFactory(
        cohort=cohort,
        challenge=challenge,
        phase=phase,
        starts_at=first.starts_at + datetime.timedelta(days=9),
    )

    assert queries.committee_of(challenge, phase) == later
    assert queries.committees_of_phase(phase) == {challenge.pk: later}
    assert queries.committees_of_challenge(challenge) == {phase.pk: later}


@override_settings(MAGELLAN_RETROSPECTIVE_OPENS_DAYS=14)
def test_the_retrospective_opens_days_before_the_committee_in_paris_time() -> None:
    committee = CommitteeFactory(
        starts_at=datetime.datetime(2027, 2, 26, 0, 30, tzinfo=datetime.UTC)  # 01:30 in Paris
    )

    assert queries.retrospective_opens_on(committee) == datetime.date(2027, 2, 12)


def test_a_committee_is_held_once_its_session_ended() -> None:
    committee = CommitteeFactory()

    assert not queries.is_committee_held(committee)
    assert queries.is_committee_held(committee, now=committee.ends_at)
    assert not queries.is_committee_held(None)


def test_late_actions_are_published_open_and_past_due() -> None:
    today = timezone.localdate()
    late = ActionFactory(late=True)
    ActionFactory(late=True, status=ActionStatus.DONE)
    ActionFactory(late=True, status=ActionStatus.DROPPED)
    ActionFactory()  # not yet due
    ActionFactory(late=True, report=ReportFactory())  # a draft's action is not late
    in_progress = ActionFactory(late=True, status=ActionStatus.IN_PROGRESS)

    assert list(queries.late_actions(today)) == sorted([late, in_progress], key=lambda a: a.pk)
    assert [queries.is_late(a, today) for a in (late, in_progress)] == [True, True]
    assert list(queries.late_actions(today, challenge_ids=[late.report.challenge_id])) == [late]


def test_a_retrospective_carries_the_open_actions_of_earlier_phases() -> None:
    cohort, challenge, *_ = _team()
    first = PhaseFactory(cohort=cohort, kind=PhaseKind.VALIDATE)
    second = PhaseFactory(
        cohort=cohort,
        kind=PhaseKind.PROVE_CONCEPT,
        start_date=first.end_date + datetime.timedelta(days=1),
        end_date=first.end_date + datetime.timedelta(days=90),
    )
    report = ReportFactory(challenge=challenge, phase=first, published=True)
    open_action = ActionFactory(report=report)
    done = ActionFactory(report=report, status=ActionStatus.DONE)
    ActionFactory(report=ReportFactory(challenge=challenge, phase=second, published=True))
    ActionFactory(report=ReportFactory(phase=first, published=True))  # another challenge

    assert list(queries.carried_actions(challenge, second)) == [open_action]
    assert list(queries.carried_actions(challenge, first)) == []

    # An action the retrospective reviewed stays in it once done.
    retrospective = RetrospectiveFactory(challenge=challenge, phase=second)
    ActionReviewFactory(retrospective=retrospective, action=done, status=ActionStatus.DONE)

    assert list(queries.carried_actions(challenge, second, retrospective)) == [open_action, done]


def test_set_action_status_records_who_and_when() -> None:
    action = ActionFactory()
    coach = PersonFactory(coach=True)

    updated = set_action_status(action=action, status=ActionStatus.DONE, comment="Fait", by=coach)

    action.refresh_from_db()
    assert (action.status, action.status_comment, action.status_changed_by) == (
        ActionStatus.DONE,
        "Fait",
        coach,
    )
    assert updated.status_changed_at is not None


def test_set_action_status_refuses_a_drafts_action_and_an_unknown_status() -> None:
    draft_action = ActionFactory(report=ReportFactory())

    with pytest.raises(services.EvaluationError):
        set_action_status(action=draft_action, status=ActionStatus.DONE, by=None)
    with pytest.raises(services.EvaluationError):
        set_action_status(action=ActionFactory(), status="finished", by=None)

    draft_action.refresh_from_db()
    assert draft_action.status == ActionStatus.OPEN


def test_the_scale_defaults_to_four_levels_and_follows_the_setting() -> None:
    assert [str(label) for label in scale.labels()] == [
        "Insuffisant",
        "À consolider",
        "Satisfaisant",
        "Excellent",
    ]
    assert scale.is_valid(4)
    assert not scale.is_valid(5)
    assert not scale.is_valid(0)
    assert not scale.is_valid(None)

    with override_settings(MAGELLAN_EVALUATION_SCALE=["faible", "moyen", "fort"]):
        assert scale.size() == 3
        assert scale.choices() == [(1, "faible"), (2, "moyen"), (3, "fort")]
        assert not scale.is_valid(4)
        assert "hors de l’échelle" in str(scale.label(4))


def test_a_spilled_committee_evaluates_the_phase_that_just_ended() -> None:
    """The year planner lays a series of committees from the phase's last Monday: the last ones
    fall on the next phase's first days, and still evaluate the phase that just ended."""
    cohort, challenge, *_ = _team()
    first = PhaseFactory(
        cohort=cohort,
        kind=PhaseKind.VALIDATE,
        start_date=datetime.date(2026, 9, 7),
        end_date=datetime.date(2026, 11, 30),
    )
    second = PhaseFactory(
        cohort=cohort,
        kind=PhaseKind.PROVE_CONCEPT,
        start_date=datetime.date(2026, 12, 1),
        end_date=datetime.date(2027, 2, 14),
    )
    spilled = CommitteeFactory(
        challenge=challenge,
        phase=second,  # the phase its own date falls in
        starts_at=datetime.datetime(2026, 12, 2, 9, 30, tzinfo=datetime.UTC),
    )
    closing = CommitteeFactory(
        challenge=challenge,
        phase=second,
        starts_at=datetime.datetime(2027, 2, 10, 9, 30, tzinfo=datetime.UTC),
    )

    assert queries.committee_of(challenge, first) == spilled
    assert queries.committee_of(challenge, second) == closing
    assert queries.committees_of_challenge(challenge) == {first.pk: spilled, second.pk: closing}
    assert queries.committees_of_phase(first) == {challenge.pk: spilled}
