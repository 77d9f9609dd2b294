"""The worker outlives database outages, and jobs a dead worker left running end failed."""

import datetime
from typing import Any

import pytest
from django.core.management import call_command
from django.db import OperationalError
from django.test import Client
from django.urls import reverse
from django.utils import timezone
from django_tasks.base import TaskResultStatus
from django_tasks_db.models import DBTaskResult

from magellan.core import services
from magellan.core.management.commands import worker as worker_command
from magellan.core.models import Job, JobStatus
from tests.factories import JobFactory, UserFactory

pytestmark = pytest.mark.django_db


def _age(job: Job, minutes: int) -> None:
    Job.objects.filter(pk=job.pk).update(
        updated_at=timezone.now() - datetime.timedelta(minutes=minutes)
    )


def test_expire_stale_jobs_fails_only_running_jobs_silent_for_too_long() -> None:
    silent = JobFactory(status=JobStatus.RUNNING)
    recent = JobFactory(status=JobStatus.RUNNING)
    waiting = JobFactory(status=JobStatus.PENDING)
    _age(silent, 16)
    _age(recent, 14)
    _age(waiting, 60)

    assert services.expire_stale_jobs() == 1

    statuses = dict(Job.objects.values_list("pk", "status"))
    assert statuses == {
        silent.pk: JobStatus.FAILED,
        recent.pk: JobStatus.RUNNING,
        waiting.pk: JobStatus.PENDING,
    }
    assert Job.objects.get(pk=silent.pk).error.startswith("Cette tâche s’est interrompue")


def test_expire_stale_jobs_follows_the_setting_and_says_why(settings: Any) -> None:
    settings.MAGELLAN_JOB_STALE_MINUTES = 5
    job = JobFactory(status=JobStatus.RUNNING)
    _age(job, 6)
    before = timezone.now()

    assert services.expire_stale_jobs() == 1

    job.refresh_from_db()
    assert job.error == (
        "Cette tâche s’est interrompue sans finir (le service des tâches de fond a redémarré ou "
        "s’est arrêté). Rien n’a été perdu de ce qui était déjà enregistré ; relancez-la."
    )
    # It ended now, and its last update is now (not the silence that made it stale).
    assert before <= job.finished_at <= timezone.now()
    assert before <= job.updated_at <= timezone.now()


def test_job_page_says_a_dead_workers_job_failed(client: Client) -> None:
    user = UserFactory()
    job = JobFactory(status=JobStatus.RUNNING, created_by=user)
    _age(job, 30)
    client.force_login(user)

    state = client.get(reverse("core:job_status_json", kwargs={"pk": job.pk})).json()

    assert (state["status"], state["finished"]) == (JobStatus.FAILED, True)
    assert state["error"].startswith("Cette tâche s’est interrompue")


def _task_row(queue: str, status: str) -> DBTaskResult:
    return DBTaskResult.objects.create(
        status=status,
        args_kwargs={"args": [], "kwargs": {}},
        task_path="magellan.program.tasks.send_session_email",
        queue_name=queue,
        backend_name="default",
    )


def test_release_orphan_tasks_fails_running_rows_of_its_queues_only() -> None:
    mine = _task_row("default", TaskResultStatus.RUNNING)
    other_queue = _task_row("emails", TaskResultStatus.RUNNING)
    ready = _task_row("default", TaskResultStatus.READY)

    released = worker_command.release_orphan_tasks(queue_names=["default"], excluded=[])

    assert released == 1
    assert dict(DBTaskResult.objects.values_list("pk", "status")) == {
        mine.pk: TaskResultStatus.FAILED,
        other_queue.pk: TaskResultStatus.RUNNING,
        ready.pk: TaskResultStatus.READY,
    }


def test_worker_waits_and_retries_when_the_database_goes_away(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    runs: list[str] = []
    sleeps: list[float] = []

    def run(self: object) -> None:
        runs.append("run")
        if len(runs) < 4:
            raise OperationalError("could not connect to server")

    monkeypatch.setattr(worker_command.Worker, "run", run)
    monkeypatch.setattr(worker_command.Worker, "configure_signals", lambda self: None)
    monkeypatch.setattr(worker_command.time, "sleep", sleeps.append)
    monkeypatch.setattr(worker_command.connections, "close_all", lambda: None)

    call_command("worker", "--batch")

    assert runs == ["run"] * 4
    assert sleeps == [1.0, 2.0, 4.0]


@pytest.mark.parametrize(
    ("argv", "readies"),
    [
        ([], True),
        (["--queue-name", "*", "--exclude-queues", "emails"], True),
        (["--queue-name", "default"], True),
        (["--queue-name", "emails"], False),
        (["--queue-name", "*", "--exclude-queues", "default"], False),
    ],
)
def test_worker_readies_the_group_engine_before_its_first_job(
    monkeypatch: pytest.MonkeyPatch, argv: list[str], readies: bool
) -> None:
    events: list[str] = []
    from magellan.engine import warmup

    monkeypatch.setattr(warmup, "ensure_ready", lambda: events.append("engine"))
    monkeypatch.setattr(worker_command.Worker, "run", lambda self: events.append("run"))
    monkeypatch.setattr(worker_command.Worker, "configure_signals", lambda self: None)

    call_command("worker", "--batch", *argv)

    assert events == (["engine", "run"] if readies else ["run"])
