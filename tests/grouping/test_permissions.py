import pytest
from django.contrib.auth.models import AnonymousUser

from magellan.grouping.permissions import can_manage_groups, can_view_own_group
from tests.factories import GroupingFactory, PersonFactory, UserFactory

pytestmark = pytest.mark.django_db


def test_can_manage_groups_for_coaches_and_staff_only() -> None:
    users = [
        PersonFactory(coach=True).user,
        UserFactory(staff=True),
        PersonFactory(fellow=True).user,
        PersonFactory(project_owner=True).user,
        PersonFactory(mentor=True).user,
        AnonymousUser(),
    ]

    assert [can_manage_groups(u) for u in users] == [True, True, False, False, False, False]


def test_can_view_own_group_once_published_only() -> None:
    user = PersonFactory(fellow=True).user

    assert [
        can_view_own_group(user, GroupingFactory(published=True)),
        can_view_own_group(user, GroupingFactory()),
        can_view_own_group(user, None),
        can_view_own_group(AnonymousUser(), GroupingFactory(published=True)),
    ] == [True, False, False, False]
