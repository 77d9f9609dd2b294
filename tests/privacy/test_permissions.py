import pytest
from django.contrib.auth.models import AnonymousUser

from magellan.privacy import permissions
from tests.factories import PersonFactory, UserFactory

pytestmark = pytest.mark.django_db


def test_only_an_account_with_a_directory_entry_may_request_erasure() -> None:
    allowed = [PersonFactory(fellow=True).user, PersonFactory(with_account=True).user]
    forbidden = [AnonymousUser(), UserFactory(), UserFactory(staff=True)]
    assert [permissions.can_request_erasure(u) for u in allowed] == [True, True]
    assert [permissions.can_request_erasure(u) for u in forbidden] == [False, False, False]


def test_only_coaches_and_staff_manage_erasures() -> None:
    allowed = [PersonFactory(coach=True).user, UserFactory(staff=True)]
    forbidden = [
        AnonymousUser(),
        UserFactory(),
        PersonFactory(fellow=True).user,
        PersonFactory(mentor=True).user,
        PersonFactory(alumni=True).user,
    ]
    assert [permissions.can_manage_erasures(u) for u in allowed] == [True, True]
    assert [permissions.can_manage_erasures(u) for u in forbidden] == [False] * 5
