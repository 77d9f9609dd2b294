"""Personal data held by the mentoring: offers, needs, cycles, notes and feedback (see
magellan.privacy.registry). Erasure deletes the offer and the notes the person wrote, and blanks
their needs' descriptions and their feedback's comments; cycles stay (the counts)."""

from typing import Any

from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from magellan.audit.services import forget
from magellan.privacy.registry import row, rows

from .models import Cycle, CycleFeedback, Need, Note, Offer

TITLE = _("Mentorat")


def export(person: Any) -> dict[str, Any]:
    offer = Offer.objects.filter(person=person).first()
    return {
        str(_("Offre de mentorat")): row(
            offer, "pitch", "capacity", "mode", "place", "languages", "is_paused", "created_at"
        )
        if offer
        else None,
        str(_("Besoins")): rows(
            Need.objects.filter(person=person).select_related("main_expertise"),
            "main_expertise",
            "description",
            "mode",
            "status",
            "created_at",
        ),
        str(_("Cycles")): rows(
            Cycle.objects.filter(Q(mentor=person) | Q(mentees=person))
            .distinct()
            .select_related("mentor")
            .order_by("pk"),
            "mentor",
            "status",
            "session_count",
            "closed_at",
        ),
        str(_("Notes écrites")): rows(Note.objects.filter(author=person), "body", "created_at"),
        str(_("Avis de fin de cycle")): rows(
            CycleFeedback.objects.filter(person=person), "rating", "comment", "created_at"
        ),
    }


def erase(person: Any) -> None:
    Note.objects.filter(author=person).delete()
    offers = Offer.objects.filter(person=person)
    forget(offers)
    offers.delete()
    needs = Need.objects.filter(person=person).exclude(description="")
    forget(needs)
    needs.update(description="")
    feedbacks = CycleFeedback.objects.filter(person=person).exclude(comment="")
    forget(feedbacks)
    feedbacks.update(comment="")
