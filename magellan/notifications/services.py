"""Every write of notifications: `notify` (THE entry point other apps call), marking read,
preferences, and the daily digest.

E-mails: `immediate` notifications leave once the transaction commits (`tasks.send_notification_emails`,
on the `emails` queue); `daily` ones wait for `send_daily_digest`; `never` ones are only listed on the
notifications page.
"""

import datetime
from collections.abc import Iterable, Mapping
from typing import Any

from django.contrib.auth import get_user_model
from django.core.mail import get_connection
from django.db import transaction
from django.utils import timezone
from django.utils.text import Truncator

from . import emails, kinds
from .models import Frequency, Notification, NotificationPreference

TITLE_MAX = Notification._meta.get_field("title").max_length or 255
URL_MAX = Notification._meta.get_field("url").max_length or 500


def frequencies_for(*, users: Iterable[Any], kind: str) -> dict[int, str]:
    """Each user's frequency for a kind (their preference, else the kind's default), by user id."""
    default = kinds.default_frequency(kind)
    ids = [user.pk for user in users]
    chosen = dict(
        NotificationPreference.objects.filter(user_id__in=ids, kind=kind).values_list(
            "user_id", "frequency"
        )
    )
    return {pk: chosen.get(pk, default) for pk in ids}


def notify(
    *,
    recipients: Iterable[Any],
    kind: str,
    title: str,
    body: str,
    url: str,
    actor: Any | None = None,
) -> list[Notification]:
    """Record one notification per recipient (not the actor, once each, active accounts only) and
    e-mail at once, after commit, those who want this kind immediately."""
    kinds.get(kind)
    unique: dict[int, Any] = {}
    for user in recipients:
        if user is None or user.pk is None or not user.is_active:
            continue
        if actor is not None and user.pk == actor.pk:
            continue
        unique.setdefault(user.pk, user)
    if not unique:
        return []
    frequencies = frequencies_for(users=unique.values(), kind=kind)
    title = Truncator(" ".join(title.split())).chars(TITLE_MAX)  # one line: it is a subject
    notifications = Notification.objects.bulk_create(
        Notification(
            recipient=user,
            kind=kind,
            title=title,
            body=body,
            url=url[:URL_MAX],
            actor=actor,
            delivery=frequencies[pk],
        )
        for pk, user in unique.items()
    )
    to_email = [
        n.pk
        for n in notifications
        if n.delivery == Frequency.IMMEDIATE and n.recipient.email and n.pk is not None
    ]
    if to_email:
        from .tasks import send_notification_emails

        transaction.on_commit(lambda: send_notification_emails.enqueue(notification_ids=to_email))
    return notifications


def send_immediate_emails(*, notification_ids: list[int]) -> int:
    """E-mail each of these notifications not yet e-mailed; return how many were sent (idempotent)."""
    sent = 0
    with get_connection() as connection:
        for pk in sorted(notification_ids):
            with transaction.atomic():
                notification = (
                    Notification.objects.select_for_update()
                    .select_related("recipient")
                    .filter(pk=pk, emailed_at=None)
                    .first()
                )
                if notification is None or not notification.recipient.email:
                    continue
                connection.send_messages([emails.notification_email(notification)])
                notification.emailed_at = timezone.now()
                notification.save(update_fields=["emailed_at"])
                sent += 1
    return sent


def send_daily_digest(*, now: datetime.datetime | None = None) -> int:
    """E-mail each user one digest of their unread `daily` notifications not yet e-mailed (created
    before `now`); return how many e-mails were sent. Running it twice sends nothing more."""
    now = now or timezone.now()
    pending = Notification.objects.filter(
        delivery=Frequency.DAILY, emailed_at=None, read_at=None, created_at__lte=now
    )
    user_ids = sorted(set(pending.values_list("recipient_id", flat=True)))
    users = get_user_model().objects.filter(pk__in=user_ids, is_active=True).exclude(email="")
    sent = 0
    with get_connection() as connection:
        for user in users.order_by("pk"):
            with transaction.atomic():
                batch = list(
                    pending.filter(recipient=user).select_for_update().order_by("created_at", "pk")
                )
                if not batch:
                    continue
                connection.send_messages([emails.digest_email(user=user, notifications=batch)])
                Notification.objects.filter(pk__in=[n.pk for n in batch]).update(emailed_at=now)
                sent += 1
    return sent


def mark_read(*, notification: Notification, now: datetime.datetime | None = None) -> Notification:
    """Mark one notification read (it stays read if it already was)."""
    if notification.read_at is None:
        notification.read_at = now or timezone.now()
        Notification.objects.filter(pk=notification.pk, read_at=None).update(
            read_at=notification.read_at
        )
    return notification


def mark_all_read(*, user: Any, now: datetime.datetime | None = None) -> int:
    """Mark every unread notification of a user read; return how many."""
    return Notification.objects.filter(recipient=user, read_at=None).update(
        read_at=now or timezone.now()
    )


@transaction.atomic
def save_preferences(*, user: Any, frequencies: Mapping[str, str]) -> None:
    """Record a user's frequency for each kind given (unknown kinds or frequencies are refused)."""
    for kind, frequency in frequencies.items():
        kinds.get(kind)
        if frequency not in Frequency.values:
            raise ValueError(f"Unknown frequency: {frequency!r}")
        NotificationPreference.objects.update_or_create(
            user=user, kind=kind, defaults={"frequency": frequency}
        )
