"""`manage.py run_scheduled`: run the scheduled jobs that are due (cron every minute, or --loop).

Safe to call as often as one likes, from several machines: each (job, due time) runs once
(magellan.scheduler.services). With --loop it runs again every N seconds until stopped, and
survives a database outage like `manage.py worker` (waits 1, 2, 4… up to 60 s, then again).
"""

import datetime
import logging
import time
from argparse import ArgumentParser
from typing import Any

from django.core.management.base import BaseCommand, CommandError
from django.db import InterfaceError, OperationalError, connections
from django.utils import timezone

from magellan.scheduler import services
from magellan.scheduler.schedules import PARIS

logger = logging.getLogger("magellan.scheduler")

MAX_DELAY = 60.0


def parse_now(value: str) -> datetime.datetime:
    """An ISO 8601 date-time; without an offset it is Paris local time."""
    try:
        parsed = datetime.datetime.fromisoformat(value)
    except ValueError:
        raise CommandError(
            f"--now: « {value} » is not an ISO 8601 date-time (e.g. 2026-12-11T10:00 for Paris "
            "time, or 2026-12-11T09:00+00:00)."
        ) from None
    if timezone.is_naive(parsed):
        parsed = parsed.replace(tzinfo=PARIS)
    return parsed


class Command(BaseCommand):
    help = (
        "Run the scheduled jobs that are due (magellan/scheduler/jobs.py), each due time once; "
        "safe to call every minute from cron or from several machines."
    )

    def add_arguments(self, parser: ArgumentParser) -> None:
        parser.add_argument(
            "--now",
            help="act as if it were this ISO date-time (Paris time unless it has an offset)",
        )
        parser.add_argument(
            "--loop",
            type=float,
            metavar="SECONDS",
            help="run again every SECONDS seconds until stopped",
        )
        parser.add_argument("--only", metavar="NAME", help="run only this job (if it is due)")

    def handle(self, *args: Any, **options: Any) -> None:
        now = parse_now(options["now"]) if options["now"] is not None else None
        loop = options["loop"]
        only = options["only"]
        if loop is not None and loop <= 0:
            raise CommandError("--loop: the interval must be a positive number of seconds.")
        if loop is not None and now is not None:
            raise CommandError("--loop and --now cannot be used together.")
        try:
            services.select_jobs(only=only)
        except services.SchedulerError as error:
            raise CommandError(str(error)) from None
        if loop is None:
            self._run_once(now=now, only=only)
            return
        delay = 1.0
        try:
            while True:
                try:
                    self._run_once(now=None, only=only)
                    delay = 1.0
                    time.sleep(loop)
                except (OperationalError, InterfaceError) as error:
                    logger.warning("Database unavailable (%s); retrying in %.0f s", error, delay)
                    connections.close_all()
                    time.sleep(delay)
                    delay = min(delay * 2, MAX_DELAY)
        except KeyboardInterrupt:
            self.stdout.write("Stopped.")

    def _run_once(self, *, now: datetime.datetime | None, only: str | None) -> None:
        for run in services.run_due_jobs(now=now, only=only):
            due = run.due_at.astimezone(PARIS).strftime("%Y-%m-%d %H:%M")
            detail = run.error or run.summary
            self.stdout.write(
                f"{run.job_name} (due {due}): {run.outcome}{': ' if detail else ''}{detail}"
            )
