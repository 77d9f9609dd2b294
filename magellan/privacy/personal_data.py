"""Personal data held by the privacy app itself: the requests for erasure (see .registry). Erasure
keeps the request (the record that it was handled) without its reason."""

from typing import Any

from django.utils.translation import gettext_lazy as _

from .models import ErasureRequest, RetentionNotice
from .registry import rows

TITLE = _("Demandes d’effacement")


def export(person: Any) -> dict[str, Any]:
    return {
        str(_("Demandes")): rows(
            ErasureRequest.objects.filter(person=person),
            "created_at",
            "reason",
            "status",
            "decided_at",
            "refusal_reason",
        )
    }


def erase(person: Any) -> None:
    ErasureRequest.objects.filter(person=person).update(reason="")
    RetentionNotice.objects.filter(person=person).delete()
