"""The groups panel of the session page (registered with program.extensions in apps.py)."""

from typing import Any

from django.http import HttpRequest

from magellan.program.models import Session
from magellan.program.queries import person_of

from . import permissions, queries
from .models import Grouping


def my_group_context(request: HttpRequest, session: Session) -> dict[str, Any]:
    """What `grouping/_my_group.html` needs: the viewer's published group at the session, if any."""
    group = queries.my_group(session, person_of(request.user))
    return {"my_group": group, "my_person": person_of(request.user)}


def session_panel(request: HttpRequest, session: Session) -> dict[str, Any] | None:
    """Coaches: the groups' state and a link to manage them. Participants: their published group."""
    if not queries.forms_groups(session):
        return None
    grouping = Grouping.objects.working().filter(session=session).first()
    context: dict[str, Any] = {
        "session": session,
        "grouping": grouping,
        "has_published": queries.has_published_groups(session),
        "can_manage_groups": permissions.can_manage_groups(request.user),
    }
    context.update(my_group_context(request, session))
    if not context["can_manage_groups"] and context["my_group"] is None:
        return None
    return context
