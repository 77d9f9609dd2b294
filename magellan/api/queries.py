"""Reads of API tokens, with visibility applied."""

from typing import Any

from django.db.models import QuerySet

from . import permissions
from .models import ApiToken, ServiceAccount


def tokens_visible_to(user: Any) -> QuerySet[ApiToken]:
    """One's own tokens; every token for coaches."""
    tokens = ApiToken.objects.select_related("user__service_account", "created_by").order_by(
        "-created_at", "-pk"
    )
    if permissions.can_manage_tokens(user):
        return tokens
    if not permissions.can_have_tokens(user):
        return tokens.none()
    return tokens.filter(user=user)


def service_accounts() -> QuerySet[ServiceAccount]:
    return ServiceAccount.objects.order_by("name")
