"""Who may read and write the weekly bulletins: plain predicates, used by views and templates.

- The team's fellows and project owner write their team's bulletin (`queries.WRITER_ROLES`).
- The team (sponsor included), the coaches and the members of the team's cohort read it.
- A help need kept private is for the team and the coaches only.
- The public reads nothing.
"""

from typing import Any

from magellan.directory.models import Challenge, Cohort
from magellan.directory.permissions import is_coach
from magellan.directory.queries import person_of

from . import queries
from .models import Bulletin


def can_write(user: Any, challenge: Challenge) -> bool:
    """The team's fellows and project owner (not the sponsor, not a coach, not another team)."""
    return queries.is_writer(person_of(user), challenge)


def can_view_team(user: Any, challenge: Challenge) -> bool:
    """The team, the coaches, and the members of one of the team's cohorts."""
    if is_coach(user):
        return True
    if challenge.pk in queries.my_challenge_ids(user):
        return True
    mine = queries.my_cohort_ids(user)
    return any(cohort.pk in mine for cohort in challenge.cohorts.all())


def can_view_cohort(user: Any, cohort: Cohort) -> bool:
    """The cohort's members (any role in it) and the coaches."""
    return is_coach(user) or cohort.pk in queries.my_cohort_ids(user)


def can_view_help(user: Any, bulletin: Bulletin) -> bool:
    """A private help need: the team and the coaches only."""
    return queries.help_visible(
        bulletin, coach=is_coach(user), challenge_ids=queries.my_challenge_ids(user)
    )


def can_edit_settings(user: Any, challenge: Challenge) -> bool:
    """The team's writers and the coaches set the team's chat webhook."""
    return is_coach(user) or can_write(user, challenge)


def can_subscribe(user: Any) -> bool:
    """Anyone with a role in a cohort may receive the digest of their cohorts."""
    return person_of(user) is not None and bool(queries.my_cohort_ids(user))
