"""Personal data held by the logbook: the fellow's monthly entries (see magellan.privacy.registry).
Erasure deletes the entries and the reminders (the cohort trends are computed from what is left)."""

from typing import Any

from django.utils.translation import gettext_lazy as _

from magellan.audit.services import forget
from magellan.privacy.registry import rows

from .models import Entry, Reminder

TITLE = _("Carnet de bord")


def export(person: Any) -> dict[str, Any]:
    return {
        str(_("Entrées")): rows(
            Entry.objects.filter(person=person).order_by("month"),
            "month",
            "goals",
            "previous_goals_status",
            "previous_goals_comment",
            "learnt",
            "skills",
            "skills_other",
            "staying",
            "staying_why",
            "notes",
            "shared_with",
            "shared_at",
        )
    }


def erase(person: Any) -> None:
    entries = Entry.objects.filter(person=person)
    forget(entries)
    entries.delete()
    Reminder.objects.filter(person=person).delete()
