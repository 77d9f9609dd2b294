import pytest
from django.contrib.auth.models import AnonymousUser

from magellan.core.permissions import can_view_job
from tests.factories import JobFactory, UserFactory

pytestmark = pytest.mark.django_db


def test_can_view_job_allows_its_creator_and_staff() -> None:
    job = JobFactory()

    allowed = [job.created_by, UserFactory(staff=True)]

    assert [can_view_job(user, job) for user in allowed] == [True, True]


def test_can_view_job_denies_others_and_anonymous() -> None:
    job = JobFactory()

    denied = [UserFactory(), AnonymousUser()]

    assert [can_view_job(user, job) for user in denied] == [False, False]


def test_can_view_job_denies_everyone_but_staff_when_creator_is_gone() -> None:
    job = JobFactory(created_by=None)

    assert (can_view_job(UserFactory(), job), can_view_job(UserFactory(staff=True), job)) == (
        False,
        True,
    )


def test_can_view_job_denies_no_user_at_all() -> None:
    """Callers without a request user (a task, the API without a token) pass None."""
    assert can_view_job(None, JobFactory()) is False
