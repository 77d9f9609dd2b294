from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils import timezone

from magellan.core.decorators import allowed_by

from . import permissions, queries


@allowed_by(permissions.can_view_scheduler)
def job_list(request: HttpRequest) -> HttpResponse:
    """The scheduled jobs: when each runs next, and how its last runs went."""
    statuses = queries.job_statuses(now=timezone.now())
    return render(request, "scheduler/job_list.html", {"statuses": statuses})
