"""Who reads the audit history: coaches read objects' histories; staff read the login log (IP addresses)."""

from typing import Any

from magellan.directory.permissions import is_coach


def can_view_history(user: Any) -> bool:
    """Coaches (and staff) read who changed what on the audited objects."""
    return is_coach(user)


def can_view_logins(user: Any) -> bool:
    """Only staff read the log of logins and failed logins: it holds IP addresses."""
    return bool(getattr(user, "is_staff", False)) and bool(getattr(user, "is_active", False))
