"""The program's e-mails: one plain-text template per kind, rendered per person, sent by tasks."""

from typing import Any

from django.conf import settings
from django.core.mail import EmailMessage
from django.template.loader import render_to_string
from django.utils import translation

from magellan.core.site import site_url
from magellan.directory.models import Person

from .ics import session_calendar
from .models import Session


def build_session_email(
    *, session: Session, person: Person, subject: str, template_name: str, context: dict[str, Any]
) -> EmailMessage:
    """One person's e-mail about a session, with the session's .ics attached."""
    with translation.override(settings.LANGUAGE_CODE):
        body = render_to_string(
            template_name,
            {"session": session, "person": person, "site_url": site_url(), **context},
        )
    message = EmailMessage(subject=subject, body=body, to=[person.email])
    message.attach(f"seance-{session.pk}.ics", session_calendar(session), "text/calendar")
    return message
