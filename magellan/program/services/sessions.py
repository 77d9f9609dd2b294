"""Creating, editing and cancelling sessions."""

import datetime

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from magellan.audit.services import record_changes
from magellan.directory.models import Cohort, Person, Phase

from ..models import Session, SessionStatus
from ..queries import expected_participants
from .base import ProgramError
from .notifications import email_subject, notify_participants
from .registration import promote_waitlisted


def phase_for(*, cohort: Cohort, day: datetime.date) -> Phase | None:
    """The cohort's phase that contains a day, if any."""
    return _phase_on(list(cohort.phases.all()), day)


def _phase_on(phases: list[Phase], day: datetime.date) -> Phase | None:
    """The first of `phases` (by kind) whose dates contain `day`: the one rule of a session's phase."""
    return next((p for p in phases if p.start_date <= day <= p.end_date), None)


@transaction.atomic
def rederive_phases(*, cohort: Cohort) -> int:
    """Give each of the cohort's sessions the phase its date falls in again (after phase dates changed).

    Says how many sessions changed phase. The phase is not in the iCal files: no SEQUENCE bump.
    """
    phases = list(cohort.phases.all())
    changed = []
    for session in (
        Session.objects.select_for_update().filter(cohort=cohort).only("starts_at", "phase")
    ):
        phase = _phase_on(phases, timezone.localdate(session.starts_at))
        if session.phase_id != (phase.pk if phase else None):
            session.phase = phase
            changed.append(session)
    Session.objects.bulk_update(changed, ["phase"])
    record_changes(Session, [s.pk for s in changed])
    return len(changed)


def create_session(*, session: Session, facilitators: list[Person] | None = None) -> Session:
    """Save a new session, with its phase derived from its date."""
    session.phase = phase_for(cohort=session.cohort, day=timezone.localdate(session.starts_at))
    if session.capacity is None and session.format.registration_required:
        session.capacity = session.format.default_capacity
    session.save()
    if facilitators:
        session.facilitators.set(facilitators)
    return session


NOTIFIED_CHANGES = frozenset({"starts_at", "ends_at", "place", "online_url"})


@transaction.atomic
def update_session(*, session: Session, changed: list[str]) -> Session:
    """Save a session's edits: bump its iCal SEQUENCE, fill freed places, tell participants of moves.

    `session` carries the edited values; only the `changed` fields are written, onto the row as
    it is now (locked), so that a change made meanwhile by someone else (a cancellation) stays.
    A session edited after it was cancelled is refused. A move resets its reminder.
    """
    current = Session.objects.select_for_update().get(pk=session.pk)
    if current.is_cancelled:
        raise ProgramError(
            _(
                "Cette séance a été annulée entre-temps : vos modifications n’ont pas été enregistrées."
            )
        )
    fields = [
        name for name in changed if name in _SESSION_FIELDS and name not in ("sequence", "status")
    ]
    for name in fields:
        setattr(current, name, getattr(session, name))
    if "starts_at" in fields:
        current.reminder_sent_at = None
        fields.append("reminder_sent_at")
    current.phase = phase_for(cohort=current.cohort, day=timezone.localdate(current.starts_at))
    current.sequence += 1
    current.save(update_fields=[*fields, "phase", "sequence", "updated_at"])
    promote_waitlisted(current)
    if NOTIFIED_CHANGES & set(fields):
        notify_participants(
            session=current,
            subject=email_subject(_("Séance modifiée"), current),
            template_name="program/emails/session_changed.txt",
        )
    for name in ("sequence", "phase", "reminder_sent_at", "updated_at", "status"):
        setattr(session, name, getattr(current, name))
    return current


_SESSION_FIELDS = frozenset(
    field.name for field in Session._meta.concrete_fields if not field.primary_key
)


@transaction.atomic
def cancel_session(*, session: Session) -> Session:
    """Cancel a session (kept in feeds with STATUS:CANCELLED) and tell who was expected."""
    if session.is_cancelled:
        raise ProgramError(_("Cette séance est déjà annulée."))
    people = expected_participants(session)
    session.status = SessionStatus.CANCELLED
    session.sequence += 1
    session.save(update_fields=["status", "sequence", "updated_at"])
    notify_participants(
        session=session,
        subject=email_subject(_("Séance annulée"), session),
        template_name="program/emails/session_cancelled.txt",
        people=people,
    )
    return session
