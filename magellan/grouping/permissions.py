"""Who may see and do what with groups: coaches everything; a participant their published group."""

from typing import Any

from magellan.directory.permissions import is_coach

from .models import Grouping


def can_manage_groups(user: Any) -> bool:
    """Coaches (and staff) form, edit, publish groups and see the encounters."""
    return is_coach(user)


def can_view_own_group(user: Any, grouping: Grouping | None) -> bool:
    """A participant sees their own group once the groups are published, never a draft."""
    return (
        grouping is not None
        and grouping.is_published
        and bool(getattr(user, "is_authenticated", False))
    )
