"""Running the scheduled jobs that are due: claim a run-log row, run, record the outcome.

Rules (docs/scheduler.md):
- A job is due when its latest due time at or before `now` has no row yet. Catch-up after a pause:
  only that latest missed due time runs, once (earlier missed ones are not replayed).
- The row is inserted (claimed) BEFORE the job runs; the (job, due time) unique constraint makes a
  second caller (cron every minute, another machine) skip it: a due time runs at most once.
- A job never run before runs its latest due time only if it is at most
  MAGELLAN_SCHEDULER_FIRST_RUN_GRACE_HOURS late; otherwise that due time is recorded as skipped (a
  deployment at 23:00 does not send the 10:00 reminders). A job's `max_delay` does the same at
  every run, for jobs that make no sense late.
- The job is called with `now=<its due time>`. A failing job records its error (and the error is
  logged); the other jobs still run.
"""

import datetime
import logging
import traceback
from collections.abc import Sequence
from typing import Any

from django.conf import settings
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from .jobs import JOBS
from .models import JobRun, Outcome
from .registry import ScheduledJob

logger = logging.getLogger("magellan.scheduler")

# A run still marked running after this long was interrupted (its process died): it is marked failed.
STALE_AFTER = datetime.timedelta(hours=6)


class SchedulerError(Exception):
    """A refused scheduler request (an unknown job, a naive date)."""


def select_jobs(
    *, only: str | None = None, jobs: Sequence[ScheduledJob] | None = None
) -> list[ScheduledJob]:
    """The registry's jobs, or the one named `only` (SchedulerError when no job has that name)."""
    jobs = list(JOBS if jobs is None else jobs)
    if only is None:
        return jobs
    chosen = [job for job in jobs if job.name == only]
    if not chosen:
        raise SchedulerError(
            _("Aucune tâche planifiée ne s’appelle « %(name)s ». Tâches connues : %(names)s.")
            % {"name": only, "names": ", ".join(job.name for job in jobs)}
        )
    return chosen


def _summary(result: Any) -> str:
    return "" if result is None else str(result)[:255]


def _skip_reason(job: ScheduledJob, *, due: datetime.datetime, now: datetime.datetime) -> str:
    late = now - due
    grace = datetime.timedelta(hours=settings.MAGELLAN_SCHEDULER_FIRST_RUN_GRACE_HOURS)
    if late > grace and not JobRun.objects.filter(job_name=job.name).exists():
        return _(
            "Première exécution : échéance dépassée de plus de %(hours)s h, non rattrapée."
        ) % {"hours": settings.MAGELLAN_SCHEDULER_FIRST_RUN_GRACE_HOURS}
    if job.max_delay is not None and late > job.max_delay:
        return _("Échéance dépassée de plus que le retard permis pour cette tâche, non rattrapée.")
    return ""


def _claim(job: ScheduledJob, *, due: datetime.datetime, skip_reason: str) -> JobRun | None:
    """Insert the run's row; None when another caller already has it."""
    started = timezone.now()
    try:
        with transaction.atomic():
            return JobRun.objects.create(
                job_name=job.name,
                due_at=due,
                started_at=started,
                finished_at=started if skip_reason else None,
                outcome=Outcome.SKIPPED if skip_reason else Outcome.RUNNING,
                summary=skip_reason,
            )
    except IntegrityError:
        return None


def _run(job: ScheduledJob, run: JobRun) -> None:
    try:
        result = job.function()(now=run.due_at)
    except Exception as error:  # a failing job must not stop the others: recorded and logged
        logger.exception("Scheduled job %s (due %s) failed", job.name, run.due_at.isoformat())
        run.outcome = Outcome.FAILED
        run.error = f"{type(error).__name__}: {error}"
        run.traceback = traceback.format_exc()
    else:
        run.outcome = Outcome.SUCCEEDED
        run.summary = _summary(result)
        logger.info("Scheduled job %s (due %s): %s", job.name, run.due_at.isoformat(), run.summary)
    run.finished_at = timezone.now()
    run.save(update_fields=["outcome", "summary", "error", "traceback", "finished_at"])


def end_stale_runs(*, now: datetime.datetime | None = None) -> int:
    """Mark failed the runs still marked running after STALE_AFTER (their process died)."""
    now = now or timezone.now()
    return JobRun.objects.filter(outcome=Outcome.RUNNING, started_at__lt=now - STALE_AFTER).update(
        outcome=Outcome.FAILED,
        finished_at=now,
        error=_("Interrompue : le processus qui l’exécutait s’est arrêté avant la fin."),
    )


def run_due_jobs(
    *,
    now: datetime.datetime | None = None,
    only: str | None = None,
    jobs: Sequence[ScheduledJob] | None = None,
) -> list[JobRun]:
    """Run once each job whose latest due time ≤ now has no run yet; return the rows this call made."""
    if now is not None and timezone.is_naive(now):
        raise SchedulerError(_("L’heure donnée doit porter son fuseau horaire."))
    now = now or timezone.now()
    selected = select_jobs(only=only, jobs=jobs)
    end_stale_runs()
    runs = []
    for job in selected:
        due = job.schedule.latest_due(now)
        if due is None or JobRun.objects.filter(job_name=job.name, due_at=due).exists():
            continue
        skip_reason = _skip_reason(job, due=due, now=now)
        run = _claim(job, due=due, skip_reason=skip_reason)
        if run is None:
            continue
        if skip_reason:
            logger.info(
                "Scheduled job %s (due %s) skipped: %s", job.name, due.isoformat(), skip_reason
            )
        else:
            _run(job, run)
        runs.append(run)
    return runs
