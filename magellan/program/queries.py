"""Reusable reads for the program: visibility, expected participants, attendance figures."""

import datetime
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from django.db.models import Avg, Count, Exists, OuterRef, Prefetch, Q, QuerySet
from django.utils import timezone
from django.utils.translation import gettext as _

from magellan.core.dates import format_date
from magellan.directory.models import ChallengeMembership, Cohort, CohortRole, Person, Role
from magellan.directory.permissions import is_coach
from magellan.directory.queries import person_of  # re-exported: program callers use it

from .models import Attendance, Feedback, Format, RegistrationStatus, Session, SessionStatus

# --- The audience rule: who a session is for --------------------------------------------------


def _in_audience(*, person: Any, cohort: Any, challenge: Any, roles: Iterable[str]) -> Q:
    """The audience rule, written once for both sides (values or `OuterRef`s of the other side).

    A person is in a session's audience when they hold one of its format's audience roles in the
    session's cohort and, for a challenge's session (`challenge` not None), are in that
    challenge's team in one of those roles; when coaches are in the audience, the cohort's coaches
    follow every challenge. A past cohort's fellow (an alumnus) of a challenge carried on is
    therefore not expected at the new cohort's sessions, and a format with no audience role is
    meant for nobody.
    """
    roles = list(roles)
    if not roles:
        return Q(pk__in=[])
    holds = CohortRole.objects.filter(person=person, cohort=cohort, role__in=roles)
    if challenge is None:
        return Q(Exists(holds))
    in_team = Q(
        Exists(
            ChallengeMembership.objects.filter(person=person, challenge=challenge, role__in=roles)
        )
    )
    if Role.COACH in roles:
        in_team |= Q(Exists(holds.filter(role=Role.COACH)))
    return Q(Exists(holds)) & in_team


def audience_people(session: Session) -> QuerySet[Person]:
    """The people a session is meant for (the audience rule), by name; nobody for a private session
    (its people are its registered participants and its facilitators)."""
    if session.is_private:
        return Person.objects.none()
    return Person.objects.filter(
        _in_audience(
            person=OuterRef("pk"),
            cohort=session.cohort_id,
            challenge=session.challenge_id,
            roles=session.format.audience_roles or [],
        )
    ).order_by("name")


def _audience_sessions_q(person: Person) -> Q:
    """The sessions whose audience the person is in (the audience rule, from the person's side)."""
    held = set(CohortRole.objects.filter(person=person).values_list("role", flat=True))
    formats_by_roles: dict[tuple[str, ...], list[int]] = defaultdict(list)
    for format_id, roles in Format.objects.values_list("pk", "audience_roles"):
        if held.intersection(roles or []):
            formats_by_roles[tuple(sorted(roles))].append(format_id)
    condition = Q(pk__in=[])
    for roles, format_ids in formats_by_roles.items():
        for_cohort = Q(challenge__isnull=True) & _in_audience(
            person=person.pk, cohort=OuterRef("cohort_id"), challenge=None, roles=roles
        )
        for_challenge = Q(challenge__isnull=False) & _in_audience(
            person=person.pk,
            cohort=OuterRef("cohort_id"),
            challenge=OuterRef("challenge_id"),
            roles=roles,
        )
        condition |= Q(format_id__in=format_ids) & (for_cohort | for_challenge)
    return Q(is_private=False) & condition


def _sessions_of(person: Person, *, expected_only: bool) -> QuerySet[Session]:
    audience = _audience_sessions_q(person)
    registrations = person.registrations.exclude(status=RegistrationStatus.CANCELLED)
    if expected_only:
        audience &= Q(format__registration_required=False)
        registrations = registrations.filter(status=RegistrationStatus.REGISTERED)
    facilitated = Session.facilitators.through.objects.filter(person=person).values("session")
    return Session.objects.filter(
        audience | Q(pk__in=facilitated) | Q(pk__in=registrations.values("session"))
    )


def sessions_for_person(person: Person) -> QuerySet[Session]:
    """Sessions meant for a person (the audience rule), facilitated, or registered to."""
    return _sessions_of(person, expected_only=False)


def sessions_expecting(person: Person) -> QuerySet[Session]:
    """Sessions a person is registered to, facilitates, or is expected at without registering."""
    return _sessions_of(person, expected_only=True)


def upcoming_sessions(person: Person, *, now: datetime.datetime | None = None) -> QuerySet[Session]:
    """A person's upcoming sessions, as "Mes séances" and the home list them: the sessions meant
    for them (`sessions_for_person`) not over yet, soonest first; cancelled ones stay, marked."""
    return (
        sessions_for_person(person)
        .filter(ends_at__gte=now or timezone.now())
        .order_by("starts_at", "pk")
    )


def annotate_my_status(person: Person | None, sessions: list[Session]) -> None:
    """Set `my_status` on each session: the person's registration status label, or ""."""
    statuses: dict[int, str] = {}
    if person is not None and sessions:
        statuses = dict(
            person.registrations.filter(session__in=[s.pk for s in sessions])
            .exclude(status=RegistrationStatus.CANCELLED)
            .values_list("session_id", "status")
        )
    labels = dict(RegistrationStatus.choices)
    for session in sessions:
        status = statuses.get(session.pk, "")
        session.my_status = str(labels[status]) if status else ""  # type: ignore[attr-defined]


def sessions_visible_to(user: Any) -> QuerySet[Session]:
    """Sessions a user may see: all for coaches, their own for members, none otherwise."""
    if is_coach(user):
        return Session.objects.all()
    person = person_of(user)
    if person is None:
        return Session.objects.none()
    return sessions_for_person(person)


def with_registered_count(sessions: QuerySet[Session]) -> QuerySet[Session]:
    """Each session's `registered_count` (registered, not waitlisted), for `places_left`."""
    return sessions.annotate(
        registered_count=Count(
            "registrations", filter=Q(registrations__status=RegistrationStatus.REGISTERED)
        )
    )


def places_left(session: Session, *, registered: int | None = None) -> int | None:
    """The free places of a session: None when unlimited, 0 when full (the next registration
    goes to the waiting list). `registered` spares the count when the caller has it."""
    if session.capacity is None:
        return None
    if registered is None:
        registered = getattr(session, "registered_count", None)
    if registered is None:
        registered = session.registrations.filter(status=RegistrationStatus.REGISTERED).count()
    return max(0, session.capacity - registered)


def with_list_data(sessions: QuerySet[Session]) -> QuerySet[Session]:
    """What calendar lists show: format, cohort, challenge, facilitators, registered count."""
    return with_registered_count(
        sessions.select_related("format", "cohort", "challenge", "phase").prefetch_related(
            Prefetch("facilitators", queryset=Person.objects.order_by("name"))
        )
    )


def registered_participants(session: Session) -> QuerySet[Person]:
    """People registered to a session (not waitlisted, not cancelled)."""
    return Person.objects.filter(
        registrations__session=session, registrations__status=RegistrationStatus.REGISTERED
    ).order_by("name")


def waitlisted_registrations(session: Session) -> Any:
    """A session's waiting list, first in line first."""
    return (
        session.registrations.filter(status=RegistrationStatus.WAITLISTED)
        .select_related("person")
        .order_by("position", "pk")
    )


def expected_participants(session: Session) -> list[Person]:
    """Who is expected: the registered people, or the audience when the format has no registration
    (a private session has no audience: its registered people)."""
    if session.status == SessionStatus.CANCELLED:
        return []
    if session.format.registration_required or session.is_private:
        return list(registered_participants(session))
    return list(audience_people(session))


def feedback_summary(sessions: QuerySet[Session]) -> dict[str, Any]:
    """Aggregate rating (mean, count, distribution) over the sessions' feedback."""
    rows = Feedback.objects.filter(session__in=sessions).values_list("rating", flat=True)
    ratings = list(rows)
    distribution = {value: ratings.count(value) for value in range(1, 6)}
    mean = round(sum(ratings) / len(ratings), 1) if ratings else None
    return {"count": len(ratings), "mean": mean, "distribution": distribution}


ATTENDANCE_GROUPINGS = {
    # What the report groups by: the key that tells rows apart, and the label shown.
    "format": ("session__format_id", "session__format__name"),
    "person": ("person_id", "person__name"),
}


def attendance_rates(cohort: Cohort, *, by: str) -> list[dict[str, Any]]:
    """Present / marked attendances of a cohort's held sessions, per format or per person (rate in %);
    an excused absence is counted apart (`excused`) and not in the rate.

    Rows are told apart by id (two people may share a name), sorted by label.
    """
    key, label = ATTENDANCE_GROUPINGS[by]
    rows = (
        Attendance.objects.filter(session__cohort=cohort, session__status=SessionStatus.SCHEDULED)
        .values(key, label)
        .annotate(
            present=Count("pk", filter=Q(is_present=True)),
            excused=Count("pk", filter=Q(is_excused=True)),
            total=Count("pk", filter=Q(is_excused=False)),
            sessions=Count("session", distinct=True),
        )
        .order_by(label, key)
    )
    return [
        {
            "label": row[label],
            "present": row["present"],
            "total": row["total"],
            "excused": row["excused"],
            "sessions": row["sessions"],
            "rate": round(100 * row["present"] / row["total"]) if row["total"] else 0,
        }
        for row in rows
    ]


def feedback_comments(session: Session) -> list[Feedback]:
    """A session's feedback with a comment, newest first, with their authors (for coaches)."""
    return list(
        Feedback.objects.filter(session=session)
        .exclude(comment="")
        .select_related("person")
        .order_by("-updated_at", "pk")
    )


def feedback_by_format(cohort: Cohort) -> list[dict[str, Any]]:
    """Number of feedbacks and mean rating per format of a cohort (aggregates only, no author)."""
    rows = (
        Feedback.objects.filter(session__cohort=cohort)
        .values("session__format__name")
        .annotate(count=Count("pk"), mean=Avg("rating"))
        .order_by("session__format__name")
    )
    return [
        {
            "label": row["session__format__name"],
            "count": row["count"],
            "mean": round(row["mean"], 1) if row["mean"] is not None else None,
        }
        for row in rows
    ]


# --- Conflicts: two sessions at the same time for one facilitator or one audience -----------


@dataclass(frozen=True)
class Slot:
    """A session, saved or only planned, as the conflict check sees it."""

    label: str
    cohort_id: int
    challenge_id: int | None
    starts_at: datetime.datetime
    ends_at: datetime.datetime
    facilitators: tuple[Person, ...] = ()
    pk: int | None = None
    is_private: bool = False

    @classmethod
    def of(cls, session: Session, facilitators: Iterable[Person] | None = None) -> "Slot":
        people = session.facilitators.all() if facilitators is None else facilitators
        # Parallel sessions of one format differ by their challenge: the warning names it.
        label = session.display_title
        if session.challenge is not None:
            label = f"{label} · {session.challenge.title}"
        return cls(
            label=label,
            cohort_id=session.cohort_id,
            challenge_id=session.challenge_id,
            starts_at=session.starts_at,
            ends_at=session.ends_at,
            facilitators=tuple(people),
            pk=session.pk,
            is_private=session.is_private,
        )

    def overlaps(self, other: "Slot") -> bool:
        return self.starts_at < other.ends_at and other.starts_at < self.ends_at

    def same_audience(self, other: "Slot") -> bool:
        """Same cohort, and one of them is for the whole cohort or both for the same challenge.
        A private session (a mentoring pair's) has no audience: only its facilitators count."""
        if self.is_private or other.is_private:
            return False
        return self.cohort_id == other.cohort_id and (
            self.challenge_id is None
            or other.challenge_id is None
            or self.challenge_id == other.challenge_id
        )


def conflicts_for(slots: list[Slot]) -> list[tuple[str, ...]]:
    """For each slot, the French warnings about the other sessions (saved and not cancelled, or
    among `slots`) at an overlapping time for the same audience or one of its facilitators."""
    if not slots:
        return []
    saved_pks = {s.pk for s in slots if s.pk is not None}
    people = {p.pk for s in slots for p in s.facilitators}
    saved = (
        Session.objects.exclude(status=SessionStatus.CANCELLED)
        .exclude(pk__in=saved_pks)
        .filter(
            starts_at__lt=max(s.ends_at for s in slots),
            ends_at__gt=min(s.starts_at for s in slots),
        )
        .filter(Q(cohort_id__in={s.cohort_id for s in slots}) | Q(facilitators__in=people))
        .distinct()
        .select_related("format", "challenge")
        .prefetch_related("facilitators")
        .order_by("starts_at", "pk")
    )
    others = list(slots) + [Slot.of(session) for session in saved]
    result = []
    for index, slot in enumerate(slots):
        warnings: list[str] = []
        for position, other in enumerate(others):
            if position == index or not slot.overlaps(other):
                continue
            when = format_date(other.starts_at, "l j F Y, H:i")
            what = {"other": other.label, "when": when}
            if slot.same_audience(other):
                warnings.append(
                    _("La promotion a une autre séance à ce moment : %(other)s (%(when)s).") % what
                )
            shared = {p.pk for p in other.facilitators}
            warnings.extend(
                _("%(name)s anime une autre séance à ce moment : %(other)s (%(when)s).")
                % {**what, "name": person.name}
                for person in slot.facilitators
                if person.pk in shared
            )
        result.append(tuple(warnings))
    return result


def facilitator_candidates() -> QuerySet[Person]:
    """Who may facilitate a session: coaches and mentors (parrains, marraines), by name."""
    return (
        Person.objects.filter(cohort_roles__role__in=[Role.COACH, Role.MENTOR])
        .distinct()
        .order_by("name", "pk")
    )
