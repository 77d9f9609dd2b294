import datetime
import logging
import threading
import time

import pytest
from django.db import connection, transaction

from magellan.scheduler import services
from magellan.scheduler.jobs import JOBS
from magellan.scheduler.models import JobRun, Outcome
from magellan.scheduler.registry import ScheduledJob
from magellan.scheduler.schedules import PARIS, Daily, LastWorkingDayOfWeek
from tests.factories import JobRunFactory

pytestmark = pytest.mark.django_db


def paris(*args: int) -> datetime.datetime:
    return datetime.datetime(*args, tzinfo=PARIS)  # type: ignore[misc]


class Recorder:
    """A job function that records the `now` it was given."""

    def __init__(self, result: object = 1) -> None:
        self.calls: list[datetime.datetime] = []
        self.result = result

    def __call__(self, *, now: datetime.datetime) -> object:
        self.calls.append(now)
        return self.result


def job(run, *, name="test.job", at=datetime.time(10, 0), schedule=None, max_delay=None):
    return ScheduledJob(
        name=name,
        description="test",
        schedule=schedule or Daily(at=at),
        run=run,
        max_delay=max_delay,
    )


def test_a_due_job_runs_once_however_often_it_is_called():
    recorder = Recorder(result=3)
    jobs = [job(recorder)]
    first = services.run_due_jobs(now=paris(2026, 12, 8, 10, 0), jobs=jobs)
    for now in [paris(2026, 12, 8, 10, 0)] * 2 + [
        paris(2026, 12, 8, 10, 1),
        paris(2026, 12, 8, 23, 59),
    ]:
        assert services.run_due_jobs(now=now, jobs=jobs) == []
    assert recorder.calls == [paris(2026, 12, 8, 10, 0)]
    assert [(run.due_at, run.outcome, run.summary) for run in first] == [
        (paris(2026, 12, 8, 10, 0), Outcome.SUCCEEDED, "3")
    ]
    run = JobRun.objects.get()
    assert run.finished_at is not None
    assert run.finished_at >= run.started_at


def test_nothing_runs_before_the_due_time_and_the_next_due_time_runs_again():
    recorder = Recorder()
    jobs = [job(recorder)]
    JobRunFactory(job_name="test.job", due_at=paris(2026, 12, 7, 10, 0))
    assert services.run_due_jobs(now=paris(2026, 12, 8, 9, 59), jobs=jobs) == []
    services.run_due_jobs(now=paris(2026, 12, 8, 10, 0), jobs=jobs)
    services.run_due_jobs(now=paris(2026, 12, 9, 10, 0), jobs=jobs)
    assert recorder.calls == [paris(2026, 12, 8, 10, 0), paris(2026, 12, 9, 10, 0)]


def test_a_paused_scheduler_catches_up_the_latest_missed_due_time_once():
    recorder = Recorder()
    jobs = [job(recorder)]
    JobRunFactory(job_name="test.job", due_at=paris(2026, 12, 7, 10, 0))
    # Stopped from Monday 10:00 to Thursday 15:00: Tuesday's, Wednesday's and Thursday's are missed.
    services.run_due_jobs(now=paris(2026, 12, 10, 15, 0), jobs=jobs)
    services.run_due_jobs(now=paris(2026, 12, 10, 15, 1), jobs=jobs)
    assert recorder.calls == [paris(2026, 12, 10, 10, 0)]
    assert list(JobRun.objects.order_by("due_at").values_list("due_at", flat=True)) == [
        paris(2026, 12, 7, 10, 0),
        paris(2026, 12, 10, 10, 0),
    ]


def test_a_job_never_run_runs_its_latest_due_time_within_the_grace(settings):
    settings.MAGELLAN_SCHEDULER_FIRST_RUN_GRACE_HOURS = 6
    recorder = Recorder()
    services.run_due_jobs(now=paris(2026, 12, 8, 16, 0), jobs=[job(recorder)])
    assert recorder.calls == [paris(2026, 12, 8, 10, 0)]


def test_a_job_never_run_skips_a_due_time_past_the_grace(settings):
    """Deployed at 23:00: the 10:00 job is recorded as skipped, and runs the next day."""
    settings.MAGELLAN_SCHEDULER_FIRST_RUN_GRACE_HOURS = 6
    recorder = Recorder()
    jobs = [job(recorder)]
    [run] = services.run_due_jobs(now=paris(2026, 12, 8, 23, 0), jobs=jobs)
    assert (run.outcome, run.due_at, recorder.calls) == (
        Outcome.SKIPPED,
        paris(2026, 12, 8, 10, 0),
        [],
    )
    assert run.summary.startswith("Première exécution")
    services.run_due_jobs(now=paris(2026, 12, 9, 10, 0), jobs=jobs)
    assert recorder.calls == [paris(2026, 12, 9, 10, 0)]


def test_the_grace_only_applies_to_a_job_never_run(settings):
    settings.MAGELLAN_SCHEDULER_FIRST_RUN_GRACE_HOURS = 6
    recorder = Recorder()
    JobRunFactory(job_name="test.job", due_at=paris(2026, 12, 1, 10, 0))
    services.run_due_jobs(now=paris(2026, 12, 8, 23, 0), jobs=[job(recorder)])
    assert recorder.calls == [paris(2026, 12, 8, 10, 0)]


def test_a_job_with_a_max_delay_is_skipped_when_found_later():
    recorder = Recorder()
    jobs = [job(recorder, max_delay=datetime.timedelta(hours=2))]
    JobRunFactory(job_name="test.job", due_at=paris(2026, 12, 7, 10, 0))
    [run] = services.run_due_jobs(now=paris(2026, 12, 8, 12, 1), jobs=jobs)
    assert (run.outcome, recorder.calls) == (Outcome.SKIPPED, [])
    services.run_due_jobs(now=paris(2026, 12, 9, 12, 0), jobs=jobs)
    assert recorder.calls == [paris(2026, 12, 9, 10, 0)]


def test_a_failing_job_records_its_error_and_the_others_still_run(caplog):
    def broken(*, now: datetime.datetime) -> int:
        raise RuntimeError("serveur de courriel injoignable")

    recorder = Recorder()
    jobs = [job(broken, name="test.broken", at=datetime.time(9, 0)), job(recorder)]
    with caplog.at_level(logging.ERROR, logger="magellan.scheduler"):
        runs = services.run_due_jobs(now=paris(2026, 12, 8, 10, 0), jobs=jobs)
    assert [(run.job_name, run.outcome) for run in runs] == [
        ("test.broken", Outcome.FAILED),
        ("test.job", Outcome.SUCCEEDED),
    ]
    failed = JobRun.objects.get(job_name="test.broken")
    assert failed.error == "RuntimeError: serveur de courriel injoignable"
    assert "Traceback" in failed.traceback
    assert failed.finished_at is not None
    assert recorder.calls == [paris(2026, 12, 8, 10, 0)]
    assert "Scheduled job test.broken" in caplog.text
    # A failed due time is not retried: the next one is.
    assert services.run_due_jobs(now=paris(2026, 12, 8, 10, 5), jobs=jobs) == []


def test_holidays_move_the_last_working_day_job_to_thursday():
    recorder = Recorder()
    jobs = [job(recorder, schedule=LastWorkingDayOfWeek(at=datetime.time(10, 0)))]
    JobRunFactory(job_name="test.job", due_at=paris(2026, 12, 18, 10, 0))
    assert services.run_due_jobs(now=paris(2026, 12, 24, 9, 59), jobs=jobs) == []
    services.run_due_jobs(now=paris(2026, 12, 24, 10, 0), jobs=jobs)
    services.run_due_jobs(now=paris(2026, 12, 25, 10, 0), jobs=jobs)
    assert recorder.calls == [paris(2026, 12, 24, 10, 0)]


def test_only_runs_the_named_job_and_refuses_an_unknown_name():
    first, second = Recorder(), Recorder()
    jobs = [job(first, name="test.first"), job(second, name="test.second")]
    services.run_due_jobs(now=paris(2026, 12, 8, 10, 0), only="test.second", jobs=jobs)
    assert (first.calls, second.calls) == ([], [paris(2026, 12, 8, 10, 0)])
    with pytest.raises(services.SchedulerError) as refused:
        services.run_due_jobs(now=paris(2026, 12, 8, 10, 0), only="test.third", jobs=jobs)
    assert str(refused.value) == (
        "Aucune tâche planifiée ne s’appelle « test.third ». Tâches connues : test.first, test.second."
    )


def test_a_naive_now_is_refused():
    with pytest.raises(services.SchedulerError):
        services.run_due_jobs(now=datetime.datetime(2026, 12, 8, 10, 0), jobs=[])


def test_a_run_left_running_by_a_dead_process_is_ended_failed():
    stale = JobRunFactory(
        outcome=Outcome.RUNNING, finished_at=None, started_at=paris(2020, 1, 1, 10, 0)
    )
    fresh = JobRunFactory(
        outcome=Outcome.RUNNING, finished_at=None, started_at=datetime.datetime.now(PARIS)
    )
    assert services.end_stale_runs() == 1
    stale.refresh_from_db()
    fresh.refresh_from_db()
    assert (stale.outcome, fresh.outcome) == (Outcome.FAILED, Outcome.RUNNING)


def test_the_registry_names_are_unique():
    assert len({job.name for job in JOBS}) == len(JOBS)


@pytest.mark.parametrize("registered", JOBS, ids=lambda registered: registered.name)
def test_each_registered_job_runs_at_its_due_time(registered, mailoutbox):
    due = registered.schedule.next_due(paris(2026, 12, 8, 0, 0))
    [run] = services.run_due_jobs(now=due, only=registered.name)
    assert (run.due_at, run.outcome, run.error) == (due, Outcome.SUCCEEDED, "")


@pytest.mark.skipif(
    connection.vendor != "postgresql",
    reason="Two connections claiming the same row at once: SQLite serialises every write.",
)
@pytest.mark.django_db(transaction=True)
def test_two_concurrent_callers_run_a_job_once():
    calls: list[datetime.datetime] = []

    def slow(*, now: datetime.datetime) -> int:
        calls.append(now)
        time.sleep(0.3)
        return 1

    jobs = [job(slow)]
    JobRunFactory(job_name="test.job", due_at=paris(2026, 12, 7, 10, 0))
    start = threading.Barrier(2)
    results: list[int] = []

    def caller() -> None:
        try:
            start.wait()
            results.append(len(services.run_due_jobs(now=paris(2026, 12, 8, 10, 0), jobs=jobs)))
        finally:
            connection.close()

    threads = [threading.Thread(target=caller) for _ in range(2)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert sorted(results) == [0, 1]
    assert calls == [paris(2026, 12, 8, 10, 0)]
    assert JobRun.objects.filter(job_name="test.job", due_at=paris(2026, 12, 8, 10, 0)).count() == 1


@pytest.mark.skipif(
    connection.vendor != "postgresql",
    reason="A second connection waiting on the first one's uncommitted row: PostgreSQL's locking.",
)
@pytest.mark.django_db(transaction=True)
def test_a_caller_waiting_on_another_machines_claim_skips_the_job():
    """Machine A has inserted the row and not committed yet; machine B (this call) passes the
    quick check, waits on the unique index, then skips when A commits."""
    recorder = Recorder()
    jobs = [job(recorder)]
    JobRunFactory(job_name="test.job", due_at=paris(2026, 12, 7, 10, 0))
    outcome: list[object] = []

    def machine_b() -> None:
        try:
            outcome.append(services.run_due_jobs(now=paris(2026, 12, 8, 10, 0), jobs=jobs))
        except Exception as error:  # the assertion below shows it
            outcome.append(error)
        finally:
            connection.close()

    with transaction.atomic():
        JobRun.objects.create(
            job_name="test.job",
            due_at=paris(2026, 12, 8, 10, 0),
            started_at=paris(2026, 12, 8, 10, 0),
            outcome=Outcome.RUNNING,
        )
        thread = threading.Thread(target=machine_b)
        thread.start()
        time.sleep(0.5)
        assert outcome == []  # B is waiting on A's row
    thread.join()
    assert outcome == [[]]
    assert recorder.calls == []
