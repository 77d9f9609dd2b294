"""Issuing, revoking and checking API tokens; integrations' service accounts.

Keyword-only verb functions; a refusal raises `ApiTokenError` with the French message to show
and changes nothing.
"""

import datetime
import secrets
from collections.abc import Iterable
from typing import Any

from django.conf import settings
from django.contrib.auth import get_user_model
from django.db import transaction
from django.utils import timezone
from django.utils.text import slugify
from django.utils.translation import gettext as _

from magellan.directory.permissions import is_coach

from .models import SCOPES, ApiToken, ServiceAccount, hash_token

TOKEN_PREFIX = "mgl_"  # noqa: S105 - a public prefix, not a secret
# Where a service account's (unused, unreachable) e-mail address lives: `.invalid` is reserved.
SERVICE_EMAIL_DOMAIN = "integrations.magellan.invalid"


class ApiTokenError(Exception):
    """A refused token operation, with its French message."""


def max_expiry(now: datetime.datetime | None = None) -> datetime.datetime:
    """The latest expiry a token may get (MAGELLAN_API_TOKEN_MAX_DAYS from now)."""
    return (now or timezone.now()) + datetime.timedelta(days=settings.MAGELLAN_API_TOKEN_MAX_DAYS)


def _check(scopes: list[str], expires_at: datetime.datetime) -> None:
    if not scopes:
        raise ApiTokenError(_("Choisissez au moins un droit pour ce jeton."))
    unknown = sorted(set(scopes) - set(SCOPES))
    if unknown:
        raise ApiTokenError(_("Droit inconnu : %(scopes)s.") % {"scopes": ", ".join(unknown)})
    now = timezone.now()
    if expires_at <= now:
        raise ApiTokenError(_("La date d’expiration doit être dans le futur."))
    if expires_at > max_expiry(now):
        raise ApiTokenError(
            _("Un jeton expire au plus tard %(days)s jours après sa création.")
            % {"days": settings.MAGELLAN_API_TOKEN_MAX_DAYS}
        )


def issue_token(
    *,
    user: Any,
    name: str = "",
    scopes: Iterable[str] = ("directory:read",),
    expires_at: datetime.datetime | None = None,
    by: Any = None,
) -> tuple[ApiToken, str]:
    """Create a token for an account; returns it with its raw value, which is never stored."""
    ordered = [scope for scope in SCOPES if scope in set(scopes)]
    unknown = set(scopes) - set(SCOPES)
    expires_at = expires_at if expires_at is not None else max_expiry()
    _check(ordered + sorted(unknown), expires_at)
    raw = TOKEN_PREFIX + secrets.token_urlsafe(32)
    token = ApiToken.objects.create(
        user=user,
        name=(name or "").strip(),
        key_hash=hash_token(raw),
        prefix=raw[4:12],
        scopes=ordered,
        expires_at=expires_at,
        created_by=by if by is not None else user,
    )
    return token, raw


@transaction.atomic
def create_service_account(*, name: str, by: Any) -> ServiceAccount:
    """An integration's account: no person, no usable password, an unreachable address."""
    name = " ".join((name or "").split())
    if not name:
        raise ApiTokenError(_("Donnez un nom à l’intégration."))
    if ServiceAccount.objects.filter(name__iexact=name).exists():
        raise ApiTokenError(_("Une intégration porte déjà ce nom : « %(name)s ».") % {"name": name})
    user_model = get_user_model()
    base = slugify(name)[:40] or "integration"
    email = f"{base}-{secrets.token_hex(4)}@{SERVICE_EMAIL_DOMAIN}"
    user = user_model(email=email, username=email, is_active=True)
    user.set_unusable_password()
    user.save()
    return ServiceAccount.objects.create(user=user, name=name, created_by=by)


def issue_service_token(
    *,
    service: ServiceAccount,
    name: str = "",
    scopes: Iterable[str],
    expires_at: datetime.datetime,
    by: Any,
) -> tuple[ApiToken, str]:
    """A token for an integration, created by a coach."""
    return issue_token(
        user=service.user, name=name or service.name, scopes=scopes, expires_at=expires_at, by=by
    )


@transaction.atomic
def revoke_token(*, token: ApiToken) -> ApiToken:
    """Revoke one token (its use stops at once)."""
    locked = ApiToken.objects.select_for_update().get(pk=token.pk)
    if locked.revoked_at is not None:
        raise ApiTokenError(_("Ce jeton est déjà révoqué."))
    locked.revoked_at = timezone.now()
    locked.save(update_fields=["revoked_at"])
    return locked


def revoke_tokens(*, user: Any) -> int:
    """Revoke every active token of a user; returns how many."""
    return ApiToken.objects.filter(user=user, revoked_at=None).update(revoked_at=timezone.now())


def token_for(raw: str) -> ApiToken | None:
    """The token behind a raw value, whatever its state (None when unknown or its account is
    inactive); the caller checks `is_active`."""
    return (
        ApiToken.objects.select_related("user__service_account", "created_by")
        .filter(key_hash=hash_token(raw), user__is_active=True)
        .first()
    )


def acting_user(token: ApiToken) -> Any | None:
    """Whom a request with this token acts as. A member's token: its own account. An
    integration's token: the coach who issued it, with that coach's rights within the token's
    scopes, for as long as they are an active coach; None once they are not (the token is then
    refused until a coach issues a new one)."""
    if not hasattr(token.user, "service_account"):  # read with the token (token_for)
        return token.user
    coach = token.created_by
    if coach is None or not coach.is_active or not is_coach(coach):
        return None
    return coach


def record_use(*, token: ApiToken) -> None:
    """Remember when the token was last used (shown on the tokens page)."""
    token.last_used_at = timezone.now()
    ApiToken.objects.filter(pk=token.pk).update(last_used_at=token.last_used_at)


def user_for_token(raw: str) -> Any | None:
    """Whom an active (not revoked, not expired) token acts as (`acting_user`), or None; records the
    use."""
    token = token_for(raw)
    if token is None or not token.is_active:
        return None
    acting = acting_user(token)
    if acting is not None:
        record_use(token=token)
    return acting
