"""Changing several sessions at once from the calendar: each through the one-session services."""

import copy
import datetime

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from magellan.core.dates import format_date
from magellan.directory.models import Cohort, Person

from ..models import Session
from .base import ProgramError
from .sessions import cancel_session, update_session


def cohort_date_refusal(*, cohort: Cohort, starts_at: datetime.datetime) -> str | None:
    """Why a session of this cohort may not start then (outside the cohort's dates), or None."""
    if not (cohort.start_date and cohort.end_date):
        return None
    if cohort.start_date <= timezone.localdate(starts_at) <= cohort.end_date:
        return None
    return _("La séance doit avoir lieu pendant la promotion (du %(start)s au %(end)s).") % {
        "start": format_date(cohort.start_date, "j F Y"),
        "end": format_date(cohort.end_date, "j F Y"),
    }


def _moved(
    session: Session, *, shift_days: int, start_time: datetime.time | None
) -> tuple[datetime.datetime, datetime.datetime]:
    duration = session.ends_at - session.starts_at
    starts_at = session.starts_at + datetime.timedelta(days=shift_days)
    if start_time is not None:
        local = timezone.localtime(starts_at)
        starts_at = timezone.make_aware(datetime.datetime.combine(local.date(), start_time))
    return starts_at, starts_at + duration


@transaction.atomic
def edit_sessions(
    *,
    sessions: list[Session],
    shift_days: int = 0,
    start_time: datetime.time | None = None,
    place: str | None = None,
    facilitators: list[Person] | None = None,
) -> list[Session]:
    """Move, re-time, re-place or re-staff several sessions, all or none; each goes through
    `update_session` (SEQUENCE, e-mails on a move, reminders) and keeps the cohort's dates."""
    saved = []
    for session in sorted(sessions, key=lambda s: (s.starts_at, s.pk)):
        if session.is_cancelled:
            raise ProgramError(
                _("« %(title)s » est annulée : retirez-la de la sélection.")
                % {"title": session.display_title}
            )
        edited = copy.copy(session)
        changed: list[str] = []
        if shift_days or start_time is not None:
            edited.starts_at, edited.ends_at = _moved(
                session, shift_days=shift_days, start_time=start_time
            )
            refusal = cohort_date_refusal(cohort=session.cohort, starts_at=edited.starts_at)
            if refusal is not None:
                raise ProgramError(f"« {session.display_title} » : {refusal}")
            changed += ["starts_at", "ends_at"]
        if place is not None:
            edited.place = place
            changed.append("place")
        if facilitators is not None:
            session.facilitators.set(facilitators)
        saved.append(update_session(session=edited, changed=changed))
    return saved


@transaction.atomic
def cancel_sessions(*, sessions: list[Session]) -> list[Session]:
    """Cancel several sessions at once (all or none), each telling who was expected."""
    return [cancel_session(session=session) for session in sorted(sessions, key=lambda s: s.pk)]
