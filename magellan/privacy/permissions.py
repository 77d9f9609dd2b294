"""Who may do what with personal data (named predicates)."""

from typing import Any

from magellan.directory.permissions import is_coach
from magellan.directory.queries import person_of


def can_request_erasure(user: Any) -> bool:
    """A person with a directory entry may ask for its erasure (an account without one has
    nothing but the account: staff accounts are closed by the team)."""
    return person_of(user) is not None


def can_manage_erasures(user: Any) -> bool:
    """Coaches (and staff) read the requests for erasure and confirm or refuse them."""
    return is_coach(user)
