"""The access matrix: every URL pattern × every role → the expected status.

Each app lists its cases in `tests/access/<app>.py` as `CASES: list[Case]`; `test_access_matrix.py`
runs them all and fails when a URL pattern of the project has no case. A case builds its URL
from a `World` (one small community where every role is represented, plus data that must not leak).
"""

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

ROLES = (
    "anonymous",
    # Signed in without a role anywhere: an account with no person, a person with no cohort role.
    "bare_account",
    "no_role",
    "fellow",
    "other_fellow",
    "project_owner",
    "sponsor",
    "mentor",
    "alumni",
    # A coach by their cohort role only (not staff), a coach whose account is staff, and a staff
    # account with no person (`createsuperuser`).
    "coach",
    "staff_coach",
    "staff",
)

# Signed-in accounts that do not belong to the community.
OUTSIDERS = ("bare_account", "no_role")
# Those who run the program: coaches by role, and staff.
COACHES = ("coach", "staff_coach", "staff")


@dataclass
class World:
    """One cohort: `fellow`, `project_owner` and `sponsor` in `challenge`, `other_fellow` in
    `other_challenge`; `alumni` of an earlier cohort; `bare_account` and `staff` are Users with no
    Person."""

    cohort: Any
    challenge: Any
    other_challenge: Any
    hidden_challenge: Any
    bare_account: Any
    no_role: Any
    fellow: Any
    other_fellow: Any
    project_owner: Any
    sponsor: Any
    mentor: Any
    alumni: Any
    coach: Any
    staff_coach: Any
    staff: Any
    private_person: Any
    public_person: Any
    extra: dict[str, Any] = field(default_factory=dict)

    def user(self, role: str) -> Any:
        if role == "anonymous":
            return None
        if role in ("bare_account", "staff"):
            return getattr(self, role)
        return getattr(self, role).user


def statuses(
    default: int, *, outsiders: int | None = None, coaches: int | None = None, **overrides: int
) -> dict[str, int]:
    """Expected status per role: `statuses(403, anonymous=302, coaches=200)`.

    `outsiders` sets the signed-in accounts without a role (OUTSIDERS), `coaches` the coaches and
    staff (COACHES); a role named in `overrides` wins over both.
    """
    unknown = set(overrides) - set(ROLES)
    if unknown:
        raise ValueError(f"Unknown roles: {sorted(unknown)}")
    groups: dict[str, int] = {}
    if outsiders is not None:
        groups |= dict.fromkeys(OUTSIDERS, outsiders)
    if coaches is not None:
        groups |= dict.fromkeys(COACHES, coaches)
    overrides = groups | overrides
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
    # Where a 302 sends a signed-in user: required as soon as one signed-in role expects a 302.
    redirect: Callable[[World], str] | None = None

    @property
    def label(self) -> str:
        return self.id or self.url_name


def phase_of(world: World, kind: int) -> Any:
    """The world's cohort's phase of that kind (1–4), made once: every app's cases share it (the
    axe sweep builds all of them on one world, and a cohort has one phase of each kind)."""
    import datetime

    from magellan.directory.models import Phase

    start = world.cohort.start_date + datetime.timedelta(days=75 * (kind - 1))
    phase, _created = Phase.objects.get_or_create(
        cohort=world.cohort,
        kind=kind,
        defaults={"start_date": start, "end_date": start + datetime.timedelta(days=70)},
    )
    return phase
