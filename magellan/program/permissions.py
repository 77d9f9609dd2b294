"""Who may see and do what in the program: plain predicates, used by views and templates.

- Coaches (and staff) see every session and manage the program (plan, edit, attendance, aggregates).
- A member sees the sessions of their cohorts meant for their role, their challenge's sessions, and the
  sessions they facilitate, are registered to or expected at.
- Feedback is private: its author and coaches only.
"""

from typing import Any

from magellan.directory.permissions import is_coach, is_member

from .models import Feedback, Session


def can_manage_program(user: Any) -> bool:
    """Coaches plan and run the program."""
    return is_coach(user)


def can_use_program(user: Any) -> bool:
    """Members of the community have program pages (their calendar, their sessions)."""
    return is_member(user)


def can_view_session(user: Any, session: Session) -> bool:
    """Coaches see all; others the sessions visible to them (see queries.sessions_visible_to)."""
    if is_coach(user):
        return True
    if not is_member(user):
        return False
    from .queries import sessions_visible_to

    return sessions_visible_to(user).filter(pk=session.pk).exists()


def can_register(user: Any, session: Session) -> bool:
    """Members of the session's audience register to sessions that take registrations."""
    return (
        session.format.registration_required
        and not session.is_cancelled
        and can_view_session(user, session)
    )


def can_view_feedback(user: Any, feedback: Feedback) -> bool:
    """A feedback is seen by its author and the coaches, never by other participants."""
    if is_coach(user):
        return True
    return bool(getattr(user, "is_authenticated", False)) and feedback.person.user_id == user.pk


def can_take_attendance(user: Any, session: Session) -> bool:
    """Coaches, and the session's facilitators, note who came."""
    if is_coach(user):
        return True
    from magellan.directory.queries import person_of

    person = person_of(user)
    return person is not None and session.facilitators.filter(pk=person.pk).exists()
