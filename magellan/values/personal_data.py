"""Personal data held by the values: who recorded a challenge's statuses, repositories and
data sets (see magellan.privacy.registry). Those are the challenge's records and stay, signed by
the anonymised person."""

from typing import Any

from django.utils.translation import gettext_lazy as _

from magellan.privacy.registry import rows

from .models import Dataset, Repository, ValueStatusChange

TITLE = _("Valeurs des défis")


def export(person: Any) -> dict[str, Any]:
    return {
        str(_("Changements d’état enregistrés")): rows(
            ValueStatusChange.objects.filter(changed_by=person).order_by("pk"),
            "status",
            "comment",
        ),
        str(_("Dépôts ajoutés")): rows(
            Repository.objects.filter(added_by=person).order_by("pk"), "url", "challenge"
        ),
        str(_("Jeux de données ajoutés")): rows(
            Dataset.objects.filter(added_by=person).order_by("pk"), "title", "url"
        ),
    }


def erase(person: Any) -> None:
    """Nothing to remove: the challenge's records stay, signed by the anonymised person."""
