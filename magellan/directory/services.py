"""Directory workflows that are not imports (those live in `importers/`).

Every change a coach makes from the directory's pages goes through a function here, and so do
the admin's and the importers' where they check the same rule:

- editing: an edit carries the version of the row it started from (`version_of`); a row changed
  or deleted meanwhile is not overwritten (`EditConflictError`);
- cohorts and their phases: a phase inside its cohort, phases in order, no overlap
  (`phase_refusals`, `cohort_dates_refusals`); a phase's dates decide its sessions' phase;
- administrations and their other spellings, challenges and their teams, people and their roles.
"""

import datetime
from collections.abc import Iterable
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, TypeVar

from django.contrib.auth.models import Group, Permission
from django.db import IntegrityError, models, transaction
from django.db.models import Q
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from magellan.core.dates import format_date
from magellan.program.services import rederive_phases

from .importers.normalize import CohortKey, unique_slug
from .models import (
    Administration,
    AdministrationAlias,
    Challenge,
    ChallengeMembership,
    Cohort,
    CohortRole,
    Person,
    Phase,
    PhaseKind,
    Role,
    normalize_label,
)

if TYPE_CHECKING:
    from .forms import ProfileForm

COACH_GROUP = "Coachs"
# The apps whose data coaches manage in the admin.
COACH_APPS = ("directory", "program", "grouping", "api", "core")
# Path segments of the directory's pages that a slug must not take ("personnes/ajouter/").
RESERVED_SLUGS = frozenset({"ajouter", "import"})

M = TypeVar("M", bound=models.Model)


class DirectoryError(Exception):
    """A change the directory refuses, with its reason in French; nothing was saved."""


class EditConflictError(DirectoryError):
    """The row was changed (or deleted, `gone`) by someone else since the edit began."""

    def __init__(self, message: str, *, gone: bool = False) -> None:
        super().__init__(message)
        self.gone = gone


def version_of(instance: Any) -> str:
    """The version an edit form carries: when the row was last saved, as the edit began."""
    return instance.updated_at.isoformat() if instance.updated_at else ""


_CHANGED = gettext_lazy(
    "Quelqu’un d’autre a modifié cette fiche pendant que vous la modifiiez : rien n’a été "
    "enregistré. Le formulaire montre ses valeurs actuelles ; vos saisies sont rappelées "
    "ci-dessous pour que vous les reportiez si besoin."
)


def _lock_unchanged(instance: M, *, seen: str, changed: str = "") -> M:
    """Lock an edited row; EditConflictError if it was deleted, or saved again since version `seen`."""
    current = type(instance)._default_manager.select_for_update().filter(pk=instance.pk).first()
    if current is None:
        raise EditConflictError(
            _(
                "Cette fiche a été supprimée entre-temps : vos modifications n’ont pas été enregistrées."
            ),
            gone=True,
        )
    if version_of(current) != seen:
        raise EditConflictError(changed or str(_CHANGED))
    return current


def _save(instance: M, *, refused: str) -> M:
    """Save in a savepoint; a uniqueness taken meanwhile by someone else becomes DirectoryError."""
    try:
        with transaction.atomic():
            instance.save()
    except IntegrityError as error:
        raise DirectoryError(refused) from error
    return instance


def _free_slug(model: type[models.Model], text: str, *, max_length: int) -> str:
    """A slug for `text` that no row of `model` has and that no page path uses."""
    taken = set(RESERVED_SLUGS) | set(model._default_manager.values_list("slug", flat=True))
    return unique_slug(text, taken, max_length=max_length)


def _refuse(refusals: list[tuple[str, str]]) -> None:
    if refusals:
        raise DirectoryError(" ".join(message for _field, message in refusals))


# Cohorts and phases ---------------------------------------------------------------------------


@dataclass(frozen=True)
class PhaseDates:
    """A phase as the dates rule sees it (a form's values, a saved phase, an admin inline's row)."""

    kind: int
    start_date: datetime.date
    end_date: datetime.date

    @classmethod
    def of(cls, phase: Phase) -> "PhaseDates":
        return cls(kind=phase.kind, start_date=phase.start_date, end_date=phase.end_date)

    @property
    def label(self) -> str:
        return str(PhaseKind(self.kind).label)


def _day(value: datetime.date) -> str:
    return format_date(value, "j F Y")


def _outside(
    phase: PhaseDates, start_date: datetime.date | None, end_date: datetime.date | None
) -> tuple[bool, bool]:
    """Whether a phase starts before, and ends after, its cohort's dates (the "inside" rule)."""
    return (
        start_date is not None and phase.start_date < start_date,
        end_date is not None and phase.end_date > end_date,
    )


def phase_refusals(
    *, cohort: Cohort, phase: PhaseDates, others: Iterable[PhaseDates]
) -> list[tuple[str, str]]:
    """Why a phase's dates do not hold together (inside its cohort, in order, no overlap): (field, message) pairs."""
    refusals = []
    if phase.end_date < phase.start_date:
        refusals.append(("end_date", _("La fin de la phase doit être après son début.")))
    if cohort.start_date and cohort.end_date:
        early, late = _outside(phase, cohort.start_date, cohort.end_date)
        if early or late:
            message = _(
                "La phase doit se tenir pendant la promotion (du %(start)s au %(end)s)."
            ) % {"start": _day(cohort.start_date), "end": _day(cohort.end_date)}
            refusals.append(("start_date" if early else "end_date", message))
    for other in sorted(others, key=lambda o: o.kind):
        names = {"phase": phase.label, "other": other.label}
        if other.kind == phase.kind:
            refusals.append(("kind", _("La promotion a déjà la phase « %(other)s ».") % names))
        elif other.kind < phase.kind and other.end_date >= phase.start_date:
            message = _(
                "« %(phase)s » doit commencer après la fin de « %(other)s » (le %(day)s)."
            ) % (names | {"day": _day(other.end_date)})
            refusals.append(("start_date", message))
        elif other.kind > phase.kind and other.start_date <= phase.end_date:
            message = _(
                "« %(phase)s » doit finir avant le début de « %(other)s » (le %(day)s)."
            ) % (names | {"day": _day(other.start_date)})
            refusals.append(("end_date", message))
    return refusals


def cohort_dates_refusals(
    *,
    start_date: datetime.date | None,
    end_date: datetime.date | None,
    phases: Iterable[PhaseDates],
) -> list[tuple[str, str]]:
    """Why new cohort dates would leave one of its phases outside them: (field, message) pairs."""
    refusals = []
    for phase in sorted(phases, key=lambda p: p.kind):
        early, late = _outside(phase, start_date, end_date)
        if early:
            message = _(
                "La phase « %(phase)s » commence le %(day)s : la promotion ne peut pas commencer après."
            ) % {"phase": phase.label, "day": _day(phase.start_date)}
            refusals.append(("start_date", message))
        if late:
            message = _(
                "La phase « %(phase)s » finit le %(day)s : la promotion ne peut pas finir avant."
            ) % {"phase": phase.label, "day": _day(phase.end_date)}
            refusals.append(("end_date", message))
    return refusals


def phase_dates(*, cohort: Cohort, without: Phase | None = None) -> list[PhaseDates]:
    """The dates of a cohort's saved phases, but `without` (the phase being edited)."""
    if cohort.pk is None:
        return []
    phases = Phase.objects.filter(cohort=cohort)
    if without is not None and without.pk is not None:
        phases = phases.exclude(pk=without.pk)
    return [PhaseDates.of(phase) for phase in phases]


_COHORT_TAKEN = gettext_lazy("Une promotion porte déjà ce numéro et cette variante.")


@transaction.atomic
def create_cohort(*, cohort: Cohort) -> Cohort:
    """Save a new cohort, its slug made from its number and variant."""
    key = CohortKey(number=cohort.number, variant=cohort.variant)
    cohort.slug = _free_slug(Cohort, key.slug, max_length=50)
    return _save(cohort, refused=str(_COHORT_TAKEN))


@transaction.atomic
def update_cohort(*, cohort: Cohort, seen: str) -> Cohort:
    """Save a cohort's edits unless it changed since version `seen`; its phases stay inside its dates."""
    _lock_unchanged(cohort, seen=seen)
    _refuse(
        cohort_dates_refusals(
            start_date=cohort.start_date,
            end_date=cohort.end_date,
            phases=phase_dates(cohort=cohort),
        )
    )
    return _save(cohort, refused=str(_COHORT_TAKEN))


def _lock_cohort(phase: Phase) -> Cohort:
    """Lock a phase's cohort: the phases of one cohort are written one at a time."""
    return Cohort.objects.select_for_update().get(pk=phase.cohort_id)


def _refuse_phase(cohort: Cohort, phase: Phase) -> None:
    others = phase_dates(cohort=cohort, without=phase)
    _refuse(phase_refusals(cohort=cohort, phase=PhaseDates.of(phase), others=others))


_PHASE_TAKEN = gettext_lazy("La promotion a déjà cette phase.")


@transaction.atomic
def create_phase(*, phase: Phase) -> Phase:
    """Add a phase to its cohort if its dates hold together; the cohort's sessions take their phase again."""
    cohort = _lock_cohort(phase)
    _refuse_phase(cohort, phase)
    _save(phase, refused=str(_PHASE_TAKEN))
    rederive_phases(cohort=cohort)
    return phase


@transaction.atomic
def update_phase(*, phase: Phase, seen: str) -> Phase:
    """Save a phase's edits unless it changed since `seen`, if its dates hold; its sessions follow."""
    cohort = _lock_cohort(phase)
    _lock_unchanged(phase, seen=seen)
    _refuse_phase(cohort, phase)
    _save(phase, refused=str(_PHASE_TAKEN))
    rederive_phases(cohort=cohort)
    return phase


@transaction.atomic
def delete_phase(*, phase: Phase, seen: str) -> None:
    """Delete a phase unless it changed since `seen`; its sessions are left without a phase."""
    cohort = _lock_cohort(phase)
    _lock_unchanged(
        phase,
        seen=seen,
        changed=_(
            "Cette phase a été modifiée depuis que vous avez demandé sa suppression : elle n’a pas "
            "été supprimée. Vérifiez ses dates et recommencez si besoin."
        ),
    )
    phase.delete()
    rederive_phases(cohort=cohort)


# Administrations and their other spellings ------------------------------------------------------


def _others(administration: Administration | None) -> "models.QuerySet[Administration]":
    others = Administration.objects.only("name", "acronym")
    if administration is not None and administration.pk is not None:
        others = others.exclude(pk=administration.pk)
    return others


def _alias_owner(key: str, *, but: Administration | None) -> Administration | None:
    """The administration other than `but` that has this normalised spelling as an alias."""
    aliases = AdministrationAlias.objects.filter(key=key).select_related("administration")
    if but is not None and but.pk is not None:
        aliases = aliases.exclude(administration=but)
    alias = aliases.first()
    return alias.administration if alias is not None else None


def alias_refusal(
    *, administration: Administration, name: str, alias: AdministrationAlias | None = None
) -> str | None:
    """Why `name` cannot be another spelling of `administration` (compared as `normalize_label`), or None."""
    text = name.strip()
    key = normalize_label(text)
    if not key:
        return _("Saisissez un autre nom (des lettres ou des chiffres).")
    if key == normalize_label(administration.name):
        return _("« %(text)s » est déjà le nom de cette administration.") % {"text": text}
    if administration.pk is not None:
        own = AdministrationAlias.objects.filter(key=key, administration=administration)
        if alias is not None and alias.pk is not None:
            own = own.exclude(pk=alias.pk)
        if own.exists():
            return _("« %(text)s » est déjà un autre nom de cette administration.") % {"text": text}
    owner = _alias_owner(key, but=administration)
    if owner is not None:
        return _("« %(text)s » est déjà un autre nom de l’administration « %(owner)s ».") % {
            "text": text,
            "owner": owner.name,
        }
    for other in _others(administration):
        if normalize_label(other.name) == key:
            return _("« %(text)s » est le nom de l’administration « %(owner)s ».") % {
                "text": text,
                "owner": other.name,
            }
        if other.acronym and normalize_label(other.acronym) == key:
            return _("« %(text)s » est le sigle de l’administration « %(owner)s ».") % {
                "text": text,
                "owner": other.name,
            }
    return None


def administration_name_refusal(
    *, name: str, administration: Administration | None = None
) -> str | None:
    """Why an administration may not take this name (another one has it, or as an alias), or None."""
    key = normalize_label(name)
    for other in _others(administration):
        if normalize_label(other.name) == key:
            return _("Une administration porte déjà ce nom : « %(owner)s ».") % {
                "owner": other.name
            }
    owner = _alias_owner(key, but=administration)
    if owner is not None:
        return _("« %(text)s » est déjà un autre nom de l’administration « %(owner)s ».") % {
            "text": name.strip(),
            "owner": owner.name,
        }
    return None


_ADMINISTRATION_TAKEN = gettext_lazy("Une administration porte déjà ce nom.")


@transaction.atomic
def create_administration(*, administration: Administration) -> Administration:
    """Save a new administration, its slug made from its name, unless another one has the name."""
    refusal = administration_name_refusal(name=administration.name)
    if refusal:
        raise DirectoryError(refusal)
    administration.slug = _free_slug(Administration, administration.name, max_length=255)
    return _save(administration, refused=str(_ADMINISTRATION_TAKEN))


@transaction.atomic
def update_administration(*, administration: Administration, seen: str) -> Administration:
    """Save an administration's edits unless it changed since `seen` or another one has the name."""
    _lock_unchanged(administration, seen=seen)
    refusal = administration_name_refusal(name=administration.name, administration=administration)
    if refusal:
        raise DirectoryError(refusal)
    return _save(administration, refused=str(_ADMINISTRATION_TAKEN))


@transaction.atomic
def add_alias(*, administration: Administration, name: str) -> AdministrationAlias:
    """Record another spelling of an administration, unless it names this or another one already."""
    refusal = alias_refusal(administration=administration, name=name)
    if refusal:
        raise DirectoryError(refusal)
    alias = AdministrationAlias(administration=administration, name=name.strip())
    return _save(alias, refused=_("Cet autre nom vient d’être enregistré par quelqu’un d’autre."))


def delete_alias(*, alias: AdministrationAlias) -> None:
    """Forget another spelling of an administration (imports no longer match it)."""
    alias.delete()


# Challenges and their teams ----------------------------------------------------------------------

TEAM_ROLES = (Role.FELLOW, Role.PROJECT_OWNER, Role.SPONSOR)


@transaction.atomic
def create_challenge(*, challenge: Challenge, cohorts: Iterable[Cohort]) -> Challenge:
    """Save a new challenge in its cohorts, its slug made from its title."""
    challenge.slug = _free_slug(Challenge, challenge.title, max_length=255)
    _save(challenge, refused=_("Un défi de ce titre vient d’être créé ; réessayez."))
    challenge.cohorts.set(list(cohorts))
    return challenge


@transaction.atomic
def update_challenge(*, challenge: Challenge, cohorts: Iterable[Cohort], seen: str) -> Challenge:
    """Save a challenge's edits and cohorts unless it changed since version `seen`."""
    _lock_unchanged(challenge, seen=seen)
    challenge.save()
    challenge.cohorts.set(list(cohorts))
    return challenge


def team_role_refusal(*, role: str) -> str | None:
    """Why a role is not one of a challenge's team (fellow, project owner, sponsor), or None."""
    if role in TEAM_ROLES:
        return None
    return _(
        "L’équipe d’un défi réunit des EIG, des porteur·euses de projet et des mentor·es de "
        "défi (sponsors)."
    )


def team_member_refusal(*, challenge: Challenge, person: Person, role: str) -> str | None:
    """Why a person may not join a challenge's team in this role (not a team's role, or already), or None."""
    refusal = team_role_refusal(role=role)
    if refusal:
        return refusal
    if ChallengeMembership.objects.filter(challenge=challenge, person=person, role=role).exists():
        return _("%(person)s est déjà %(role)s de ce défi.") % {
            "person": person.name,
            "role": Role(role).label,
        }
    return None


@transaction.atomic
def add_team_member(*, challenge: Challenge, person: Person, role: str) -> ChallengeMembership:
    """Put a person in a challenge's team as fellow, project owner or sponsor."""
    refusal = team_member_refusal(challenge=challenge, person=person, role=role)
    if refusal:
        raise DirectoryError(refusal)
    membership = ChallengeMembership(challenge=challenge, person=person, role=role)
    return _save(membership, refused=_("Cette personne vient d’être ajoutée à l’équipe."))


def remove_team_member(*, membership: ChallengeMembership) -> None:
    """Take a person out of a challenge's team (in this role)."""
    membership.delete()


# People and their roles per cohort ------------------------------------------------------------


def email_refusal(*, email: str, person: Person | None = None) -> str | None:
    """Why a person may not have this e-mail address (another one has it, in any case), or None."""
    if not email:
        return None
    others = Person.objects.filter(email__iexact=email)
    if person is not None and person.pk is not None:
        others = others.exclude(pk=person.pk)
    other = others.first()
    if other is None:
        return None
    return _("%(person)s a déjà cette adresse e-mail.") % {"person": other.name}


_EMAIL_TAKEN = gettext_lazy("Une autre personne vient d’enregistrer cette adresse e-mail.")


def _refuse_email(person: Person) -> None:
    refusal = email_refusal(email=person.email, person=person)
    if refusal:
        raise DirectoryError(refusal)


@transaction.atomic
def create_person(*, person: Person) -> Person:
    """Save a new person of the directory, their slug made from their name."""
    _refuse_email(person)
    person.slug = _free_slug(Person, person.name, max_length=200)
    return _save(person, refused=str(_EMAIL_TAKEN))


@transaction.atomic
def update_person(*, person: Person, seen: str) -> Person:
    """Save a person's edits unless their entry changed since `seen` (they may edit it themself)."""
    _lock_unchanged(person, seen=seen)
    _refuse_email(person)
    return _save(person, refused=str(_EMAIL_TAKEN))


def cohort_role_refusal(*, person: Person, cohort: Cohort, role: str) -> str | None:
    """Why a person may not take this role in this cohort (they have it already), or None."""
    if CohortRole.objects.filter(person=person, cohort=cohort, role=role).exists():
        return _("%(person)s est déjà %(role)s de la %(cohort)s.") % {
            "person": person.name,
            "role": Role(role).label,
            "cohort": cohort,
        }
    return None


@transaction.atomic
def add_cohort_role(*, person: Person, cohort: Cohort, role: str) -> CohortRole:
    """Give a person a role in a cohort (what they may see and which sessions are theirs follow)."""
    refusal = cohort_role_refusal(person=person, cohort=cohort, role=role)
    if refusal:
        raise DirectoryError(refusal)
    cohort_role = CohortRole(person=person, cohort=cohort, role=role)
    return _save(cohort_role, refused=_("Ce rôle vient d’être donné par quelqu’un d’autre."))


def remove_cohort_role(*, cohort_role: CohortRole) -> None:
    """Take a role in a cohort away from a person (their challenges' teams are left as they are)."""
    cohort_role.delete()


# Coaches' admin access and profiles ------------------------------------------------------------


def coach_group() -> Group:
    """The admin group of coaches, with every permission on the apps they manage."""
    group, _created = Group.objects.get_or_create(name=COACH_GROUP)
    group.permissions.set(
        Permission.objects.filter(
            Q(content_type__app_label__in=COACH_APPS)
            | Q(content_type__app_label="accounts", codename__in=["view_user", "change_user"])
        )
    )
    return group


@transaction.atomic
def grant_coach_access(*, person: Person) -> bool:
    """Make a person's account staff in the coaches' admin group; says whether it had an account."""
    if person.user is None:
        return False
    user = person.user
    user.is_staff = True
    user.save(update_fields=["is_staff"])
    user.groups.add(coach_group())
    return True


def update_profile(*, person: Person, form: "ProfileForm") -> Person:
    """Save what a person declared about themself (the form is valid)."""
    form.instance = person
    return form.save()
