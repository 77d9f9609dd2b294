import pytest

from magellan.mentoring import permissions
from magellan.mentoring.models import ProposalStatus
from tests.factories import (
    ChallengeFactory,
    ChallengeMembershipFactory,
    CycleFactory,
    CycleFeedbackFactory,
    NeedFactory,
    PersonFactory,
    ProposalFactory,
    UserFactory,
)

pytestmark = pytest.mark.django_db


def _users(**people):
    return {name: (p if hasattr(p, "is_authenticated") else p.user) for name, p in people.items()}


def test_can_view_need():
    challenge = ChallengeFactory()
    need = NeedFactory(challenge=challenge)
    teammate = PersonFactory(fellow=True, cohort=need.cohort)
    ChallengeMembershipFactory(person=teammate, challenge=challenge)
    sent = ProposalFactory(need=need)
    draft = ProposalFactory(need=need, status=ProposalStatus.DRAFT)
    users = _users(
        person=need.person,
        teammate=teammate,
        mentor_sent=sent.mentor,
        coach=PersonFactory(coach=True),
        staff=UserFactory(staff=True),
        mentor_draft=draft.mentor,
        other_fellow=PersonFactory(fellow=True, cohort=need.cohort),
        other_mentor=PersonFactory(mentor=True),
    )

    allowed = {name for name, user in users.items() if permissions.can_view_need(user, need)}

    assert allowed == {"person", "teammate", "mentor_sent", "coach", "staff"}


def test_can_view_notes_is_the_pairs_only():
    cycle = CycleFactory()
    users = _users(
        mentee=cycle.need.person,
        mentor=cycle.mentor,
        coach=PersonFactory(coach=True),
        staff=UserFactory(staff=True),
        other_fellow=PersonFactory(fellow=True),
    )

    allowed = {name for name, user in users.items() if permissions.can_view_notes(user, cycle)}

    assert allowed == {"mentee", "mentor"}


@pytest.mark.parametrize(("shared", "mentor_reads"), [(False, False), (True, True)])
def test_can_view_feedback_comment(shared, mentor_reads):
    feedback = CycleFeedbackFactory(shared_with_mentor=shared)
    cycle = feedback.cycle
    users = _users(
        author=cycle.need.person,
        mentor=cycle.mentor,
        coach=PersonFactory(coach=True),
        other=PersonFactory(fellow=True),
    )

    allowed = {
        name
        for name, user in users.items()
        if permissions.can_view_feedback_comment(user, cycle, feedback)
    }

    assert allowed == {"author", "coach"} | ({"mentor"} if mentor_reads else set())


def test_who_may_offer_and_who_may_state_a_need():
    people = {
        "mentor": PersonFactory(mentor=True),
        "alumni": PersonFactory(alumni=True),
        "coach": PersonFactory(coach=True),
        "fellow": PersonFactory(fellow=True),
        "owner": PersonFactory(project_owner=True),
    }
    users = _users(**people, staff=UserFactory(staff=True))

    assert {n for n, u in users.items() if permissions.can_offer(u)} == {
        "mentor",
        "alumni",
        "coach",
    }
    assert {n for n, u in users.items() if permissions.can_state_need(u)} == {"fellow"}
