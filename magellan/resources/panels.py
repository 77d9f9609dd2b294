"""The "guides used" panel of the session page (registered with program.extensions in apps.py)."""

from typing import Any

from django.http import HttpRequest
from django.urls import reverse

from magellan.program.models import Session

from . import permissions, queries
from .models import Guide
from .services import CONVERTIBLE_STATUSES


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


def conversion_links(user: Any, obj: Any) -> dict[str, Any]:
    """On a resolved help request: the guide made from it (if the user may read it), where its
    author gives consent, where the author or a coach turns it into a guide."""
    links: dict[str, Any] = {"made_guide": None, "consent_url": "", "convert_url": ""}
    if queries.use_field(obj) != "help_request" or obj.status not in CONVERTIBLE_STATUSES:
        return links
    made = queries.guides_visible_to(user).filter(from_help_request=obj).first()
    links["made_guide"] = made
    if made is None and Guide.objects.filter(from_help_request=obj).exists():
        return links
    if permissions.can_consent(user, obj) and made is None:
        links["consent_url"] = reverse("resources:help_request_consent", kwargs={"pk": obj.pk})
    if permissions.can_convert_help_request(user, obj) and made is None:
        links["convert_url"] = reverse("resources:help_request_convert", kwargs={"pk": obj.pk})
    return links


def session_panel(request: HttpRequest, session: Session) -> dict[str, Any] | None:
    """The guides the session used; hidden when there are none and the viewer may not add one."""
    guides = queries.guides_used_by(request.user, session)
    url = link_url(request.user, session)
    if not guides and not url:
        return None
    return {"guides": guides, "link_url": url}
