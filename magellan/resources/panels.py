"""What other pages show of the knowledge base: the "guides used" panel of the session page
(registered with program.extensions in apps.py), and the links of the `resources` template tags."""

from typing import Any

from django.http import HttpRequest
from django.urls import reverse

from magellan.helpdesk.models import HelpRequest
from magellan.program.models import Session

from . import permissions, queries, services


def link_page(obj: Any) -> str:
    """The page that links guides to a session (or a help request)."""
    return reverse(f"resources:{queries.use_field(obj)}_link", kwargs={"pk": obj.pk})


def link_url(user: Any, obj: Any) -> str:
    """Where `user` links a guide to `obj`, or "" if they may not."""
    if queries.use_field(obj) == "session":
        allowed = permissions.can_link_to_session(user)
    else:
        allowed = permissions.can_link_to_help_request(user, obj)
    return link_page(obj) if allowed else ""


def conversion_links(user: Any, source: Any) -> dict[str, Any]:
    """On a help request or a question: the guide made from it (if the user may read it); or,
    once it may become one, where its author gives consent and where the author or a coach
    turns it into a guide."""
    links: dict[str, Any] = {"made_guide": None, "consent_url": "", "convert_url": ""}
    made = services.guide_made_from(source)
    if made is not None:
        if permissions.can_view_guide(user, made):
            links["made_guide"] = made
        return links
    if services.not_ready_reason(source):
        return links
    prefix = "help_request" if isinstance(source, HelpRequest) else "question"
    if permissions.can_consent(user, source):
        links["consent_url"] = reverse(f"resources:{prefix}_consent", kwargs={"pk": source.pk})
    if permissions.can_convert(user, source):
        links["convert_url"] = reverse(f"resources:{prefix}_convert", kwargs={"pk": source.pk})
    return links


def session_panel(request: HttpRequest, session: Session) -> dict[str, Any] | None:
    """The guides the session used; hidden when there are none and the viewer may not add one."""
    guides = queries.guides_used_by(request.user, session)
    url = link_url(request.user, session)
    if not guides and not url:
        return None
    return {"guides": guides, "link_url": url}
