import datetime
import io

import pytest
from django.core.management import CommandError, call_command
from django.db import OperationalError, connection

from magellan.scheduler.management.commands import run_scheduled
from magellan.scheduler.models import JobRun, Outcome
from magellan.scheduler.schedules import PARIS

pytestmark = pytest.mark.django_db


def run(*args: str) -> str:
    out = io.StringIO()
    call_command("run_scheduled", *args, stdout=out)
    return out.getvalue()


def test_now_runs_the_due_jobs_once_and_says_so(settings, mailoutbox):
    settings.MAGELLAN_SCHEDULER_FIRST_RUN_GRACE_HOURS = 6
    output = run("--now", "2026-12-08T10:00", "--only", "program.send_reminders")
    assert output == "program.send_reminders (due 2026-12-08 10:00): succeeded: 0\n"
    assert run("--now", "2026-12-08T10:30", "--only", "program.send_reminders") == ""
    assert JobRun.objects.get().outcome == Outcome.SUCCEEDED


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("2026-12-08T10:00", datetime.datetime(2026, 12, 8, 10, 0, tzinfo=PARIS)),
        ("2026-07-01 10:00", datetime.datetime(2026, 7, 1, 8, 0, tzinfo=datetime.UTC)),
        ("2026-12-08T09:00+00:00", datetime.datetime(2026, 12, 8, 10, 0, tzinfo=PARIS)),
    ],
)
def test_now_is_paris_time_unless_it_has_an_offset(value, expected):
    assert run_scheduled.parse_now(value) == expected


@pytest.mark.parametrize("value", ["demain", "2026-13-01T10:00", "10:00", ""])
def test_a_bad_now_is_a_clear_error(value):
    with pytest.raises(CommandError) as refused:
        run("--now", value)
    assert "is not an ISO 8601 date-time" in str(refused.value)
    assert JobRun.objects.count() == 0


def test_an_unknown_only_is_a_clear_error():
    with pytest.raises(CommandError) as refused:
        run("--only", "bulletins.nope")
    assert str(refused.value).startswith(
        "Aucune tâche planifiée ne s’appelle « bulletins.nope ». Tâches connues : "
    )


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (("--loop", "0"), "--loop: the interval must be a positive number of seconds."),
        (
            ("--loop", "60", "--now", "2026-12-08T10:00"),
            "--loop and --now cannot be used together.",
        ),
    ],
)
def test_bad_loop_options_are_refused(args, message):
    with pytest.raises(CommandError) as refused:
        run(*args)
    assert str(refused.value) == message


def test_loop_runs_until_stopped(monkeypatch):
    pauses: list[float] = []

    def sleep(seconds: float) -> None:
        pauses.append(seconds)
        if len(pauses) == 2:
            raise KeyboardInterrupt

    monkeypatch.setattr(run_scheduled.time, "sleep", sleep)
    output = run("--loop", "60", "--only", "accounts.purge_login_log")
    assert pauses == [60.0, 60.0]
    assert output.endswith("Stopped.\n")
    # Three minutes of loop at the same real time: at most one run for the job's latest due time.
    assert JobRun.objects.filter(job_name="accounts.purge_login_log").count() <= 1


@pytest.mark.django_db(transaction=True)
def test_loop_survives_a_database_outage(monkeypatch, caplog):
    """The first pass finds the database gone: the loop waits 1 s and goes on (like `worker`)."""
    pauses: list[float] = []
    closed: list[bool] = []
    real_ensure = connection.ensure_connection
    failures = [OperationalError("connection refused")]

    def ensure_connection() -> None:
        if failures:
            raise failures.pop()
        real_ensure()

    def sleep(seconds: float) -> None:
        pauses.append(seconds)
        if len(pauses) == 2:
            raise KeyboardInterrupt

    monkeypatch.setattr(connection, "ensure_connection", ensure_connection)
    monkeypatch.setattr(run_scheduled.connections, "close_all", lambda: closed.append(True))
    monkeypatch.setattr(run_scheduled.time, "sleep", sleep)
    output = run("--loop", "60", "--only", "accounts.purge_login_log")
    assert pauses == [1.0, 60.0]
    assert closed == [True]
    assert "Database unavailable (connection refused); retrying in 1 s" in caplog.text
    assert output.endswith("Stopped.\n")
