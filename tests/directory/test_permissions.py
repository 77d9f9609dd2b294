"""Directory predicates, with lists of allowed and forbidden users."""

import pytest
from django.contrib.auth.models import AnonymousUser

from magellan.directory import permissions
from magellan.directory.models import Role
from tests.factories import (
    ChallengeFactory,
    CohortFactory,
    CohortRoleFactory,
    PersonFactory,
    UserFactory,
)

pytestmark = pytest.mark.django_db


def _users() -> dict[str, object]:
    return {
        "anonymous": AnonymousUser(),
        "no_role": UserFactory(),
        "staff": UserFactory(staff=True),
        "fellow": PersonFactory(fellow=True).user,
        "project_owner": PersonFactory(project_owner=True).user,
        "mentor": PersonFactory(mentor=True).user,
        "alumni": PersonFactory(alumni=True).user,
        "coach": PersonFactory(coach=True).user,
    }


def test_is_member_allows_every_role_and_staff_only() -> None:
    users = _users()

    allowed = sorted(name for name, user in users.items() if permissions.is_member(user))

    assert allowed == ["alumni", "coach", "fellow", "mentor", "project_owner", "staff"]


def test_is_coach_allows_coaches_and_staff_only() -> None:
    users = _users()

    allowed = sorted(name for name, user in users.items() if permissions.is_coach(user))

    assert allowed == ["coach", "staff"]


def test_can_view_person_private_person_is_for_members_only() -> None:
    users = _users()
    private = PersonFactory()

    allowed = sorted(
        name for name, user in users.items() if permissions.can_view_person(user, private)
    )

    assert allowed == ["alumni", "coach", "fellow", "mentor", "project_owner", "staff"]


def test_can_view_person_public_person_is_for_everyone() -> None:
    users = _users()
    public = PersonFactory(public=True)

    assert all(permissions.can_view_person(user, public) for user in users.values())


def test_can_view_contact_is_never_public() -> None:
    users = _users()
    public = PersonFactory(public=True)

    forbidden = sorted(
        name for name, user in users.items() if not permissions.can_view_contact(user, public)
    )

    assert forbidden == ["anonymous", "no_role"]


def test_can_view_challenge_hidden_is_for_members_only() -> None:
    users = _users()
    hidden = ChallengeFactory(hidden=True)

    forbidden = sorted(
        name for name, user in users.items() if not permissions.can_view_challenge(user, hidden)
    )

    assert forbidden == ["anonymous", "no_role"]


def test_roles_of_people_without_an_account_give_nobody_any_right() -> None:
    cohort = CohortFactory()
    for role in (Role.COACH, Role.FELLOW):
        CohortRoleFactory(person=PersonFactory(user=None), cohort=cohort, role=role)
    private = PersonFactory()
    hidden = ChallengeFactory(hidden=True)

    for user in (None, AnonymousUser(), UserFactory()):
        assert permissions.is_member(user) is False
        assert permissions.is_coach(user) is False
        assert permissions.can_view_person(user, private) is False
        assert permissions.can_view_challenge(user, hidden) is False


def test_a_users_roles_are_read_once_per_request(django_assert_num_queries) -> None:
    coach = PersonFactory(coach=True)
    user = type(coach.user).objects.get(pk=coach.user.pk)
    person = PersonFactory()

    with django_assert_num_queries(1):
        checks = [
            permissions.is_coach(user),
            permissions.is_member(user),
            permissions.can_view_contact(user, person),
            permissions.can_manage_directory(user),
            permissions.can_view_follow_up(user, person),
        ]

    assert checks == [True, True, True, True, True]
