"""Reads of the core app: the background jobs a user may follow."""

from typing import Any

from django.db.models import QuerySet

from .models import Job


def jobs_visible_to(user: Any) -> QuerySet[Job]:
    """The jobs `permissions.can_view_job` lets this user follow: their own, all for staff."""
    if not getattr(user, "is_authenticated", False):
        return Job.objects.none()
    if user.is_staff:
        return Job.objects.all()
    return Job.objects.filter(created_by=user)
