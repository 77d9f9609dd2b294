"""E-mails about a session: who receives them and their subject line; sent after the commit."""

from typing import Any

from django.db import transaction
from django.utils import timezone

from magellan.core.validators import one_line
from magellan.directory.models import Person

from ..models import Session
from ..queries import expected_participants
from ..tasks import send_session_email


def notify_participants(
    *,
    session: Session,
    subject: str,
    template_name: str,
    context: dict[str, Any] | None = None,
    people: list[Person] | None = None,
) -> None:
    """E-mail people (default: the expected participants) about a session, once the transaction commits."""
    recipients = expected_participants(session) if people is None else people
    person_ids = [person.pk for person in recipients if person.email]
    if not person_ids:
        return
    transaction.on_commit(
        lambda: send_session_email.enqueue(
            session_id=session.pk,
            person_ids=person_ids,
            subject=subject,
            template_name=template_name,
            context=context or {},
        )
    )


def email_subject(text: str, session: Session) -> str:
    """The subject line of a session e-mail: the text, the session's title and date, one line."""
    local = timezone.localtime(session.starts_at)
    return f"{text} : {one_line(session.display_title)} ({local:%d/%m/%Y})"
