"""Calls, their grids, challenge dossiers and fellow applications: every write and its rules.

Keyword-only verbs; a refusal raises RecruitmentError with a French message, nothing changed.
"""

import datetime
import hashlib
from collections.abc import Iterable, Sequence
from typing import Any

from django.conf import settings
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from magellan.audit.services import forget
from magellan.directory import services as directory_services
from magellan.directory.models import (
    Administration,
    AdministrationAlias,
    Challenge,
    Profession,
    normalize_label,
)

from ..defaults import default_grid
from ..models import (
    Application,
    Call,
    CallKind,
    CallStatus,
    ChallengeDossier,
    Criterion,
    DossierStatus,
    Review,
    Wish,
    new_submission_token,
)


class RecruitmentError(Exception):
    """A refused recruitment action; the message says why, in French."""


# Personal fields of an application: blanked at the end of the retention period or on erasure.
PERSONAL_FIELDS = (
    "first_name",
    "last_name",
    "email",
    "phone",
    "gender",
    "skills",
    "experience",
    "motivation",
)
MAX_WISHES = 3

# Status changes a coach may make (a decided call is final: the retention clock runs from then).
TRANSITIONS: dict[str, tuple[str, ...]] = {
    CallStatus.DRAFT: (CallStatus.OPEN,),
    CallStatus.OPEN: (CallStatus.DRAFT, CallStatus.REVIEWING),
    CallStatus.REVIEWING: (CallStatus.OPEN, CallStatus.DECIDED),
    CallStatus.DECIDED: (),
}


def version_of(instance: Any) -> str:
    """The version an edit form carries (when the row was last saved)."""
    return directory_services.version_of(instance)


def _lock_unchanged(instance: Any, *, seen: str) -> Any:
    current = type(instance)._default_manager.select_for_update().filter(pk=instance.pk).first()
    if current is None:
        raise RecruitmentError(
            _("Cette fiche a été supprimée entre-temps : rien n’a été enregistré.")
        )
    if version_of(current) != seen:
        raise RecruitmentError(
            _(
                "Quelqu’un d’autre a modifié cette fiche pendant que vous la modifiiez : rien n’a "
                "été enregistré. Rechargez la page et reportez vos saisies."
            )
        )
    return current


# --- Calls and their grids ------------------------------------------------------------------------


def call_dates_refusal(*, opens_on: datetime.date, closes_on: datetime.date) -> str | None:
    """Why these dates cannot be a call's, or None."""
    if closes_on < opens_on:
        return _("La clôture ne peut pas précéder l’ouverture.")
    return None


def _check_call(call: Call) -> None:
    refusal = call_dates_refusal(opens_on=call.opens_on, closes_on=call.closes_on)
    if refusal:
        raise RecruitmentError(refusal)
    if call.kind == CallKind.CHALLENGES and call.profiles:
        call.profiles = []
    unknown = [p for p in call.profiles if p not in Profession.values]
    if unknown:
        raise RecruitmentError(_("Profil inconnu : %(p)s.") % {"p": ", ".join(unknown)})
    if call.reviews_per_application < 1:
        raise RecruitmentError(_("Il faut au moins une évaluation par candidature."))


@transaction.atomic
def create_call(*, call: Call, by: Any = None) -> Call:
    """Open a call (in preparation) with the program's default grid for its kind."""
    if call.retention_days is None:
        call.retention_days = settings.MAGELLAN_CANDIDATE_RETENTION_DAYS
    _check_call(call)
    if by is not None and getattr(by, "pk", None):
        call.created_by = by
    call.save()
    criteria = [
        Criterion(
            call=call, stage=stage, label=str(label), description=str(description), position=i
        )
        for stage, lines in default_grid(call.kind).items()
        for i, (label, description) in enumerate(lines, start=1)
    ]
    Criterion.objects.bulk_create(criteria)
    return call


@transaction.atomic
def update_call(*, call: Call, seen: str) -> Call:
    """Save a call's edits unless it changed since version `seen` (its kind never changes)."""
    current = _lock_unchanged(call, seen=seen)
    call.kind = current.kind
    _check_call(call)
    call.save()
    return call


@transaction.atomic
def set_call_status(*, call: Call, status: str) -> Call:
    """Move a call to another state (draft → open → reviewing → decided); decided is final."""
    current = Call.objects.select_for_update().get(pk=call.pk)
    if status not in TRANSITIONS.get(current.status, ()):
        raise RecruitmentError(
            _("Un appel « %(from)s » ne peut pas passer à « %(to)s ».")
            % {
                "from": CallStatus(current.status).label,
                "to": CallStatus(status).label if status in CallStatus.values else status,
            }
        )
    current.status = status
    current.decided_at = timezone.now() if status == CallStatus.DECIDED else None
    current.save(update_fields=["status", "decided_at", "updated_at"])
    call.status, call.decided_at = current.status, current.decided_at
    return current


def grid_locked(*, call: Call, stage: str) -> bool:
    """Whether a stage's criteria are frozen: a review of that stage has been submitted."""
    return Review.objects.filter(
        assignment__reviewer__call=call, assignment__stage=stage, submitted_at__isnull=False
    ).exists()


@transaction.atomic
def save_grid(
    *, call: Call, stage: str, criteria: Sequence[Criterion], deleted: Iterable[Criterion] = ()
) -> list[Criterion]:
    """Save a stage's criteria (new, edited, deleted) while no review of that stage is submitted."""
    Call.objects.select_for_update().get(pk=call.pk)
    if stage not in default_grid(call.kind):
        raise RecruitmentError(_("Cette étape n’existe pas pour ce type d’appel."))
    if grid_locked(call=call, stage=stage):
        raise RecruitmentError(
            _("Une évaluation de cette étape a été remise : sa grille ne peut plus changer.")
        )
    if not criteria:
        raise RecruitmentError(_("La grille doit garder au moins un critère."))
    for criterion in criteria:
        if criterion.scale_max <= criterion.scale_min:
            raise RecruitmentError(
                _("« %(label)s » : la note maximale doit dépasser la note minimale.")
                % {"label": criterion.label}
            )
        if criterion.weight <= 0:
            raise RecruitmentError(
                _("« %(label)s » : le poids doit être positif.") % {"label": criterion.label}
            )
    for criterion in deleted:
        if criterion.pk and criterion.call_id == call.pk:
            criterion.delete()
    for criterion in criteria:
        criterion.call, criterion.stage = call, stage
        criterion.save()
    return list(criteria)


# --- Challenge dossiers ---------------------------------------------------------------------------


def token_hash(token: str) -> str:
    """The SHA-256 of a private link's token: the only thing kept of it."""
    return hashlib.sha256(token.encode()).hexdigest()


def check_dossier_call(call: Call) -> None:
    if call.kind != CallKind.CHALLENGES:
        raise RecruitmentError(_("Les dossiers de défi se déposent dans un appel à projets."))
    if call.status == CallStatus.DECIDED:
        raise RecruitmentError(_("Cet appel est décidé : il ne reçoit plus de dossier."))


@transaction.atomic
def create_dossier(*, dossier: ChallengeDossier) -> ChallengeDossier:
    """Enter a dossier (draft) in a call for challenges."""
    check_dossier_call(dossier.call)
    dossier.status = DossierStatus.DRAFT
    dossier.save()
    return dossier


def dossier_editable(dossier: ChallengeDossier, *, by_owner: bool) -> bool:
    """The owner fills a draft; a coach edits it until it is decided."""
    if by_owner:
        return dossier.status == DossierStatus.DRAFT
    return dossier.status in (DossierStatus.DRAFT, DossierStatus.SUBMITTED)


@transaction.atomic
def update_dossier(
    *, dossier: ChallengeDossier, seen: str, by_owner: bool = False
) -> ChallengeDossier:
    """Save a dossier's edits unless it changed since `seen` or can no longer be edited."""
    current = _lock_unchanged(dossier, seen=seen)
    if not dossier_editable(current, by_owner=by_owner):
        raise RecruitmentError(
            _("Ce dossier est déposé : il ne peut plus être modifié.")
            if by_owner
            else _("Ce dossier est décidé : il ne peut plus être modifié.")
        )
    for field in ("status", "token_hash", "submitted_at", "challenge", "call"):
        setattr(dossier, field, getattr(current, field))
    dossier.save()
    return dossier


def submission_refusals(dossier: ChallengeDossier) -> list[str]:
    """What a dossier lacks to be submitted (empty when it may be)."""
    missing = []
    if not dossier.title.strip():
        missing.append(_("le nom du projet"))
    if dossier.administration_id is None and not dossier.administration_name.strip():
        missing.append(_("l’administration"))
    if not dossier.problem.strip():
        missing.append(_("le problème"))
    if not missing:
        return []
    return [_("Pour déposer le dossier, renseignez : %(fields)s.") % {"fields": ", ".join(missing)}]


@transaction.atomic
def submit_dossier(*, dossier: ChallengeDossier) -> ChallengeDossier:
    """Submit a draft dossier (by its owner, or a coach who received it): then it is read-only."""
    current = ChallengeDossier.objects.select_for_update().get(pk=dossier.pk)
    if current.status != DossierStatus.DRAFT:
        raise RecruitmentError(_("Ce dossier est déjà déposé."))
    check_dossier_call(current.call)
    refusals = submission_refusals(current)
    if refusals:
        raise RecruitmentError(refusals[0])
    current.status = DossierStatus.SUBMITTED
    current.submitted_at = timezone.now()
    current.save(update_fields=["status", "submitted_at", "updated_at"])
    dossier.status, dossier.submitted_at = current.status, current.submitted_at
    return current


@transaction.atomic
def issue_dossier_link(*, dossier: ChallengeDossier) -> str:
    """Make or renew the owner's private link; returns the token (only its hash is kept)."""
    current = ChallengeDossier.objects.select_for_update().get(pk=dossier.pk)
    if current.status not in (DossierStatus.DRAFT, DossierStatus.SUBMITTED):
        raise RecruitmentError(_("Ce dossier est décidé : il n’a plus besoin de lien."))
    token = new_submission_token()
    current.token_hash = token_hash(token)
    current.save(update_fields=["token_hash", "updated_at"])
    dossier.token_hash = current.token_hash
    return token


def find_administration(name: str) -> Administration | None:
    """The directory's administration this name, acronym or other spelling designates, or None."""
    key = normalize_label(name)
    if not key:
        return None
    alias = AdministrationAlias.objects.filter(key=key).select_related("administration").first()
    if alias is not None:
        return alias.administration
    for administration in Administration.objects.only("pk", "name", "acronym"):
        if key in (normalize_label(administration.name), normalize_label(administration.acronym)):
            return Administration.objects.get(pk=administration.pk)
    return None


def challenge_description(dossier: ChallengeDossier) -> str:
    """The new challenge's description (Markdown), from the dossier's main fields."""
    parts = []
    for label, text in (
        (_("Problème"), dossier.problem),
        (_("Bénéficiaires"), dossier.beneficiaries),
        (_("Hypothèse privilégiée"), dossier.hypothesis),
        (_("Valeur et indicateurs"), dossier.value),
        (_("Ouverture"), dossier.openness),
    ):
        if text.strip():
            parts.append(f"## {label}\n\n{text.strip()}")
    if dossier.profiles_wanted:
        names = ", ".join(
            str(Profession(p).label) for p in dossier.profiles_wanted if p in Profession.values
        )
        parts.append(
            f"## {_('Profils recherchés')}\n\n{names} ({_('%(n)s EIG') % {'n': dossier.fellows_wanted}})"
        )
    return "\n\n".join(parts)


@transaction.atomic
def accept_dossier(*, dossier: ChallengeDossier, by: Any = None) -> Challenge:
    """Accept a submitted dossier: it becomes a challenge of the call's cohort, in one step."""
    current = (
        ChallengeDossier.objects.select_for_update()
        .select_related("call__cohort")
        .get(pk=dossier.pk)
    )
    if current.status != DossierStatus.SUBMITTED:
        raise RecruitmentError(_("Seul un dossier déposé peut être retenu."))
    administration = current.administration
    if administration is None and current.administration_name.strip():
        administration = find_administration(current.administration_name)
        if administration is None:
            try:
                administration = directory_services.create_administration(
                    administration=Administration(name=current.administration_name.strip())
                )
            except directory_services.DirectoryError as error:
                raise RecruitmentError(str(error)) from error
    summary = current.problem.strip().splitlines()[0] if current.problem.strip() else ""
    challenge = directory_services.create_challenge(
        challenge=Challenge(
            title=current.title,
            administration=administration,
            summary=summary,
            description=challenge_description(current),
        ),
        cohorts=[current.call.cohort],
    )
    current.administration = administration
    current.challenge = challenge
    current.status = DossierStatus.ACCEPTED
    current.token_hash = ""
    current.save()
    dossier.refresh_from_db()
    return challenge


@transaction.atomic
def reject_dossier(*, dossier: ChallengeDossier, by: Any = None) -> ChallengeDossier:
    """Turn down a submitted dossier."""
    current = ChallengeDossier.objects.select_for_update().get(pk=dossier.pk)
    if current.status != DossierStatus.SUBMITTED:
        raise RecruitmentError(_("Seul un dossier déposé peut être écarté."))
    current.status = DossierStatus.REJECTED
    current.token_hash = ""
    current.save(update_fields=["status", "token_hash", "updated_at"])
    dossier.refresh_from_db()
    return current


# --- Applications ---------------------------------------------------------------------------------


def wishes_refusal(*, call: Call, challenges: Sequence[Challenge]) -> str | None:
    """Why these ranked wishes are not valid for the call (distinct, of its cohort), or None."""
    if len(challenges) > MAX_WISHES:
        return _("%(n)s vœux au plus.") % {"n": MAX_WISHES}
    if len({c.pk for c in challenges}) != len(challenges):
        return _("Un même défi ne peut pas figurer dans deux vœux.")
    allowed = set(call.cohort.challenges.values_list("pk", flat=True))
    outside = [c.title for c in challenges if c.pk not in allowed]
    if outside:
        return _("Ce défi n’est pas de la promotion de l’appel : %(t)s.") % {
            "t": ", ".join(outside)
        }
    return None


def next_reference(call: Call) -> str:
    """A free reference for a new application of this call."""
    number = call.applications.count() + 1
    while True:
        reference = f"A{call.pk}-{number:04d}"
        if not Application.objects.filter(reference=reference).exists():
            return reference
        number += 1


def check_application_call(call: Call) -> None:
    if call.kind != CallKind.FELLOWS:
        raise RecruitmentError(_("Les candidatures se déposent dans un appel à candidatures."))
    if call.status == CallStatus.DECIDED:
        raise RecruitmentError(_("Cet appel est décidé : il ne reçoit plus de candidature."))


def _set_wishes(application: Application, challenges: Sequence[Challenge]) -> None:
    application.wishes.all().delete()
    Wish.objects.bulk_create(
        Wish(application=application, challenge=challenge, rank=rank)
        for rank, challenge in enumerate(challenges, start=1)
    )


@transaction.atomic
def create_application(
    *, application: Application, wishes: Sequence[Challenge] = ()
) -> Application:
    """Enter a candidate's application with their ranked wishes (1 = first choice)."""
    call = Call.objects.select_for_update().select_related("cohort").get(pk=application.call_id)
    check_application_call(call)
    refusal = wishes_refusal(call=call, challenges=wishes)
    if refusal:
        raise RecruitmentError(refusal)
    if not application.reference:
        application.reference = next_reference(call)
    elif Application.objects.filter(reference=application.reference).exists():
        raise RecruitmentError(
            _("La référence %(r)s est déjà prise.") % {"r": application.reference}
        )
    application.save()
    _set_wishes(application, wishes)
    return application


def cv_refusal(upload: Any) -> str | None:
    """Why an uploaded CV is refused (a PDF of at most MAGELLAN_CANDIDATE_CV_MAX_BYTES), or None."""
    from magellan.core.uploads import megabytes
    from magellan.helpdesk.filetypes import detect

    limit = int(settings.MAGELLAN_CANDIDATE_CV_MAX_BYTES)
    if upload.size > limit:
        return _("Le CV dépasse %(size)s.") % {"size": megabytes(limit)}
    if detect(upload) != "pdf":
        return _("Le CV doit être un fichier PDF.")
    return None


# --- Retention ------------------------------------------------------------------------------------


def _blank(applications: Iterable[Application], *, now: datetime.datetime) -> int:
    """Blank the personal fields of these applications, delete their CVs, forget their history."""
    count = 0
    for application in applications:
        if application.cv:
            application.cv.delete(save=False)
        for field in PERSONAL_FIELDS:
            setattr(application, field, "")
        application.cv = ""
        application.erased_at = now
        application.save(update_fields=[*PERSONAL_FIELDS, "cv", "erased_at", "updated_at"])
        forget(application)
        count += 1
    return count


def erase_application(*, application: Application, now: datetime.datetime | None = None) -> int:
    """Erase one application's personal data (its scores and decision stay)."""
    return _blank([application], now=now or timezone.now())


def expired_applications(*, now: datetime.datetime) -> list[Application]:
    """The not yet erased applications of calls decided more than their retention period ago."""
    found: list[Application] = []
    calls = Call.objects.filter(status=CallStatus.DECIDED, decided_at__isnull=False)
    for call in calls:
        decided_at = call.decided_at
        if (
            decided_at is not None
            and decided_at + datetime.timedelta(days=call.retention_days) <= now
        ):
            found.extend(call.applications.filter(erased_at__isnull=True))
    return found


@transaction.atomic
def erase_expired_candidates(*, now: datetime.datetime) -> int:
    """Scheduled: erase the candidates' personal data past their call's retention period."""
    return _blank(expired_applications(now=now), now=now)
