"""Personal data held by the API: the account's tokens (see magellan.privacy.registry)."""

from typing import Any

from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from magellan.privacy.registry import rows

from .models import ApiToken

TITLE = _("Jetons d’API")


def export(person: Any) -> dict[str, Any]:
    tokens = ApiToken.objects.filter(user_id=person.user_id) if person.user_id else []
    return {
        str(_("Jetons (jamais le jeton lui-même)")): rows(
            tokens,
            "name",
            "prefix",
            "scopes",
            "created_at",
            "expires_at",
            "last_used_at",
            "revoked_at",
        )
    }


def erase(person: Any) -> None:
    if person.user_id:
        ApiToken.objects.filter(user_id=person.user_id, revoked_at__isnull=True).update(
            revoked_at=timezone.now()
        )
