"""Personal data held by the bulletins: those one wrote, the digest subscription (see
magellan.privacy.registry). Bulletins are the team's: they stay, signed by the anonymised person;
the subscription goes."""

from typing import Any

from django.utils.translation import gettext_lazy as _

from magellan.privacy.registry import rows

from .models import Bulletin, DigestSubscription

TITLE = _("Bulletins")


def export(person: Any) -> dict[str, Any]:
    return {
        str(_("Bulletins écrits")): rows(
            Bulletin.objects.filter(author=person).select_related("challenge").order_by("pk"),
            "challenge",
            "iso_year",
            "iso_week",
            "mood",
            "priority",
            "ups_and_downs",
            "help_needed",
        ),
        str(_("Abonné·e au récapitulatif")): DigestSubscription.objects.filter(
            person=person
        ).exists(),
    }


def erase(person: Any) -> None:
    DigestSubscription.objects.filter(person=person).delete()
