"""Registering for a session, the waiting list and cancelling a registration."""

from django.db import transaction
from django.db.models import Max
from django.utils import timezone
from django.utils.translation import gettext as _

from magellan.directory.models import Person

from .. import queries
from ..models import Registration, RegistrationStatus, Session
from .base import ProgramError
from .notifications import email_subject, notify_participants


def _registered_now(session: Session) -> int:
    """The registered count read now (never an annotation from before the lock)."""
    return session.registrations.filter(status=RegistrationStatus.REGISTERED).count()


def promote_waitlisted(session: Session) -> list[Registration]:
    """Move the first people of the waiting list to registered while places are free."""
    promoted: list[Registration] = []
    free = queries.places_left(session, registered=_registered_now(session))
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
            subject=email_subject(_("Une place s’est libérée"), session),
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
        is_full = queries.places_left(locked, registered=_registered_now(locked)) == 0
        status = RegistrationStatus.WAITLISTED if is_full else RegistrationStatus.REGISTERED
        last = locked.registrations.aggregate(last=Max("position"))["last"] or 0
        if registration is None:
            registration = Registration(session=locked, person=person)
        registration.status = status
        registration.position = last + 1
        registration.save()
        if is_full:
            subject = email_subject(_("Liste d’attente"), locked)
            template_name = "program/emails/waitlisted.txt"
        else:
            subject = email_subject(_("Inscription confirmée"), locked)
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
        promote_waitlisted(locked)
    return registration


def _waitlisted(session: Session, registration_id: int) -> Registration:
    registration = (
        Registration.objects.select_for_update()
        .select_related("person")
        .filter(session=session, pk=registration_id, status=RegistrationStatus.WAITLISTED)
        .first()
    )
    if registration is None:
        raise ProgramError(
            _("Cette personne n’est plus sur la liste d’attente : la page a été mise à jour.")
        )
    return registration


@transaction.atomic
def promote_from_waitlist(*, session: Session, registration_id: int) -> Registration:
    """A coach gives a place to someone on the waiting list (beyond the capacity if need be)."""
    locked = Session.objects.select_for_update().get(pk=session.pk)
    if locked.is_cancelled:
        raise ProgramError(_("Cette séance est annulée."))
    registration = _waitlisted(locked, registration_id)
    registration.status = RegistrationStatus.REGISTERED
    registration.save(update_fields=["status", "updated_at"])
    notify_participants(
        session=locked,
        subject=email_subject(_("Une place s’est libérée"), locked),
        template_name="program/emails/promoted.txt",
        people=[registration.person],
    )
    return registration


@transaction.atomic
def remove_from_waitlist(*, session: Session, registration_id: int) -> Registration:
    """A coach takes someone off the waiting list (their registration is cancelled)."""
    Session.objects.select_for_update().get(pk=session.pk)
    registration = _waitlisted(session, registration_id)
    registration.status = RegistrationStatus.CANCELLED
    registration.save(update_fields=["status", "updated_at"])
    return registration


@transaction.atomic
def move_in_waitlist(*, session: Session, registration_id: int, offset: int) -> list[Registration]:
    """Move someone one place up (`offset=-1`) or down (`+1`) the waiting list; return it."""
    Session.objects.select_for_update().get(pk=session.pk)
    line = list(queries.waitlisted_registrations(session))
    index = next((i for i, r in enumerate(line) if r.pk == registration_id), None)
    if index is None:
        raise ProgramError(
            _("Cette personne n’est plus sur la liste d’attente : la page a été mise à jour.")
        )
    target = index + (1 if offset > 0 else -1)
    if 0 <= target < len(line):
        line[index], line[target] = line[target], line[index]
        positions = sorted(r.position for r in line)
        if len(set(positions)) < len(positions):
            positions = list(range(1, len(line) + 1))
        for registration, position in zip(line, positions, strict=True):
            if registration.position != position:
                registration.position = position
                registration.save(update_fields=["position", "updated_at"])
    return line
