"""Personal data held by the program: registrations, attendance, feedback, calendar feed (see
magellan.privacy.registry). Erasure keeps registrations and attendance (the counts), drops the
feedback's comment (its rating stays in the averages) and the calendar feed."""

from typing import Any

from django.utils.translation import gettext_lazy as _

from magellan.audit.services import forget
from magellan.privacy.registry import row, rows

from .models import Attendance, CalendarFeed, Feedback, Registration

TITLE = _("Séances")


def export(person: Any) -> dict[str, Any]:
    feed = CalendarFeed.objects.filter(person=person).first()
    return {
        str(_("Inscriptions")): rows(
            Registration.objects.filter(person=person).select_related("session"),
            "session",
            "status",
            "position",
            "created_at",
        ),
        str(_("Présences")): rows(
            Attendance.objects.filter(person=person).select_related("session"),
            "session",
            "is_present",
            "is_excused",
            "recorded_at",
        ),
        str(_("Avis")): rows(
            Feedback.objects.filter(person=person).select_related("session"),
            "session",
            "rating",
            "comment",
            "created_at",
        ),
        str(_("Séances animées")): [str(s) for s in person.facilitated_sessions.order_by("pk")],
        str(_("Agenda iCal")): row(feed, "created_at") if feed else None,
    }


def erase(person: Any) -> None:
    feedbacks = Feedback.objects.filter(person=person).exclude(comment="")
    forget(feedbacks)
    feedbacks.update(comment="")
    CalendarFeed.objects.filter(person=person).delete()
