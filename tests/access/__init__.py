"""The access matrix: every URL pattern × every role → the expected status.

Each app lists its cases in `tests/access/<app>.py` as `CASES: list[Case]`; `test_access_matrix.py`
runs them all and fails when a URL pattern of the project has no case. A case builds its URL
from a `World` (one small community where every role is represented, plus data that must not leak).
"""

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

ROLES = ("anonymous", "fellow", "other_fellow", "project_owner", "mentor", "coach")


@dataclass
class World:
    """One cohort: `fellow` and `project_owner` in `challenge`, `other_fellow` in `other_challenge`."""

    cohort: Any
    challenge: Any
    other_challenge: Any
    hidden_challenge: Any
    fellow: Any
    other_fellow: Any
    project_owner: Any
    mentor: Any
    coach: Any
    private_person: Any
    public_person: Any
    extra: dict[str, Any] = field(default_factory=dict)

    def user(self, role: str) -> Any:
        return None if role == "anonymous" else getattr(self, role).user


def statuses(default: int, **overrides: int) -> dict[str, int]:
    """Expected status per role: `statuses(200, anonymous=302)`."""
    unknown = set(overrides) - set(ROLES)
    if unknown:
        raise ValueError(f"Unknown roles: {sorted(unknown)}")
    return {role: overrides.get(role, default) for role in ROLES}


@dataclass(frozen=True)
class Case:
    """One URL pattern (by name), how to build it, and the expected status per role."""

    url_name: str
    url: Callable[[World], str]
    expect: dict[str, int]
    method: str = "get"
    data: Callable[[World], dict[str, Any]] | None = None
    headers: dict[str, str] = field(default_factory=dict)
    id: str = ""
    # Where a 302 sends an anonymous visitor, when it is not the login page (with `next`).
    anonymous_redirect: str | None = None

    @property
    def label(self) -> str:
        return self.id or self.url_name
