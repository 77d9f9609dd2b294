"""A challenge's status on each value, phase by phase, with its history."""

from django.db import IntegrityError, transaction
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from magellan.directory.models import Challenge, Person, Phase

from ..models import Status, Value, ValueStatus, ValueStatusChange
from .base import ConflictError, ValuesError

CONFLICT_MESSAGE = gettext_lazy(
    "Cet état a été modifié pendant que vous écriviez : l’état enregistré est affiché ; votre "
    "saisie est conservée dans le formulaire, vérifiez-la puis enregistrez de nouveau."
)


def check_phase_of(challenge: Challenge, phase: Phase) -> None:
    """A phase counts for a challenge only when it is a phase of one of the challenge's cohorts."""
    if not challenge.cohorts.filter(pk=phase.cohort_id).exists():
        raise ValuesError(_("Cette phase n’est pas celle d’une promotion de ce défi."))


@transaction.atomic
def set_value_status(
    *,
    challenge: Challenge,
    phase: Phase,
    value: str,
    status: str,
    comment: str = "",
    version: int | None = None,
    by: Person | None,
) -> ValueStatus:
    """Set where the challenge stands on a value in a phase (`version` as read, 0 when none)."""
    if value not in Value.values:
        raise ValuesError(_("Choisissez une valeur du programme."))
    if status not in Status.values:
        raise ValuesError(_("Choisissez un état."))
    comment = (comment or "").strip()
    if status == Status.NOT_APPLICABLE and not comment:
        raise ValuesError(_("Dites pourquoi cette valeur ne s’applique pas à ce défi."))
    check_phase_of(challenge, phase)
    current = (
        ValueStatus.objects.select_for_update()
        .filter(challenge=challenge, phase=phase, value=value)
        .first()
    )
    if current is None:
        if version:
            # It existed when the form was read, and has been removed since.
            raise ConflictError(str(CONFLICT_MESSAGE), current=None)
        try:
            with transaction.atomic():
                current = ValueStatus.objects.create(
                    challenge=challenge,
                    phase=phase,
                    value=value,
                    status=status,
                    comment=comment,
                    updated_by=by,
                )
        except IntegrityError as error:
            raise ConflictError(
                str(CONFLICT_MESSAGE),
                current=ValueStatus.objects.filter(
                    challenge=challenge, phase=phase, value=value
                ).first(),
            ) from error
    else:
        if version is not None and version != current.version:
            raise ConflictError(str(CONFLICT_MESSAGE), current=current)
        if current.status == status and current.comment == comment:
            return current
        current.status = status
        current.comment = comment
        current.updated_by = by
        current.version = current.version + 1
        current.save()
    ValueStatusChange.objects.create(
        value_status=current, status=status, comment=comment, changed_by=by
    )
    return current
