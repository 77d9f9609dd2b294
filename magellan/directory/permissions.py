"""Who may see what in the directory: plain predicates, used by views, templates and the API.

- The public sees cohorts, administrations, visible challenges and the people who consented.
- Members (anyone with a role in a cohort, and staff) see the whole directory, emails included.
- Coaches (and staff) manage everything.
"""

from typing import Any

from .models import Challenge, Person, Role


def roles_of(user: Any) -> frozenset[str]:
    """The set of roles a user holds in any cohort, cached on the user object for the request
    (every app's role test reads it: one query a request)."""
    if not getattr(user, "is_authenticated", False):
        return frozenset()
    cached = getattr(user, "_magellan_roles", None)
    if cached is None:
        cached = frozenset(
            Person.objects.filter(user=user)
            .values_list("cohort_roles__role", flat=True)
            .exclude(cohort_roles=None)
        )
        user._magellan_roles = cached
    return cached


def is_coach(user: Any) -> bool:
    """Coaches and staff run the program."""
    return bool(getattr(user, "is_staff", False)) or Role.COACH in roles_of(user)


def can_manage_directory(user: Any) -> bool:
    """Coaches create and edit cohorts, phases, administrations, challenges, people and roles."""
    return is_coach(user)


def can_view_follow_up(user: Any, person: Person) -> bool:
    """A person's attendance, groups, encounters and feedback are for coaches only."""
    return is_coach(user)


def is_member(user: Any) -> bool:
    """Anyone with a role in a cohort (or staff) belongs to the community."""
    return bool(getattr(user, "is_staff", False)) or bool(roles_of(user))


def can_view_person(user: Any, person: Person) -> bool:
    """The public sees only people who consented; members see everyone."""
    return person.is_public or is_member(user)


def can_view_contact(user: Any, person: Person) -> bool:
    """Emails are never public."""
    return is_member(user)


def can_view_challenge(user: Any, challenge: Challenge) -> bool:
    """Hidden challenges are for members only."""
    return challenge.is_visible or is_member(user)
