"""Template tags other pages use to show program data (the home page's next sessions)."""

from typing import Any

from django import template
from django.utils import timezone

from magellan.directory.models import Person

from .. import queries
from ..models import Session

register = template.Library()


@register.inclusion_tag("program/_next_sessions.html")
def next_sessions(person: Person | None, limit: int = 3) -> dict[str, Any]:
    """A person's next sessions: the first of "Mes séances" (queries.upcoming_sessions)."""
    if person is None:
        return {"next_sessions": [], "upcoming_count": 0}
    upcoming = queries.upcoming_sessions(person, now=timezone.now())
    sessions = list(queries.with_registered_count(upcoming.select_related("format"))[:limit])
    queries.annotate_my_status(person, sessions)
    count = len(sessions) if len(sessions) < limit else upcoming.count()
    return {"next_sessions": sessions, "upcoming_count": count}


@register.filter
def places_left(session: Session) -> int | None:
    """`{{ session|places_left }}`: free places (queries.places_left), None when unlimited."""
    return queries.places_left(session)
