"""Reads of notifications: a user's own only."""

from typing import Any

from django.db.models import QuerySet

from . import kinds
from .models import Notification, NotificationPreference


def notifications_of(user: Any) -> QuerySet[Notification]:
    """A user's notifications, newest first (nobody sees another's)."""
    if not getattr(user, "is_authenticated", False):
        return Notification.objects.none()
    return Notification.objects.filter(recipient=user).order_by("-created_at", "-pk")


def unread_count(user: Any) -> int:
    """How many of a user's notifications are unread (0 without a query for anonymous visitors)."""
    if not getattr(user, "is_authenticated", False):
        return 0
    return Notification.objects.filter(recipient=user, read_at=None).count()


def preferences_of(user: Any) -> dict[str, str]:
    """A user's frequency for every registered kind (their choice, else the kind's default)."""
    chosen = dict(NotificationPreference.objects.filter(user=user).values_list("kind", "frequency"))
    return {value: chosen.get(value, kind.default) for value, kind in kinds.KINDS.items()}
