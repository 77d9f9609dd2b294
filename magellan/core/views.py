"""The job status page and its JSON twin, polled until the job is done; the mandatory pages."""

import datetime

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import get_object_or_404, redirect, render

from . import services
from .models import Job, JobStatus
from .navigation import site_map
from .permissions import can_view_job


def _visible_job(request: HttpRequest, pk: int) -> Job:
    job = get_object_or_404(Job, pk=pk)
    if not can_view_job(request.user, job):
        raise Http404
    if services.expire_stale_jobs(job_ids=[job.pk]):
        job.refresh_from_db()
    return job


def follow_job(
    request: HttpRequest, job: Job, *, result_url: str, success: str | None = None
) -> HttpResponse:
    """Where a page that has just started a background job sends the user: to the result with
    the job's message when the job has already ended (tests and an idle worker), else to the
    job's page, which follows its progress."""
    job.refresh_from_db()
    if job.status == JobStatus.FAILED:
        messages.error(request, job.error)
    elif job.is_finished:
        messages.success(request, success or job.message)
    else:
        return redirect(job.get_absolute_url())
    return redirect(result_url)


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


# The State site's mandatory pages, linked from every page's footer.

# The day the accessibility statement below was written (its wording, its tests and its status).
ACCESSIBILITY_STATEMENT_DATE = datetime.date(2026, 12, 2)


def legal_notice(request: HttpRequest) -> HttpResponse:
    return render(
        request,
        "core/legal_notice.html",
        {
            "publisher": settings.MAGELLAN_PUBLISHER,
            "publication_director": settings.MAGELLAN_PUBLICATION_DIRECTOR,
            "hosting": settings.MAGELLAN_HOSTING,
            "contact_email": settings.MAGELLAN_CONTACT_EMAIL,
        },
    )


def accessibility(request: HttpRequest) -> HttpResponse:
    return render(
        request,
        "core/accessibility.html",
        {
            "publisher": settings.MAGELLAN_PUBLISHER,
            "contact_email": settings.MAGELLAN_CONTACT_EMAIL,
            "statement_date": ACCESSIBILITY_STATEMENT_DATE,
        },
    )


def personal_data(request: HttpRequest) -> HttpResponse:
    return render(
        request,
        "core/personal_data.html",
        {
            "publisher": settings.MAGELLAN_PUBLISHER,
            "contact_email": settings.MAGELLAN_CONTACT_EMAIL,
            "login_log_days": settings.MAGELLAN_LOGIN_LOG_RETENTION_DAYS,
            "login_cooloff_minutes": int(settings.AXES_COOLOFF_TIME.total_seconds() // 60),
            "session_days": settings.SESSION_COOKIE_AGE // 86400,
            "csrf_days": settings.CSRF_COOKIE_AGE // 86400,
            "login_link_minutes": settings.MAGELLAN_LOGIN_LINK_MAX_AGE // 60,
            "alumni_years": settings.MAGELLAN_ALUMNI_RETENTION_YEARS,
            "warning_days": settings.MAGELLAN_RETENTION_WARNING_DAYS,
            "feed_days": settings.MAGELLAN_CALENDAR_FEED_INACTIVE_DAYS,
            "token_days": settings.MAGELLAN_API_TOKEN_PURGE_DAYS,
        },
    )


def sitemap(request: HttpRequest) -> HttpResponse:
    sections = site_map(signed_in=request.user.is_authenticated)
    return render(request, "core/sitemap.html", {"sections": sections})
