"""Every write and business rule of the program: planning, registration, attendance, feedback, e-mails."""

import datetime
import zoneinfo
from dataclasses import dataclass, replace
from typing import Any

from django.conf import settings
from django.db import transaction
from django.db.models import Max
from django.utils import timezone
from django.utils.translation import gettext as _

from magellan.core.validators import one_line
from magellan.directory.models import Challenge, Cohort, Person, Phase

from . import queries
from .models import (
    Attendance,
    CalendarFeed,
    Feedback,
    Format,
    GroupingMode,
    Registration,
    RegistrationStatus,
    Session,
    SessionStatus,
)
from .planning import Span, lay_out, period_of, plan_days
from .queries import expected_participants

__all__ = ["expected_participants"]  # re-exported: the brief's name for other apps

PARIS = zoneinfo.ZoneInfo("Europe/Paris")


class ProgramError(Exception):
    """A rule of the program refused the action; the message is shown to the user."""


# --- E-mails -------------------------------------------------------------------------------


def notify_participants(
    *,
    session: Session,
    subject: str,
    template_name: str,
    context: dict[str, Any] | None = None,
    people: list[Person] | None = None,
) -> None:
    """E-mail people (default: the expected participants) about a session, once the transaction commits."""
    from .tasks import send_session_email

    recipients = expected_participants(session) if people is None else people
    person_ids = [person.pk for person in recipients if person.email]
    if not person_ids:
        return
    transaction.on_commit(
        lambda: send_session_email.enqueue(
            session_id=session.pk,
            person_ids=person_ids,
            subject=subject,
            template_name=template_name,
            context=context or {},
        )
    )


def _subject(text: str, session: Session) -> str:
    local = timezone.localtime(session.starts_at)
    return f"{text} : {one_line(session.display_title)} ({local:%d/%m/%Y})"


# --- Sessions ------------------------------------------------------------------------------


def phase_for(*, cohort: Cohort, day: datetime.date) -> Phase | None:
    """The cohort's phase that contains a day, if any."""
    return cohort.phases.filter(start_date__lte=day, end_date__gte=day).first()


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
    _promote_waitlisted(current)
    if NOTIFIED_CHANGES & set(fields):
        notify_participants(
            session=current,
            subject=_subject(_("Séance modifiée"), current),
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
        subject=_subject(_("Séance annulée"), session),
        template_name="program/emails/session_cancelled.txt",
        people=people,
    )
    return session


# --- Registration --------------------------------------------------------------------------


def _promote_waitlisted(session: Session) -> list[Registration]:
    """Move the first people of the waiting list to registered while places are free."""
    promoted: list[Registration] = []
    if session.capacity is None:
        free = None
    else:
        taken = session.registrations.filter(status=RegistrationStatus.REGISTERED).count()
        free = session.capacity - taken
    for registration in queries.waitlisted_registrations(session):
        if free is not None and free <= 0:
            break
        registration.status = RegistrationStatus.REGISTERED
        registration.save(update_fields=["status", "updated_at"])
        promoted.append(registration)
        if free is not None:
            free -= 1
    for registration in promoted:
        notify_participants(
            session=session,
            subject=_subject(_("Une place s’est libérée"), session),
            template_name="program/emails/promoted.txt",
            people=[registration.person],
        )
    return promoted


def register(*, session: Session, person: Person) -> Registration:
    """Register a person, or put them on the waiting list when the session is full."""
    with transaction.atomic():
        locked = Session.objects.select_for_update().select_related("format").get(pk=session.pk)
        if locked.is_cancelled:
            raise ProgramError(_("Cette séance est annulée."))
        if not locked.format.registration_required:
            raise ProgramError(
                _("Cette séance ne prend pas d’inscriptions : vous y êtes attendu·e.")
            )
        if locked.starts_at <= timezone.now():
            raise ProgramError(_("Les inscriptions sont closes : la séance a commencé."))
        registration = Registration.objects.filter(session=locked, person=person).first()
        if registration is not None and registration.status != RegistrationStatus.CANCELLED:
            return registration
        taken = locked.registrations.filter(status=RegistrationStatus.REGISTERED).count()
        is_full = locked.capacity is not None and taken >= locked.capacity
        status = RegistrationStatus.WAITLISTED if is_full else RegistrationStatus.REGISTERED
        last = locked.registrations.aggregate(last=Max("position"))["last"] or 0
        if registration is None:
            registration = Registration(session=locked, person=person)
        registration.status = status
        registration.position = last + 1
        registration.save()
        if is_full:
            subject = _subject(_("Liste d’attente"), locked)
            template_name = "program/emails/waitlisted.txt"
        else:
            subject = _subject(_("Inscription confirmée"), locked)
            template_name = "program/emails/registered.txt"
        notify_participants(
            session=locked, subject=subject, template_name=template_name, people=[person]
        )
    return registration


def cancel_registration(*, session: Session, person: Person) -> Registration:
    """Cancel a registration; a freed place goes to the first on the waiting list."""
    with transaction.atomic():
        locked = Session.objects.select_for_update().select_related("format").get(pk=session.pk)
        registration = (
            Registration.objects.filter(session=locked, person=person)
            .exclude(status=RegistrationStatus.CANCELLED)
            .first()
        )
        if registration is None:
            raise ProgramError(_("Vous n’êtes pas inscrit·e à cette séance."))
        if locked.starts_at <= timezone.now():
            raise ProgramError(_("La séance a commencé : la désinscription n’est plus possible."))
        registration.status = RegistrationStatus.CANCELLED
        registration.save(update_fields=["status", "updated_at"])
        _promote_waitlisted(locked)
    return registration


# --- Attendance and feedback ---------------------------------------------------------------


def attendance_candidates(session: Session) -> list[Person]:
    """Who attendance is taken for: the expected participants and anyone already marked."""
    people = {person.pk: person for person in expected_participants(session)}
    for attendance in session.attendances.select_related("person"):
        people.setdefault(attendance.person_id, attendance.person)
    return sorted(people.values(), key=lambda person: (person.name, person.pk))


def record_attendance(*, session: Session, person: Person, is_present: bool) -> Attendance:
    """Mark one person present or absent at a held session they were expected at."""
    _check_attendance_open(session)
    if person.pk not in {candidate.pk for candidate in attendance_candidates(session)}:
        raise ProgramError(
            _("%(name)s n’est pas attendu·e à cette séance : sa présence ne se note pas.")
            % {"name": person.name}
        )
    attendance, _created = Attendance.objects.update_or_create(
        session=session, person=person, defaults={"is_present": is_present}
    )
    return attendance


def _check_attendance_open(session: Session) -> None:
    if session.is_cancelled:
        raise ProgramError(_("Cette séance est annulée : la présence ne se note pas."))
    if session.starts_at > timezone.now():
        raise ProgramError(_("La présence se note une fois la séance commencée."))


@transaction.atomic
def record_all_present(*, session: Session) -> int:
    """Mark present every expected participant not marked yet (an absence stays); return how many."""
    _check_attendance_open(session)
    marked = set(Attendance.objects.filter(session=session).values_list("person_id", flat=True))
    people = [person for person in attendance_candidates(session) if person.pk not in marked]
    Attendance.objects.bulk_create(
        [Attendance(session=session, person=person, is_present=True) for person in people],
        ignore_conflicts=True,
    )
    return len(people)


def feedback_refusal(*, session: Session, person: Person | None) -> str | None:
    """Why this person may not give feedback on this session now, or None if they may.

    The session page offers the form, the form opens and `give_feedback` records only when this
    says None: once the session has started, not cancelled, for its participants.
    """
    if person is None:
        return _("Seuls les participant·es de la séance peuvent donner leur avis.")
    if session.starts_at > timezone.now():
        return _("Vous pourrez donner votre avis après la séance.")
    if session.is_cancelled:
        return _("Cette séance a été annulée.")
    was_there = session.attendances.filter(person=person, is_present=True).exists()
    if not was_there and person not in expected_participants(session):
        return _("Seuls les participant·es de la séance peuvent donner leur avis.")
    return None


def give_feedback(*, session: Session, person: Person, rating: int, comment: str) -> Feedback:
    """Record (or update) a participant's rating and comment once the session has started."""
    refusal = feedback_refusal(session=session, person=person)
    if refusal is not None:
        raise ProgramError(refusal)
    if not 1 <= rating <= 5:
        raise ProgramError(_("La note va de 1 à 5."))
    feedback, _created = Feedback.objects.update_or_create(
        session=session, person=person, defaults={"rating": rating, "comment": comment.strip()}
    )
    return feedback


# --- Calendar feeds ------------------------------------------------------------------------


def feed_of(*, person: Person) -> CalendarFeed:
    """A person's calendar feed, created on first use."""
    feed, _created = CalendarFeed.objects.get_or_create(person=person)
    return feed


def renew_feed(*, person: Person) -> CalendarFeed:
    """Give a person's feed a new secret address; the old one stops working."""
    from .models import new_feed_token

    feed = feed_of(person=person)
    feed.token = new_feed_token()
    feed.save(update_fields=["token", "updated_at"])
    return feed


# --- Reminders -----------------------------------------------------------------------------


def send_due_reminders(*, now: datetime.datetime | None = None) -> int:
    """E-mail the reminder of tomorrow's sessions once each; return how many sessions were reminded."""
    now = now or timezone.now()
    tomorrow = timezone.localdate(now) + datetime.timedelta(days=1)
    start = datetime.datetime.combine(tomorrow, datetime.time.min, tzinfo=PARIS)
    end = start + datetime.timedelta(days=1)
    due = Session.objects.scheduled().filter(
        starts_at__gte=start, starts_at__lt=end, reminder_sent_at__isnull=True
    )
    count = 0
    for session_id in due.values_list("pk", flat=True):
        with transaction.atomic():
            session = (
                Session.objects.select_for_update()
                .select_related("format", "cohort")
                .filter(pk=session_id, reminder_sent_at__isnull=True)
                .first()
            )
            if session is None:
                continue
            session.reminder_sent_at = now
            session.save(update_fields=["reminder_sent_at"])
            notify_participants(
                session=session,
                subject=_subject(_("Rappel : demain"), session),
                template_name="program/emails/reminder.txt",
            )
            count += 1
    return count


# --- Planning a cohort's year --------------------------------------------------------------


@dataclass(frozen=True)
class PlannedSession:
    """A session the plan would create; `exists` when the same one is already in the calendar
    (same format, cohort and challenge in the rule's period); `warnings` about conflicts."""

    format: Format
    starts_at: datetime.datetime
    ends_at: datetime.datetime
    phase: Phase | None
    challenge: Challenge | None
    exists: bool
    warnings: tuple[str, ...] = ()


def cohort_spans(cohort: Cohort) -> list[tuple[Span, Phase | None]]:
    """The cohort's phases as spans, or the cohort's dates when it has no phases."""
    phases = list(cohort.phases.order_by("start_date"))
    if phases:
        return [(Span(p.start_date, p.end_date), p) for p in phases]
    if cohort.start_date and cohort.end_date:
        return [(Span(cohort.start_date, cohort.end_date), None)]
    return []


def _workday() -> tuple[datetime.time, datetime.time]:
    return (
        datetime.time.fromisoformat(settings.MAGELLAN_WORKDAY_START),
        datetime.time.fromisoformat(settings.MAGELLAN_WORKDAY_END),
    )


def preview_plan(
    *,
    cohort: Cohort,
    formats: list[Format],
    rule: str,
    weekday: int,
    week: int,
    anchor: str,
    start_time: datetime.time,
    include_past: bool = False,
) -> list[PlannedSession]:
    """The future sessions a rule would create for the formats within the cohort's phases, in
    working hours, with their conflicts (nothing saved; `include_past` for the demo's history)."""
    spans = cohort_spans(cohort)
    plain_spans = [s for s, _p in spans]
    days = plan_days(plain_spans, rule=rule, weekday=weekday, week=week, anchor=anchor)
    challenges = list(Challenge.objects.filter(cohorts=cohort).order_by("title"))
    workday_start, workday_end = _workday()
    existing = {
        (
            format_id,
            challenge_id,
            period_of(timezone.localtime(starts_at, PARIS).date(), rule=rule, spans=plain_spans),
        )
        for format_id, challenge_id, starts_at in Session.objects.filter(
            cohort=cohort, format__in=formats
        ).values_list("format_id", "challenge_id", "starts_at")
    }
    now = timezone.now()
    planned = []
    for format_ in formats:
        per_challenge = format_.grouping_mode == GroupingMode.PER_CHALLENGE and challenges
        targets: list[Challenge | None] = list(challenges) if per_challenge else [None]
        duration = datetime.timedelta(minutes=format_.duration_minutes)
        in_turn = per_challenge and duration < datetime.timedelta(hours=4)
        for day in days:
            phase = next((p for s, p in spans if s.contains(day)), None)
            period = period_of(day, rule=rule, spans=plain_spans)
            starts = lay_out(
                day,
                start=start_time,
                duration=duration,
                count=len(targets) if in_turn else 1,
                workday_start=workday_start,
                workday_end=workday_end,
            )
            if not in_turn:
                starts *= len(targets)
            for challenge, start in zip(targets, starts, strict=True):
                starts_at = start.replace(tzinfo=PARIS)
                if starts_at <= now and not include_past:
                    continue
                planned.append(
                    PlannedSession(
                        format=format_,
                        starts_at=starts_at,
                        ends_at=starts_at + duration,
                        phase=phase,
                        challenge=challenge,
                        exists=(format_.pk, challenge.pk if challenge else None, period)
                        in existing,
                    )
                )
    planned.sort(key=lambda p: (p.starts_at, p.format.position, p.format.pk))
    slots = [
        queries.Slot(
            label=item.format.name,
            cohort_id=cohort.pk,
            challenge_id=item.challenge.pk if item.challenge else None,
            starts_at=item.starts_at,
            ends_at=item.ends_at,
        )
        for item in planned
        if not item.exists
    ]
    warnings = iter(queries.conflicts_for(slots))
    return [item if item.exists else replace(item, warnings=next(warnings)) for item in planned]


@transaction.atomic
def create_planned_sessions(
    *, cohort: Cohort, planned: list[PlannedSession], place: str = "", online_url: str = ""
) -> list[Session]:
    """Create the previewed sessions that do not exist yet."""
    created = []
    for item in planned:
        if item.exists:
            continue
        session = Session(
            cohort=cohort,
            format=item.format,
            challenge=item.challenge,
            starts_at=item.starts_at,
            ends_at=item.ends_at,
            phase=item.phase,
            place="" if item.format.is_online else place,
            online_url=online_url if item.format.is_online else "",
            capacity=item.format.default_capacity if item.format.registration_required else None,
        )
        session.save()
        created.append(session)
    return created
