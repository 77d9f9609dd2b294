"""The job status page and its JSON twin, polled until the job is done."""

from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import get_object_or_404, render

from . import services
from .models import Job
from .permissions import can_view_job


def _visible_job(request: HttpRequest, pk: int) -> Job:
    job = get_object_or_404(Job, pk=pk)
    if not can_view_job(request.user, job):
        raise Http404
    if services.expire_stale_jobs(job_ids=[job.pk]):
        job.refresh_from_db()
    return job


def job_state(job: Job) -> dict[str, object]:
    """What a poller needs to know about a job."""
    return {
        "status": job.status,
        "status_label": str(job.get_status_display()),
        "done": job.progress_done,
        "total": job.progress_total,
        "percent": job.percent,
        "message": job.message,
        "error": job.error,
        "finished": job.is_finished,
        "url": job.next_url,
    }


@login_required
def job_status(request: HttpRequest, pk: int) -> HttpResponse:
    job = _visible_job(request, pk)
    return render(request, "core/job_status.html", {"job": job})


@login_required
def job_status_json(request: HttpRequest, pk: int) -> JsonResponse:
    job = _visible_job(request, pk)
    return JsonResponse(job_state(job))
