import pytest
from django.contrib.auth.models import AnonymousUser

from magellan.core.permissions import can_view_job
from magellan.core.queries import jobs_visible_to
from tests.factories import JobFactory, UserFactory

pytestmark = pytest.mark.django_db


def test_jobs_visible_to_agrees_with_can_view_job_for_every_user_and_job():
    launcher, other, staff = UserFactory(), UserFactory(), UserFactory(staff=True)
    jobs = [
        JobFactory(created_by=launcher),
        JobFactory(created_by=other),
        JobFactory(created_by=None),
    ]

    for user in (AnonymousUser(), launcher, other, staff):
        visible = set(jobs_visible_to(user))
        assert visible == {job for job in jobs if can_view_job(user, job)}, user

    assert set(jobs_visible_to(launcher)) == {jobs[0]}
    assert set(jobs_visible_to(staff)) == set(jobs)
    assert set(jobs_visible_to(AnonymousUser())) == set()
