"""The "guides used" panel of the session page (registered with program.extensions in apps.py)."""

from typing import Any

from django.http import HttpRequest
from django.urls import reverse

from magellan.program.models import Session

from . import permissions, queries


def link_page(obj: Any) -> str:
    """The page that links guides to a session (or a help request)."""
    return reverse(f"resources:{queries.use_field(obj)}_link", kwargs={"pk": obj.pk})


def link_url(user: Any, obj: Any) -> str:
    """Where `user` links a guide to `obj`, or "" if they may not."""
    if queries.use_field(obj) == "session" and permissions.can_link_to_session(user):
        return link_page(obj)
    return ""


def session_panel(request: HttpRequest, session: Session) -> dict[str, Any] | None:
    """The guides the session used; hidden when there are none and the viewer may not add one."""
    guides = queries.guides_used_by(request.user, session)
    url = link_url(request.user, session)
    if not guides and not url:
        return None
    return {"guides": guides, "link_url": url}
