"""Reads of the scheduler: each job with its next due time and its last runs."""

import datetime
from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass

from django.db.models import F, Window
from django.db.models.functions import RowNumber

from .jobs import JOBS
from .models import JobRun
from .registry import ScheduledJob

LAST_RUNS = 5


@dataclass(frozen=True)
class JobStatus:
    job: ScheduledJob
    next_due: datetime.datetime | None
    last_runs: list[JobRun]


def last_runs(names: Sequence[str], *, per_job: int = LAST_RUNS) -> dict[str, list[JobRun]]:
    """The `per_job` latest runs of each named job (one query), latest first."""
    rows = (
        JobRun.objects.filter(job_name__in=names)
        .annotate(
            rank=Window(RowNumber(), partition_by=[F("job_name")], order_by=F("due_at").desc())
        )
        .filter(rank__lte=per_job)
        .order_by("job_name", "-due_at")
    )
    runs: dict[str, list[JobRun]] = defaultdict(list)
    for run in rows:
        runs[run.job_name].append(run)
    return runs


def job_statuses(
    *, now: datetime.datetime, jobs: Sequence[ScheduledJob] | None = None
) -> list[JobStatus]:
    """Every job of the registry (in its order) with its next due time after `now` and last runs."""
    jobs = list(JOBS if jobs is None else jobs)
    runs = last_runs([job.name for job in jobs])
    return [
        JobStatus(job=job, next_due=job.schedule.next_due(now), last_runs=runs.get(job.name, []))
        for job in jobs
    ]
