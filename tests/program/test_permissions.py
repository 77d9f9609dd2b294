import pytest
from django.contrib.auth.models import AnonymousUser

from magellan.program.permissions import (
    can_manage_program,
    can_register,
    can_use_program,
    can_view_feedback,
    can_view_session,
)
from tests.factories import (
    ChallengeFactory,
    ChallengeMembershipFactory,
    CohortFactory,
    FeedbackFactory,
    FormatFactory,
    PersonFactory,
    SessionFactory,
    UserFactory,
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


def test_can_register_to_a_visible_session_that_takes_registrations():
    cohort = CohortFactory()
    fellow = PersonFactory(fellow=True, cohort=cohort)
    other_fellow = PersonFactory(fellow=True)
    session = SessionFactory(cohort=cohort)

    assert [
        can_register(user, session) for user in (fellow.user, other_fellow.user, AnonymousUser())
    ] == [True, False, False]


def test_can_register_refused_when_the_session_takes_none_or_is_cancelled():
    cohort = CohortFactory()
    fellow = PersonFactory(fellow=True, cohort=cohort)
    open_session = SessionFactory(cohort=cohort, format=FormatFactory(open=True))
    cancelled = SessionFactory(cohort=cohort, cancelled=True)

    assert can_register(fellow.user, open_session) is False
    assert can_register(fellow.user, cancelled) is False


def test_can_view_feedback_of_someone_without_an_account_is_for_coaches_only():
    feedback = FeedbackFactory(person=PersonFactory(user=None))
    coach = PersonFactory(coach=True)

    assert can_view_feedback(AnonymousUser(), feedback) is False
    assert can_view_feedback(UserFactory(), feedback) is False
    assert can_view_feedback(coach.user, feedback) is True


def test_program_pages_are_for_members_and_managing_it_for_coaches():
    users = {
        "anonymous": AnonymousUser(),
        "no_role": UserFactory(),
        "fellow": PersonFactory(fellow=True).user,
        "coach": PersonFactory(coach=True).user,
        "staff": UserFactory(staff=True),
    }

    users_of_program = sorted(name for name, user in users.items() if can_use_program(user))
    managers = sorted(name for name, user in users.items() if can_manage_program(user))

    assert users_of_program == ["coach", "fellow", "staff"]
    assert managers == ["coach", "staff"]


def test_can_view_session_is_refused_to_anyone_outside_the_community():
    session = SessionFactory(format=FormatFactory(audience_roles=["fellow", "mentor", "coach"]))

    assert can_view_session(AnonymousUser(), session) is False
    assert can_view_session(UserFactory(), session) is False


def test_can_view_feedback_without_a_user_is_refused():
    feedback = FeedbackFactory(person=PersonFactory(user=None))

    assert can_view_feedback(None, feedback) is False
