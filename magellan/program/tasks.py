"""Background tasks (django-tasks): they take ids, load fresh rows and call the e-mail builder."""

from typing import Any

from django.core.mail import get_connection
from django_tasks import task

from magellan.directory.models import Person

from .emails import build_session_email
from .models import Session


@task(queue_name="emails")
def send_session_email(
    *,
    session_id: int,
    person_ids: list[int],
    subject: str,
    template_name: str,
    context: dict[str, Any] | None = None,
) -> int:
    """Send one e-mail about a session to each person with an address; return how many were sent."""
    session = Session.objects.select_related("format", "cohort").get(pk=session_id)
    people = Person.objects.filter(pk__in=person_ids).exclude(email="").order_by("pk")
    messages = [
        build_session_email(
            session=session,
            person=person,
            subject=subject,
            template_name=template_name,
            context=context or {},
        )
        for person in people
    ]
    if not messages:
        return 0
    with get_connection() as connection:
        return int(connection.send_messages(messages) or 0)
