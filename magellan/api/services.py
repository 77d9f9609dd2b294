"""Issuing, revoking and checking API tokens."""

import secrets
from typing import Any

from django.utils import timezone

from .models import ApiToken, hash_token

TOKEN_PREFIX = "mgl_"  # noqa: S105 - a public prefix, not a secret


def issue_token(*, user: Any, name: str = "") -> tuple[ApiToken, str]:
    """Create a token for a user; returns it with its raw value, which is never stored."""
    raw = TOKEN_PREFIX + secrets.token_urlsafe(32)
    token = ApiToken.objects.create(
        user=user, name=name, key_hash=hash_token(raw), prefix=raw[4:12]
    )
    return token, raw


def revoke_tokens(*, user: Any) -> int:
    """Revoke every active token of a user; returns how many."""
    return ApiToken.objects.filter(user=user, revoked_at=None).update(revoked_at=timezone.now())


def user_for_token(raw: str) -> Any | None:
    """The active user behind a raw token, or None; records the use."""
    token = (
        ApiToken.objects.select_related("user")
        .filter(key_hash=hash_token(raw), revoked_at=None, user__is_active=True)
        .first()
    )
    if token is None:
        return None
    ApiToken.objects.filter(pk=token.pk).update(last_used_at=timezone.now())
    return token.user
