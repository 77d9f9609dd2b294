"""Who may follow a background job: the person who launched it, and staff."""

from typing import Any

from .models import Job


def can_view_job(user: Any, job: Job) -> bool:
    """A job's progress and outcome are for whoever launched it (and staff)."""
    if not getattr(user, "is_authenticated", False):
        return False
    return bool(user.is_staff) or (job.created_by_id is not None and job.created_by_id == user.pk)
