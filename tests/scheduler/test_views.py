import datetime
import itertools

import pytest
from django.urls import reverse

from magellan.scheduler.jobs import JOBS
from magellan.scheduler.models import Outcome
from tests.factories import JobRunFactory, PersonFactory, UserFactory
from tests.query_counts import assert_queries_do_not_grow

pytestmark = pytest.mark.django_db

URL = reverse("scheduler:job_list")


def test_the_page_lists_every_job_its_next_due_time_and_its_last_runs(client):
    client.force_login(UserFactory(staff=True))
    JobRunFactory(
        job_name="program.send_reminders",
        due_at=datetime.datetime(2026, 12, 1, 9, 0, tzinfo=datetime.UTC),
        outcome=Outcome.FAILED,
        error="RuntimeError: serveur injoignable",
    )
    JobRunFactory(job_name="program.send_reminders", summary="4 rappels")
    response = client.get(URL)
    text = response.content.decode()
    for job in JOBS:
        assert job.name in text
        assert str(job.description) in text
    assert "Chaque jour à 10:00" in text
    assert "Prochaine échéance" in text
    assert "RuntimeError: serveur injoignable" in text
    assert "4 rappels" in text
    assert "En échec" in text
    assert "1er décembre 2026, 10:00" in text


def test_a_coach_by_role_sees_the_page(client):
    coach = PersonFactory(coach=True)
    client.force_login(coach.user)
    assert client.get(URL).status_code == 200


def test_the_runs_list_does_not_grow_the_queries(client):
    client.force_login(UserFactory(staff=True))
    counter = itertools.count()
    names = itertools.cycle([job.name for job in JOBS])

    def make() -> str:
        summary = f"compte-rendu-{next(counter)}"
        JobRunFactory(job_name=next(names), summary=summary)
        return summary

    assert_queries_do_not_grow(client, URL, make)


def test_only_the_last_five_runs_of_a_job_are_shown(client):
    client.force_login(UserFactory(staff=True))
    for number in range(7):
        JobRunFactory(job_name="program.send_reminders", summary=f"passage-{number}")
    text = client.get(URL).content.decode()
    assert [f"passage-{n}" in text for n in range(7)] == [False, False] + [True] * 5


def test_the_admin_is_read_only(client):
    client.force_login(UserFactory(staff=True))
    run = JobRunFactory()
    assert client.get(reverse("admin:scheduler_jobrun_changelist")).status_code == 200
    assert client.get(reverse("admin:scheduler_jobrun_add")).status_code == 403
    assert client.get(reverse("admin:scheduler_jobrun_delete", args=[run.pk])).status_code == 403
    response = client.post(
        reverse("admin:scheduler_jobrun_change", args=[run.pk]), {"summary": "changé"}
    )
    assert response.status_code == 403
    run.refresh_from_db()
    assert run.summary == "0"
