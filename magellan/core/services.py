"""Background jobs: create one, report its progress, record how it ended.

Progress writes use `QuerySet.update` so that a task running in a worker only touches the
fields it reports, and a page polling the job sees each step as soon as it is committed.
"""

import datetime
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from typing import Any

from django.conf import settings
from django.utils import timezone
from django.utils.translation import gettext as _

from .models import Job, JobStatus


def create_job(
    *,
    kind: str,
    label: str,
    created_by: Any = None,
    total: int = 0,
    back_url: str = "",
    back_label: str = "",
) -> Job:
    """Record a job about to be enqueued, pending; its page links to `back_url`, if given."""
    user = created_by if getattr(created_by, "is_authenticated", False) else None
    return Job.objects.create(
        kind=kind,
        label=label,
        created_by=user,
        progress_total=total,
        back_url=back_url,
        back_label=back_label[:100],
    )


def start_job(job: Job, *, total: int | None = None, message: str = "") -> None:
    """Mark the job running (its worker picked it up)."""
    job.status = JobStatus.RUNNING
    job.started_at = timezone.now()
    job.message = message[:255]
    fields = ["status", "started_at", "message", "updated_at"]
    if total is not None:
        job.progress_total = total
        fields.append("progress_total")
    job.save(update_fields=fields)


def report_progress(
    job: Job, *, done: int, total: int | None = None, message: str | None = None
) -> None:
    """Record how far the job got (done out of total steps)."""
    changes: dict[str, Any] = {"progress_done": max(0, done), "updated_at": timezone.now()}
    if total is not None:
        changes["progress_total"] = max(0, total)
    if message is not None:
        changes["message"] = message[:255]
    Job.objects.filter(pk=job.pk).update(**changes)
    for name, value in changes.items():
        setattr(job, name, value)


def finish_job(job: Job, *, result: dict[str, Any], message: str = "") -> None:
    """Mark the job succeeded with its JSON result (`result["url"]` is where to go next)."""
    job.status = JobStatus.SUCCEEDED
    job.result = result
    job.message = message[:255]
    job.progress_done = max(job.progress_done, job.progress_total)
    job.finished_at = timezone.now()
    job.save(
        update_fields=[
            "status",
            "result",
            "message",
            "progress_done",
            "finished_at",
            "updated_at",
        ]
    )


def fail_job(job: Job, *, error: str) -> None:
    """Mark the job failed with a message meant for the person who launched it."""
    job.status = JobStatus.FAILED
    job.error = error
    job.finished_at = timezone.now()
    job.save(update_fields=["status", "error", "finished_at", "updated_at"])


def progress_reporter(job: Job, *, message: str) -> Callable[[int, int], None]:
    """A `progress(done, total)` callback for services, recording on the job."""

    def report(done: int, total: int) -> None:
        report_progress(job, done=done, total=total, message=message)

    return report


@contextmanager
def failing_on_crash(job: Job) -> Iterator[None]:
    """An unexpected error marks the job failed (its page stops waiting), then propagates."""
    try:
        yield
    except Exception:
        fail_job(
            job, error=_("Une erreur inattendue est survenue ; l’équipe technique est prévenue.")
        )
        raise


def stale_after() -> datetime.timedelta:
    """How long a running job may report nothing before it is taken for dead (its worker gone)."""
    return datetime.timedelta(minutes=settings.MAGELLAN_JOB_STALE_MINUTES)


def expire_stale_jobs(
    *, job_ids: Iterable[int] | None = None, now: datetime.datetime | None = None
) -> int:
    """Fail the running jobs that reported nothing for `stale_after()`; return how many.

    A worker killed during a job (or a database outage that ended it) leaves the job running;
    the job page and each worker start call this, so such a job ends failed with a reason.
    """
    cutoff = (now or timezone.now()) - stale_after()
    stale = Job.objects.filter(status=JobStatus.RUNNING, updated_at__lt=cutoff)
    if job_ids is not None:
        stale = stale.filter(pk__in=list(job_ids))
    return stale.update(
        status=JobStatus.FAILED,
        error=_(
            "Cette tâche s’est interrompue sans finir (le service des tâches de fond a "
            "redémarré ou s’est arrêté). Rien n’a été perdu de ce qui était déjà enregistré ; "
            "relancez-la."
        ),
        finished_at=timezone.now(),
        updated_at=timezone.now(),
    )
