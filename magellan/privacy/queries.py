"""Reads of the privacy app, with visibility applied."""

from typing import Any

from django.db.models import QuerySet

from .models import ErasureRequest, ErasureStatus
from .permissions import can_manage_erasures


def erasure_requests_visible_to(user: Any) -> QuerySet[ErasureRequest]:
    """Every request for coaches; nothing for anyone else (a person reads theirs on « Mes données »)."""
    if not can_manage_erasures(user):
        return ErasureRequest.objects.none()
    return ErasureRequest.objects.select_related("person", "decided_by")


def pending_first(queryset: QuerySet[ErasureRequest]) -> list[ErasureRequest]:
    """Pending requests first (oldest first), then the decided ones (newest first)."""
    items = list(queryset)
    pending = sorted(
        (r for r in items if r.status == ErasureStatus.PENDING), key=lambda r: (r.created_at, r.pk)
    )
    decided = [r for r in items if r.status != ErasureStatus.PENDING]
    return pending + decided


def requests_of(person: Any) -> QuerySet[ErasureRequest]:
    return ErasureRequest.objects.filter(person=person).select_related("decided_by")
