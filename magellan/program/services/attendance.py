"""Attendance at a held session and the participants' feedback."""

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from magellan.core.sorting import name_key
from magellan.directory.models import Person

from ..models import Attendance, Feedback, Session
from ..queries import expected_participants
from .base import ProgramError


def attendance_candidates(session: Session) -> list[Person]:
    """Who attendance is taken for: the expected participants and anyone already marked."""
    people = {person.pk: person for person in expected_participants(session)}
    for attendance in session.attendances.select_related("person"):
        people.setdefault(attendance.person_id, attendance.person)
    return sorted(people.values(), key=lambda person: (name_key(person.name), person.pk))


def record_attendance(
    *, session: Session, person: Person, is_present: bool, is_excused: bool = False
) -> Attendance:
    """Mark one person present, absent or excused (absent, having said so) at a held session
    they were expected at (or already marked at, as a walk-in)."""
    _check_attendance_open(session)
    if person.pk not in {candidate.pk for candidate in attendance_candidates(session)}:
        raise ProgramError(
            _("%(name)s n’est pas attendu·e à cette séance : sa présence ne se note pas.")
            % {"name": person.name}
        )
    attendance, _created = Attendance.objects.update_or_create(
        session=session,
        person=person,
        defaults={"is_present": is_present, "is_excused": is_excused and not is_present},
    )
    return attendance


def walk_in_candidates(session: Session) -> list[Person]:
    """Who may be added at the attendance as a walk-in: the cohort's people not expected."""
    expected = {person.pk for person in attendance_candidates(session)}
    people = (
        Person.objects.filter(cohort_roles__cohort=session.cohort).distinct().order_by("name", "pk")
    )
    return [person for person in people if person.pk not in expected]


def record_walk_in(*, session: Session, person: Person) -> Attendance:
    """Mark present someone of the cohort who came without being expected (or registered)."""
    _check_attendance_open(session)
    if person.pk not in {candidate.pk for candidate in walk_in_candidates(session)}:
        raise ProgramError(
            _("%(name)s ne peut pas être ajouté·e : déjà dans la liste ou hors de la promotion.")
            % {"name": person.name}
        )
    return Attendance.objects.create(session=session, person=person, is_present=True)


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
