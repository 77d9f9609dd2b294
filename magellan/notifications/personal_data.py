"""Personal data held by the notifications: the ones received and the preferences (see
magellan.privacy.registry). Erasure deletes them, and the notifications others received about
what the person did (their text names them)."""

from typing import Any

from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from magellan.privacy.registry import name_is_matchable, rows

from .models import Notification, NotificationPreference

TITLE = _("Notifications")


def export(person: Any) -> dict[str, Any]:
    if not person.user_id:
        return {}
    return {
        str(_("Notifications reçues")): rows(
            Notification.objects.filter(recipient_id=person.user_id).order_by("-created_at"),
            "kind",
            "title",
            "body",
            "url",
            "created_at",
            "read_at",
        ),
        str(_("Préférences")): rows(
            NotificationPreference.objects.filter(user_id=person.user_id), "kind", "frequency"
        ),
    }


def erase(person: Any) -> None:
    about = (
        Q(title__contains=person.name) | Q(body__contains=person.name)
        if name_is_matchable(person.name)
        else Q()
    )
    if person.user_id:
        about |= Q(recipient_id=person.user_id) | Q(actor_id=person.user_id)
        NotificationPreference.objects.filter(user_id=person.user_id).delete()
    if about:
        Notification.objects.filter(about).delete()
