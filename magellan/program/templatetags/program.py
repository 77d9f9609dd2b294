"""Template tags other pages use to show program data (the home page's next sessions)."""

from typing import Any

from django import template
from django.utils import timezone

from magellan.directory.models import Person

from .. import queries
from ..models import SessionStatus

register = template.Library()


@register.inclusion_tag("program/_next_sessions.html")
def next_sessions(person: Person | None, limit: int = 3) -> dict[str, Any]:
    """A person's next sessions (registered, expected, facilitated)."""
    sessions = []
    if person is not None:
        sessions = list(
            queries.sessions_expecting(person)
            .filter(status=SessionStatus.SCHEDULED, ends_at__gte=timezone.now())
            .select_related("format")
            .order_by("starts_at", "pk")[:limit]
        )
    return {"next_sessions": sessions}
