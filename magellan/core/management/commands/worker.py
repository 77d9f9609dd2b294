"""`manage.py worker`: the background-task worker, made to outlive a database outage.

It runs django-tasks-db's worker; when the database goes away (OperationalError, InterfaceError)
it closes its connections, waits (1 s, 2 s, 4 s… up to 60 s) and starts again, instead of exiting.
On each start it fails the jobs left running by a worker that died (`expire_stale_jobs`) and
marks failed the task rows of its queues that a dead worker had claimed (one worker per queue).
A worker that may run grouping jobs (the default queue) first loads the group engine's kernels,
so that its first job does not wait for them (docs/engine.md, "Kernels and their cache").
"""

import logging
import time
import uuid
from argparse import ArgumentParser
from typing import Any

from django.core.management.base import BaseCommand
from django.db import InterfaceError, OperationalError, connections
from django.utils import timezone
from django_tasks.base import TaskResultStatus
from django_tasks_db.management.commands.db_worker import Worker
from django_tasks_db.models import DBTaskResult

from magellan.core import services

logger = logging.getLogger("magellan.worker")

MAX_DELAY = 60.0


def release_orphan_tasks(*, queue_names: list[str], excluded: list[str]) -> int:
    """Mark failed the task rows of these queues still marked running (their worker is gone)."""
    rows = DBTaskResult.objects.filter(status=TaskResultStatus.RUNNING)
    if "*" not in queue_names:
        rows = rows.filter(queue_name__in=queue_names)
    if excluded:
        rows = rows.exclude(queue_name__in=excluded)
    return rows.update(
        status=TaskResultStatus.FAILED,
        finished_at=timezone.now(),
        exception_class_path="builtins.RuntimeError",
        traceback="RuntimeError: the worker running this task stopped before it finished\n",
    )


def runs_default_queue(*, queue_names: list[str], excluded: list[str]) -> bool:
    """True when this worker may run the default queue's tasks (groups among them)."""
    return ("*" in queue_names or "default" in queue_names) and "default" not in excluded


class Command(BaseCommand):
    help = "Run the background tasks; survives database outages (retries with back-off)."

    def add_arguments(self, parser: ArgumentParser) -> None:
        parser.add_argument("--queue-name", default="*", help="queues to run, comma-separated")
        parser.add_argument("--exclude-queues", default="", help="queues not to run (with *)")
        parser.add_argument(
            "--interval",
            type=float,
            default=0.25,
            help="seconds between polls (a new task waits at most that long)",
        )
        parser.add_argument("--batch", action="store_true", help="stop when no task is left")

    def handle(self, *args: Any, **options: Any) -> None:
        queue_names = options["queue_name"].split(",")
        excluded = [q for q in options["exclude_queues"].split(",") if q]
        if runs_default_queue(queue_names=queue_names, excluded=excluded):
            from magellan.engine import warmup  # numba: only for a worker that forms groups

            warmup.ensure_ready()
        delay = 1.0
        while True:
            try:
                expired = services.expire_stale_jobs()
                orphans = release_orphan_tasks(queue_names=queue_names, excluded=excluded)
                if expired or orphans:
                    logger.warning("Ended %s stale jobs and %s orphan tasks", expired, orphans)
                worker = Worker(
                    queue_names=queue_names,
                    interval=options["interval"],
                    batch=options["batch"],
                    backend_name="default",
                    startup_delay=False,
                    max_tasks=None,
                    worker_id=uuid.uuid4().hex[:32],
                    excluded_queue_names=excluded,
                )
                worker.configure_signals()
                worker.run()
                return
            except (OperationalError, InterfaceError) as error:
                logger.warning("Database unavailable (%s); retrying in %.0f s", error, delay)
                connections.close_all()
                time.sleep(delay)
                delay = min(delay * 2, MAX_DELAY)
