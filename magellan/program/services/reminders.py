"""The reminder e-mail sent the day before a session."""

import datetime

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from ..models import Session
from .base import PARIS
from .notifications import email_subject, notify_participants


def send_due_reminders(*, now: datetime.datetime | None = None) -> int:
    """E-mail the reminder of tomorrow's sessions once each; return how many sessions were reminded."""
    now = now or timezone.now()
    tomorrow = timezone.localdate(now) + datetime.timedelta(days=1)
    start = datetime.datetime.combine(tomorrow, datetime.time.min, tzinfo=PARIS)
    end = start + datetime.timedelta(days=1)
    due = Session.objects.scheduled().filter(
        starts_at__gte=start, starts_at__lt=end, reminder_sent_at__isnull=True
    )
    count = 0
    for session_id in due.values_list("pk", flat=True):
        with transaction.atomic():
            session = (
                Session.objects.select_for_update()
                .select_related("format", "cohort")
                .filter(pk=session_id, reminder_sent_at__isnull=True)
                .first()
            )
            if session is None:
                continue
            session.reminder_sent_at = now
            session.save(update_fields=["reminder_sent_at"])
            notify_participants(
                session=session,
                subject=email_subject(_("Rappel : demain"), session),
                template_name="program/emails/reminder.txt",
            )
            count += 1
    return count
