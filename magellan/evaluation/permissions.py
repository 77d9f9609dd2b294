"""Who may read and write what in the evaluation: plain predicates, used by views, templates,
the dashboard and the e-mails (`queries.py` holds the matching filters for lists).

- The team of a challenge is its fellows, its project owner and its sponsor (`queries.team_roles`).
- Indicators and the retrospective: the team and the coaches read them; the fellows and the
  project owner write them; anyone who reads a retrospective may comment on it.
- A report: the coaches write it and read its draft; once published, the team (sponsor included)
  reads it, and the fellows or the project owner acknowledge it after their internal review.
  A draft, or another challenge's report, does not exist for anyone else (404).
- Action status: the team's writers and the coaches update it.
- The cohort overview and its CSV are for coaches.
"""

from typing import Any

from magellan.directory.models import Challenge
from magellan.directory.permissions import is_coach

from . import queries
from .models import Report


def can_view_challenge(user: Any, challenge: Challenge) -> bool:
    """The challenge's evaluation pages (trajectory, indicators, retrospectives, published reports)."""
    return is_coach(user) or bool(queries.team_roles(user, challenge))


def can_write_team_documents(user: Any, challenge: Challenge) -> bool:
    """Indicators, the retrospective and action status: the fellows and the project owner."""
    return bool(queries.team_roles(user, challenge) & queries.TEAM_WRITER_ROLES)


def can_edit_indicators(user: Any, challenge: Challenge) -> bool:
    return is_coach(user) or can_write_team_documents(user, challenge)


def can_update_actions(user: Any, challenge: Challenge) -> bool:
    return is_coach(user) or can_write_team_documents(user, challenge)


def can_comment_retrospective(user: Any, challenge: Challenge) -> bool:
    return can_view_challenge(user, challenge)


def can_write_reports(user: Any) -> bool:
    """Coaches write, publish and read the drafts of the reports."""
    return is_coach(user)


def can_view_report(user: Any, report: Report) -> bool:
    """A draft: coaches only. Published: the coaches and the challenge's team."""
    if is_coach(user):
        return True
    return report.is_published and bool(queries.team_roles(user, report.challenge))


def can_acknowledge_report(user: Any, report: Report) -> bool:
    return report.is_published and can_write_team_documents(user, report.challenge)


def can_view_cohort_overview(user: Any) -> bool:
    return is_coach(user)


def can_reopen_retrospective(user: Any) -> bool:
    """A submitted retrospective goes back to draft only by a coach's hand."""
    return is_coach(user)
