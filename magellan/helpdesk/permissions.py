"""Who may see and do what on the help desk: plain predicates, used by views, templates and services.

- A request is seen by its author, its challenge's team, its assigned helpers and the coaches
  (`queries.visibility`, the one rule); nobody else, not even the helper of another request.
- Fellows, project owners and sponsors ask for help; coaches too, on behalf of a team.
- Helpers (coaches, mentors, alumni who opted in, experts a coach added) see the queue of new
  requests in their expertises — subject, expertises and urgency only — and take one.
- Coaches assign helpers; assigned helpers and coaches plan sessions and resolve; the author's
  side withdraws, closes a resolved request, or reopens it within the window.
"""

import datetime
from typing import Any

from django.conf import settings
from django.utils import timezone

from magellan.directory.models import Role
from magellan.directory.permissions import is_coach, is_member, roles_of
from magellan.directory.queries import person_of

from . import lifecycle, queries
from .models import HelperProfile, HelpRequest, Status

ASKING_ROLES = frozenset({Role.FELLOW, Role.PROJECT_OWNER, Role.SPONSOR})
HELPER_ROLES = frozenset({Role.COACH, Role.MENTOR, Role.ALUMNI})


def can_view_request(user: Any, request: HelpRequest) -> bool:
    """The author, their challenge's team, the assigned helpers and the coaches."""
    condition = queries.visibility(user)
    if condition is None:
        return False
    return HelpRequest.objects.filter(condition, pk=request.pk).exists()


def can_manage_helpdesk(user: Any) -> bool:
    """Coaches read the queue and its figures, assign helpers and manage helper profiles."""
    return is_coach(user)


def can_ask_help(user: Any) -> bool:
    """Fellows, project owners and sponsors ask for help (coaches on behalf of a team)."""
    return person_of(user) is not None and (bool(ASKING_ROLES & roles_of(user)) or is_coach(user))


def can_be_helper(user: Any) -> bool:
    """Coaches, mentors and alumni opt in as helpers; an expert a coach added edits their profile."""
    person = person_of(user)
    if person is None:
        return False
    return (
        bool(HELPER_ROLES & roles_of(user)) or HelperProfile.objects.filter(person=person).exists()
    )


def can_use_helpdesk(user: Any) -> bool:
    """Members and helpers (an expert may have no role) have a help-desk page."""
    return is_member(user) or can_be_helper(user)


def is_author_side(user: Any, request: HelpRequest) -> bool:
    """The author or a member of the request's challenge team."""
    person = person_of(user)
    return person is not None and person.pk in queries.team_ids(request)


def is_assigned_helper(user: Any, request: HelpRequest) -> bool:
    person = person_of(user)
    return person is not None and request.assignments.filter(helper=person).exists()


def acts_as_helper(user: Any, request: HelpRequest) -> bool:
    """An assigned helper or a coach: they plan sessions and resolve."""
    return is_coach(user) or is_assigned_helper(user, request)


def can_take_request(user: Any, request: HelpRequest) -> bool:
    """An active helper takes a new request of their queue."""
    person = person_of(user)
    return person is not None and queries.queue_for(person).filter(pk=request.pk).exists()


def can_assign(user: Any, request: HelpRequest) -> bool:
    """Coaches assign helpers to an open request."""
    return is_coach(user) and request.is_open


def can_plan_session(user: Any, request: HelpRequest) -> bool:
    return acts_as_helper(user, request) and lifecycle.is_allowed(
        request.status, Status.SESSION_PLANNED
    )


def can_resolve(user: Any, request: HelpRequest) -> bool:
    return acts_as_helper(user, request) and lifecycle.is_allowed(request.status, Status.RESOLVED)


def follows_request(user: Any, request: HelpRequest) -> bool:
    """The author's side, the assigned helpers or a coach: they close a resolved request."""
    return acts_as_helper(user, request) or is_author_side(user, request)


def can_close(user: Any, request: HelpRequest) -> bool:
    """Once resolved: the author's side, the helpers or a coach."""
    return lifecycle.is_allowed(request.status, Status.CLOSED) and follows_request(user, request)


def is_author_or_coach(user: Any, request: HelpRequest) -> bool:
    """Its author, or a coach for them: they withdraw a request."""
    person = person_of(user)
    return is_coach(user) or (person is not None and person.pk == request.author_id)


def can_withdraw(user: Any, request: HelpRequest) -> bool:
    """Its author (or a coach for them) while it is open."""
    return is_author_or_coach(user, request) and lifecycle.is_allowed(
        request.status, Status.WITHDRAWN
    )


def author_side_or_coach(user: Any, request: HelpRequest) -> bool:
    """The author's side or a coach: they reopen a resolved request."""
    return is_coach(user) or is_author_side(user, request)


def reopen_deadline(request: HelpRequest) -> datetime.datetime | None:
    """Until when a resolved request may be reopened."""
    if request.resolved_at is None:
        return None
    return request.resolved_at + datetime.timedelta(days=settings.MAGELLAN_HELPDESK_REOPEN_DAYS)


def within_reopen_window(request: HelpRequest, now: datetime.datetime | None = None) -> bool:
    deadline = reopen_deadline(request)
    return deadline is not None and (now or timezone.now()) <= deadline


def can_reopen(user: Any, request: HelpRequest) -> bool:
    """The author's side or a coach, within the window after its resolution."""
    return (
        request.status == Status.RESOLVED
        and within_reopen_window(request)
        and author_side_or_coach(user, request)
    )


def can_comment(user: Any, request: HelpRequest) -> bool:
    """Everyone who sees the request writes in its thread, until it is closed or withdrawn."""
    return request.status not in (Status.CLOSED, Status.WITHDRAWN) and can_view_request(
        user, request
    )
