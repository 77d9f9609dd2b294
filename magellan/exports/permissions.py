"""Who may take a cohort's lists out of Magellan."""

from typing import Any

from magellan.directory.permissions import is_coach


def can_export(user: Any) -> bool:
    """Coaches (and staff): the exports hold e-mail addresses, attendance and feedback comments."""
    return is_coach(user)
