"""Who may read and write the values of a challenge: plain predicates, used by views, templates
and the other parts of the app (repositories included).

- The team of a challenge is its fellows, its project owner and its sponsor
  (`magellan.evaluation.queries.team_roles`); the writers are the fellows and the project owner.
  The team's read and write rules are the evaluation's (`evaluation.permissions`), called here.
- A challenge's values and evidence (statuses, history, datasets, declarations, repositories):
  the team and the coaches read them; the writers and the coaches change them; anyone else
  signed in gets a 403.
- The cohort dashboard is for coaches.
"""

from typing import Any

from magellan.directory.models import Challenge
from magellan.directory.permissions import is_coach
from magellan.evaluation import permissions as team
from magellan.evaluation.queries import my_teams


def may_use_values(user: Any) -> bool:
    """The values' home page: the coaches and the members of a challenge's team."""
    return is_coach(user) or bool(my_teams(user))


def can_view_values(user: Any, challenge: Challenge) -> bool:
    """The challenge's values page and its evidence: its team and the coaches."""
    return team.can_view_challenge(user, challenge)


def can_edit_values(user: Any, challenge: Challenge) -> bool:
    """Statuses, declarations, datasets and repositories: the fellows, the project owner, coaches."""
    return team.can_edit_indicators(user, challenge)


def can_view_cohort_values(user: Any) -> bool:
    """The cohort dashboard (challenges × values): coaches."""
    return is_coach(user)
