import pytest

from magellan.program.permissions import can_view_feedback, can_view_session
from tests.factories import (
    ChallengeFactory,
    ChallengeMembershipFactory,
    CohortFactory,
    FeedbackFactory,
    FormatFactory,
    PersonFactory,
    SessionFactory,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def committee():
    """A session of one challenge, for its team (fellows, owner) and the coaches."""
    cohort = CohortFactory()
    challenge = ChallengeFactory(cohorts=[cohort])
    audience = ["fellow", "project_owner", "sponsor", "coach"]
    return SessionFactory(
        cohort=cohort, challenge=challenge, format=FormatFactory(open=True, audience_roles=audience)
    )


def test_can_view_session_of_their_challenge_for_the_owner(committee):
    owner = PersonFactory(project_owner=True, cohort=committee.cohort)
    ChallengeMembershipFactory(person=owner, challenge=committee.challenge, role="project_owner")

    assert can_view_session(owner.user, committee) is True


def test_can_view_session_of_another_challenge_is_refused_to_an_owner(committee):
    owner = PersonFactory(project_owner=True, cohort=committee.cohort)
    ChallengeMembershipFactory(
        person=owner, challenge=ChallengeFactory(cohorts=[committee.cohort]), role="project_owner"
    )

    assert can_view_session(owner.user, committee) is False


def test_can_view_session_for_coaches_and_facilitators(committee):
    coach = PersonFactory(coach=True)
    facilitator = PersonFactory(mentor=True)
    committee.facilitators.add(facilitator)

    assert (
        can_view_session(coach.user, committee),
        can_view_session(facilitator.user, committee),
    ) == (
        True,
        True,
    )


def test_can_view_session_of_another_cohort_is_refused_to_a_fellow():
    fellow = PersonFactory(fellow=True)

    assert can_view_session(fellow.user, SessionFactory()) is False


def test_can_view_feedback_only_for_its_author_and_coaches():
    cohort = CohortFactory()
    feedback = FeedbackFactory(person=PersonFactory(fellow=True, cohort=cohort))
    fellow = PersonFactory(fellow=True, cohort=cohort)
    coach = PersonFactory(coach=True, cohort=cohort)

    assert [can_view_feedback(p.user, feedback) for p in (feedback.person, fellow, coach)] == [
        True,
        False,
        True,
    ]
