"""Who manages which API tokens: plain predicates, used by the tokens pages and the admin.

- Every signed-in account creates, sees and revokes its own tokens.
- Coaches (and staff) create integrations' tokens and see and revoke every token.
"""

from typing import Any

from magellan.directory.permissions import is_coach

from .models import ApiToken


def can_have_tokens(user: Any) -> bool:
    """Any signed-in account may hold tokens (they read what the account reads)."""
    return bool(getattr(user, "is_authenticated", False))


def can_manage_tokens(user: Any) -> bool:
    """Coaches create integrations' tokens and see and revoke every token."""
    return is_coach(user)


def can_revoke(user: Any, token: ApiToken) -> bool:
    """A token's own account, and the coaches."""
    return can_manage_tokens(user) or (can_have_tokens(user) and token.user_id == user.pk)
