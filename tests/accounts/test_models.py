import pytest

from magellan.accounts.models import User

pytestmark = pytest.mark.django_db


def test_create_user_lowercases_and_mirrors_the_email() -> None:
    user = User.objects.create_user(email="Ada@Example.TEST", password="x-long-password")

    assert (user.email, user.username) == ("ada@example.test", "ada@example.test")


def test_create_superuser_is_staff() -> None:
    user = User.objects.create_superuser(email="root@example.test", password="x-long-password")

    assert (user.is_staff, user.is_superuser) == (True, True)
