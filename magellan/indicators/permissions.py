"""Who may see what in the indicators app (named predicates), used by the views, the templates
and the services.

- The indicators pages (every indicator, person-level ones included) and the follow-up surveys'
  response rates are for coaches; the public statistics page and the data package are open to all.
- A follow-up survey is answered through its personal link, without signing in; its answer is
  read and corrected, signed in, by the person it belongs to only (anyone else: 404).
"""

from typing import Any

from magellan.directory.permissions import is_coach

from .models import SurveyAnswer


def can_view_indicators(user: Any) -> bool:
    """Every indicator, person-level ones included, with its table and CSV: the coaches."""
    return is_coach(user)


def can_view_surveys(user: Any) -> bool:
    """The surveys' response rates, who has not answered, and sending a survey again: coaches."""
    return is_coach(user)


def can_correct_answer(user: Any, answer: SurveyAnswer) -> bool:
    """Only the person who answered reads and corrects their answer once signed in."""
    person_user_id = answer.invitation.person.user_id
    return bool(getattr(user, "is_authenticated", False)) and person_user_id == user.pk
