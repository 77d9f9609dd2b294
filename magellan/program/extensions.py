"""Extension points other apps plug into (groups on the session page), imported by none here."""

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from django.http import HttpRequest

from .models import Session


@dataclass(frozen=True)
class SessionPanel:
    template_name: str
    get_context: Callable[[HttpRequest, Session], dict[str, Any] | None]


SESSION_PANELS: list[SessionPanel] = []


def register_session_panel(
    *, template_name: str, get_context: Callable[[HttpRequest, Session], dict[str, Any] | None]
) -> None:
    """Show a panel on the session page; `get_context` returns its context, or None to hide it."""
    panel = SessionPanel(template_name=template_name, get_context=get_context)
    if panel not in SESSION_PANELS:
        SESSION_PANELS.append(panel)


def session_panels(request: HttpRequest, session: Session) -> list[dict[str, Any]]:
    """The panels to render on a session page, each as {"template_name", "context"}."""
    panels = []
    for panel in SESSION_PANELS:
        context = panel.get_context(request, session)
        if context is not None:
            panels.append({"template_name": panel.template_name, "context": context})
    return panels
