"""The dashboard on the home page: `{% coach_dashboard %}` for coaches, `{% next_for_me person %}`."""

from typing import Any

from django import template

from magellan.directory.models import Person
from magellan.directory.permissions import is_coach

from .. import queries

register = template.Library()


@register.inclusion_tag("dashboard/_coach_dashboard.html", takes_context=True)
def coach_dashboard(context: template.Context) -> dict[str, Any]:
    """What a coach has to do this week (nothing for others)."""
    user = context["request"].user
    return {"dashboard": queries.coach_dashboard(user) if is_coach(user) else None}


@register.inclusion_tag("dashboard/_member_next.html")
def next_for_me(person: Person | None) -> dict[str, Any]:
    """A member's published groups to come and the feedback they may still give."""
    return {"next": queries.member_next(person) if person is not None else None}
