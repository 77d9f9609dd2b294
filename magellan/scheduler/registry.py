"""`ScheduledJob`: what a line of `jobs.JOBS` is (a name, a description, a schedule, a function)."""

import datetime
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from django.utils.functional import Promise
from django.utils.module_loading import import_string

from magellan.scheduler.schedules import Schedule

JobFunction = Callable[..., Any]


@dataclass(frozen=True)
class ScheduledJob:
    """A job of the registry: `run(now=<the due time>)` returns a short summary or a count.

    `run` is a callable or its dotted path (imported when the job runs, so that `jobs.py` imports
    no app). `max_delay`: a due time found later than this (the scheduler was stopped) is recorded
    as skipped instead of run — for a reminder that makes no sense late; None: always caught up.
    """

    name: str
    description: str | Promise
    schedule: Schedule
    run: str | JobFunction
    max_delay: datetime.timedelta | None = None

    def function(self) -> JobFunction:
        """The callable to run (imports a dotted path)."""
        if isinstance(self.run, str):
            function: JobFunction = import_string(self.run)
            return function
        return self.run
