"""Faults, rehearsed with real processes: PostgreSQL restarted while gunicorn serves pages, and a task
worker killed in the middle of a job.

PostgreSQL only: the restart uses a private server (its own data folder and port, the suite's schema
copied into it) so that the server the rest of the suite runs on is never touched."""

import os
import signal
import subprocess
import sys
import threading
import time
import urllib.error
import urllib.request
from pathlib import Path

import pytest
from django.db import connection
from django_tasks.base import TaskResultStatus
from django_tasks_db.models import DBTaskResult

from magellan.core import services
from magellan.core.models import Job, JobStatus
from tests.operations.postgres import bin_dir, client_env, free_port, private_server

ROOT = Path(__file__).resolve().parents[2]
PYTHON = sys.executable
GUNICORN = str(Path(PYTHON).with_name("gunicorn"))

pytestmark = [
    pytest.mark.skipif(
        connection.vendor != "postgresql",
        reason="The faults rehearsed here are PostgreSQL's (CI runs the suite on it).",
    ),
    pytest.mark.django_db(transaction=True),
]


def _get(url: str) -> tuple[int, str]:
    try:
        with urllib.request.urlopen(url, timeout=20) as response:  # noqa: S310 - loopback
            return response.status, response.read().decode()
    except urllib.error.HTTPError as error:
        return error.code, error.read().decode()


def _wait_until(predicate, seconds: float) -> bool:  # type: ignore[no-untyped-def]
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if predicate():
            return True
        time.sleep(0.2)
    return False


@pytest.mark.skipif(bin_dir() is None, reason="PostgreSQL's server programs are not installed")
def test_postgresql_restarted_under_load_fails_cleanly_and_recovers() -> None:
    with private_server() as server:
        env = server.env()
        subprocess.run(["createdb", "magellan"], env=env, check=True)  # noqa: S607
        schema = subprocess.run(
            ["pg_dump", "--schema-only", "--no-owner"],  # noqa: S607
            env=client_env(),
            capture_output=True,
            check=True,
        ).stdout
        subprocess.run(
            ["psql", "-q", "-v", "ON_ERROR_STOP=1", "-d", "magellan"],  # noqa: S607
            input=schema,
            env=env,
            capture_output=True,
            check=True,
        )
        port = free_port()
        app_env = dict(os.environ)
        app_env.update(
            DJANGO_SETTINGS_MODULE="config.settings.test",
            POSTGRES_DB="magellan",
            POSTGRES_USER="postgres",
            POSTGRES_PASSWORD="",
            POSTGRES_HOST="127.0.0.1",
            POSTGRES_PORT=str(server.port),
        )
        app = subprocess.Popen(  # noqa: S603
            [GUNICORN, "config.wsgi", "--bind", f"127.0.0.1:{port}", "--workers", "2"],
            cwd=ROOT,
            env=app_env,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        url = f"http://127.0.0.1:{port}/personnes/"
        try:
            assert _wait_until(lambda: _get(url)[0] == 200 if _ping(port) else False, 60)
            answers: list[tuple[float, int, str]] = []
            stop = threading.Event()

            def load() -> None:
                while not stop.is_set():
                    try:
                        status, body = _get(url)
                    except OSError as error:  # no answer at all: gunicorn did not cope
                        status, body = 0, repr(error)
                    answers.append((time.monotonic(), status, body))

            clients = [threading.Thread(target=load) for _ in range(4)]
            for client in clients:
                client.start()
            time.sleep(1.0)
            down = time.monotonic()
            server.stop()
            time.sleep(2.0)
            server.start()
            up = time.monotonic()
            # Recovered: twenty pages in a row answer, with no restart of gunicorn.
            assert _wait_until(
                lambda: len(answers) > 20 and all(s == 200 for _, s, _ in answers[-20:]), 30
            )
            stop.set()
            for client in clients:
                client.join()
        finally:
            app.send_signal(signal.SIGTERM)
            app.wait(timeout=20)

    failed = [(status, body) for moment, status, body in answers if status != 200]
    during = [status for moment, status, _ in answers if down <= moment <= up]
    back = next(moment for moment, status, _ in answers if moment > up and status == 200)
    # The figures, for the operations notes (shown with `pytest -s`).
    sys.stderr.write(
        f"\n{len(answers)} requests, {len(failed)} failed (statuses {sorted({s for s, _ in failed})}), "
        f"{len(during)} while PostgreSQL was down; answering again {back - up:.2f} s after its start\n"
    )
    assert during, "no request was made while PostgreSQL was down"
    assert failed, "PostgreSQL was stopped for two seconds: some requests must have failed"
    # Every failure is the site's own error page: a status, the DSFR page, no trace.
    assert {status for status, _ in failed} <= {500, 503}
    for _status, body in failed:
        assert 'class="fr-' in body
        assert "Traceback" not in body
        assert "OperationalError" not in body
    assert app.returncode is not None  # stopped by us, not before


def _ping(port: int) -> bool:
    try:
        urllib.request.urlopen(f"http://127.0.0.1:{port}/compte/connexion/", timeout=5)
    except OSError:
        return False
    return True


def test_a_worker_killed_in_a_job_leaves_it_failed_not_running() -> None:
    job = services.create_job(kind="fault-test", label="Tâche interrompue")
    env = client_env()
    env.update(
        DJANGO_SETTINGS_MODULE="config.settings.base",
        POSTGRES_DB=env["PGDATABASE"],
        POSTGRES_USER=env["PGUSER"],
        POSTGRES_PASSWORD=env["PGPASSWORD"],
        POSTGRES_HOST=env["PGHOST"],
        POSTGRES_PORT=env["PGPORT"],
        SECRET_KEY="fault-test",
    )
    enqueue = f"from tests.operations.tasks import hold_job; hold_job.enqueue({job.pk})"
    subprocess.run(  # noqa: S603
        [PYTHON, "manage.py", "shell", "-c", enqueue], cwd=ROOT, env=env, check=True
    )
    worker = subprocess.Popen(  # noqa: S603
        [PYTHON, "manage.py", "worker", "--queue-name", "emails", "--interval", "0.1"],
        cwd=ROOT,
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    try:
        assert _wait_until(lambda: Job.objects.get(pk=job.pk).progress_done == 1, 60), (
            "the worker never started the job"
        )
    finally:
        worker.send_signal(signal.SIGKILL)  # the machine lost it: no clean-up of any kind
        worker.wait(timeout=10)
    job.refresh_from_db()
    assert job.status == JobStatus.RUNNING  # as the dead worker left it

    # The next worker to start (systemd restarts it) ends what the dead one left running. The
    # silence that marks a job dead is 15 minutes in production; none here, to keep the test short.
    env["MAGELLAN_JOB_STALE_MINUTES"] = "0"
    subprocess.run(  # noqa: S603
        [PYTHON, "manage.py", "worker", "--queue-name", "emails", "--batch"],
        cwd=ROOT,
        env=env,
        check=True,
        timeout=120,
        capture_output=True,
    )

    job.refresh_from_db()
    assert job.status == JobStatus.FAILED
    assert job.error.startswith("Cette tâche s’est interrompue sans finir")
    task_row = DBTaskResult.objects.get(args_kwargs__args=[job.pk])
    assert task_row.status == TaskResultStatus.FAILED
