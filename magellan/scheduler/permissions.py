"""Who may see the scheduled jobs and their run log: coaches and staff (it shows no personal data,
but its errors speak of the platform's internals)."""

from typing import Any

from magellan.directory.permissions import is_coach


def can_view_scheduler(user: Any) -> bool:
    """Coaches and staff read the jobs, their next due time and their last runs."""
    return is_coach(user)
