"""The jury: reviewers, their conflicts of interest, the assignment of subjects (an exact problem
for `magellan.engine`), reviews and scores, decisions, and a selected candidate's arrival.

Rules (docs/jury.md):
- a reviewer sees nothing before declaring their conflicts, and is never assigned a conflicted
  subject; a conflict on a subject already assigned to them is refused;
- the assignment waits until every reviewer of the call has declared; it keeps the assignments
  that already have a review (submitted or draft) and balances the load exactly;
- a score lies in its criterion's scale; a review is submitted once, complete; a draft carries
  its version (two tabs never overwrite each other);
- a selected candidate becomes, in one step, a person of the cohort with the fellow role, a
  member of their challenge, and starts onboarding.
"""

import datetime
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from django.contrib.auth import get_user_model
from django.db import transaction
from django.db.models import Max
from django.utils import timezone
from django.utils.translation import gettext as _

from magellan.directory import services as directory
from magellan.directory.models import Challenge, Person, Profession, Role
from magellan.engine.result import InfeasibleProblem
from magellan.engine.review_assignment import ReviewAssignmentProblem
from magellan.engine.solve import solve

from .. import defaults as call_defaults
from ..models import (
    Application,
    ApplicationStatus,
    Assignment,
    Call,
    CallKind,
    ChallengeDossier,
    Conflict,
    Criterion,
    DossierStatus,
    Opinion,
    Review,
    Reviewer,
    ReviewerKind,
    Score,
    Stage,
)


class JuryError(Exception):
    """A jury action refused, with its reason in French; nothing was changed."""


Subject = Application | ChallengeDossier


def subject_of(assignment: Assignment | Conflict) -> Subject:
    """The dossier or application an assignment (or a conflict) is about."""
    subject = assignment.application or assignment.dossier
    assert subject is not None  # noqa: S101 - the one-subject constraint
    return subject


def subject_label(subject: Subject) -> str:
    """How a subject is named to coaches and in refusals: a dossier's title, a reference."""
    if isinstance(subject, ChallengeDossier):
        return subject.title
    return subject.reference


def stages_of(call: Call) -> tuple[str, ...]:
    """A call's review stages: a dossier once; a candidate on paper, then at interview."""
    return call_defaults.stages_of(call.kind)


def subjects_to_review(call: Call, stage: str) -> list[Subject]:
    """The dossiers or applications a stage reviews (drafts, withdrawn and erased ones left out)."""
    if call.kind == CallKind.CHALLENGES:
        return list(call.dossiers.exclude(status=DossierStatus.DRAFT).order_by("title", "pk"))
    applications = call.applications.filter(erased_at__isnull=True)
    if stage == Stage.INTERVIEW:
        applications = applications.filter(
            status__in=(
                ApplicationStatus.PRESELECTED,
                ApplicationStatus.SELECTED,
                ApplicationStatus.WAITING,
                ApplicationStatus.NOT_SELECTED,
            )
        )
    else:
        applications = applications.exclude(status=ApplicationStatus.WITHDRAWN)
    return list(applications.order_by("reference"))


def _subject_filter(subject: Subject) -> dict[str, Any]:
    if isinstance(subject, ChallengeDossier):
        return {"dossier": subject}
    return {"application": subject}


# --- Reviewers ---------------------------------------------------------------------------------


@transaction.atomic
def add_reviewer(*, call: Call, kind: str, user: Any = None, email: str = "") -> Reviewer:
    """Seat a member (`user`) or an invited expert (`email`: an account without a role is made if
    none has it) on a call's jury."""
    if kind not in ReviewerKind.values:
        raise JuryError(_("Choisissez la qualité de l’évaluateur ou de l’évaluatrice."))
    if user is None:
        email = email.strip().lower()
        if not email:
            raise JuryError(_("Choisissez un membre ou donnez l’adresse e-mail de l’expert·e."))
        model = get_user_model()
        user = model.objects.filter(email__iexact=email).first()
        if user is None:
            user = model.objects.create_user(email=email)
            user.set_unusable_password()
            user.save(update_fields=["password"])
    Call.objects.select_for_update().get(pk=call.pk)
    if Reviewer.objects.filter(call=call, user=user).exists():
        raise JuryError(_("%(user)s fait déjà partie du jury de cet appel.") % {"user": user})
    return Reviewer.objects.create(call=call, user=user, kind=kind)


@transaction.atomic
def remove_reviewer(*, reviewer: Reviewer) -> None:
    """Take a reviewer off the jury, unless they have submitted a review."""
    Call.objects.select_for_update().get(pk=reviewer.call_id)
    if Review.objects.filter(assignment__reviewer=reviewer, submitted_at__isnull=False).exists():
        raise JuryError(
            _("%(user)s a déjà remis une évaluation : il ou elle reste dans le jury.")
            % {"user": reviewer.user}
        )
    reviewer.delete()


# --- Conflicts of interest ---------------------------------------------------------------------


@transaction.atomic
def declare_conflicts(
    *, reviewer: Reviewer, conflicts: Mapping[Subject, str], complete: bool
) -> Reviewer:
    """Set the reviewer's conflicts (subject → reason) and, when `complete`, record that they
    have no other; a conflict on a subject already assigned to them is refused."""
    reviewer = Reviewer.objects.select_for_update().get(pk=reviewer.pk)
    assigned = [
        subject_label(subject)
        for subject in conflicts
        if reviewer.assignments.filter(**_subject_filter(subject)).exists()
    ]
    if assigned:
        raise JuryError(
            _(
                "Ces candidatures ou dossiers vous sont déjà attribués : %(subjects)s. "
                "Signalez le conflit aux coachs, qui changeront l’attribution."
            )
            % {"subjects": ", ".join(sorted(assigned))}
        )
    for subject in conflicts:
        if subject.call_id != reviewer.call_id:
            raise JuryError(_("Ce dossier ou cette candidature n’appartient pas à cet appel."))
    kept = []
    for subject, reason in conflicts.items():
        conflict, _created = Conflict.objects.update_or_create(
            reviewer=reviewer, **_subject_filter(subject), defaults={"reason": reason[:255]}
        )
        kept.append(conflict.pk)
    reviewer.conflicts.exclude(pk__in=kept).delete()
    if complete and reviewer.conflicts_declared_at is None:
        reviewer.conflicts_declared_at = timezone.now()
        reviewer.save(update_fields=["conflicts_declared_at"])
    return reviewer


# --- Assignment --------------------------------------------------------------------------------


@dataclass(frozen=True)
class AssignmentOutcome:
    created: int
    kept: int
    max_load: int
    min_load: int


@transaction.atomic
def assign_reviewers(*, call: Call, stage: str, seed: int = 0) -> AssignmentOutcome:
    """Give every subject of the stage `call.reviews_per_application` reviewers, never a
    conflicted one, the load balanced exactly; assignments with a review stay."""
    call = Call.objects.select_for_update().get(pk=call.pk)
    if stage not in stages_of(call):
        raise JuryError(_("Cette étape n’existe pas pour cet appel."))
    reviewers = list(Reviewer.objects.select_for_update().filter(call=call).select_related("user"))
    if not reviewers:
        raise JuryError(_("Ajoutez d’abord des évaluateurs et évaluatrices au jury."))
    undeclared = sorted(str(r.user) for r in reviewers if r.conflicts_declared_at is None)
    if undeclared:
        raise JuryError(
            _("Ces membres du jury n’ont pas encore déclaré leurs conflits d’intérêts : %(who)s.")
            % {"who": ", ".join(undeclared)}
        )
    subjects = subjects_to_review(call, stage)
    if not subjects:
        raise JuryError(_("Aucun dossier ni aucune candidature à évaluer à cette étape."))
    key = "dossier_id" if call.kind == CallKind.CHALLENGES else "application_id"
    forbidden = {
        (str(getattr(c, key)), str(c.reviewer_id))
        for c in Conflict.objects.filter(reviewer__call=call)
        if getattr(c, key) is not None
    }
    existing = Assignment.objects.filter(reviewer__call=call, stage=stage)
    with_review = existing.filter(review__isnull=False)
    keep = {(str(getattr(a, key)), str(a.reviewer_id)) for a in with_review}
    per_subject = call.reviews_per_application
    short = [
        subject_label(s)
        for s in subjects
        if sum((str(s.pk), str(r.pk)) not in forbidden for r in reviewers) < per_subject
    ]
    if short:
        raise JuryError(
            _(
                "Pas assez d’évaluateurs sans conflit pour %(subjects)s : il en faut "
                "%(count)s par dossier. Ajoutez des membres au jury."
            )
            % {"subjects": ", ".join(short), "count": per_subject}
        )
    ids = {str(s.pk) for s in subjects}
    problem = ReviewAssignmentProblem.build(
        subjects=[str(s.pk) for s in subjects],
        reviewers=[str(r.pk) for r in reviewers],
        per_subject=per_subject,
        forbidden=forbidden,
        keep={pair for pair in keep if pair[0] in ids},
    )
    try:
        result = solve(problem, seed=seed)
    except InfeasibleProblem:
        raise JuryError(
            _("Aucune attribution ne donne à chaque dossier ses évaluations.")
        ) from None
    existing.filter(review__isnull=True).delete()
    field = key.removesuffix("_id")
    by_pk = {str(s.pk): s for s in subjects}
    created = 0
    for subject_id, reviewer_id in result.pairs:
        if (subject_id, reviewer_id) in keep:
            continue
        Assignment.objects.create(
            reviewer_id=int(reviewer_id), stage=stage, **{field: by_pk[subject_id]}
        )
        created += 1
    if call.status == "open":
        call.status = "reviewing"
        call.save(update_fields=["status", "updated_at"])
    return AssignmentOutcome(
        created=created, kept=len(keep), max_load=result.max_load, min_load=result.min_load
    )


# --- Reviews -----------------------------------------------------------------------------------


def criteria_of(assignment: Assignment) -> list[Criterion]:
    """The grid of the assignment's stage."""
    return list(assignment.reviewer.call.criteria.filter(stage=assignment.stage))


@transaction.atomic
def save_review(
    *,
    assignment: Assignment,
    by: Any,
    scores: Mapping[int, tuple[int | None, str]],
    opinion: str,
    comment: str,
    version: int,
    submit: bool,
) -> Review:
    """Save the reviewer's draft (criterion id → (score, assessment)) unless it changed since
    `version`; `submit` makes it final, complete, once."""
    assignment = (
        Assignment.objects.select_for_update()
        .select_related("reviewer__call")
        .get(pk=assignment.pk)
    )
    if assignment.reviewer.user_id != by.pk:
        raise JuryError(_("Seule la personne à qui ce dossier est attribué peut l’évaluer."))
    review = Review.objects.filter(assignment=assignment).first()
    if review is not None and review.submitted_at is not None:
        raise JuryError(_("Cette évaluation a déjà été remise : elle ne peut plus changer."))
    current = review.version if review is not None else 0
    if version != current:
        raise JuryError(
            _(
                "Cette évaluation a été enregistrée entre-temps (dans un autre onglet ?). "
                "Rechargez la page : vos saisies n’ont pas été enregistrées."
            )
        )
    criteria = {c.pk: c for c in criteria_of(assignment)}
    unknown = set(scores) - set(criteria)
    if unknown:
        raise JuryError(_("Un critère ne fait pas partie de la grille de cette étape."))
    for pk, (value, _assessment) in scores.items():
        criterion = criteria[pk]
        if value is not None and not criterion.scale_min <= value <= criterion.scale_max:
            raise JuryError(
                _("La note de « %(criterion)s » doit être comprise entre %(min)s et %(max)s.")
                % {
                    "criterion": criterion.label,
                    "min": criterion.scale_min,
                    "max": criterion.scale_max,
                }
            )
    if opinion and opinion not in Opinion.values:
        raise JuryError(_("Choisissez un avis d’ensemble dans la liste."))
    if submit:
        missing = [c.label for pk, c in criteria.items() if scores.get(pk, (None, ""))[0] is None]
        if missing:
            raise JuryError(
                _("Pour remettre l’évaluation, notez chaque critère : %(missing)s.")
                % {"missing": ", ".join(missing)}
            )
        if not opinion:
            raise JuryError(_("Pour remettre l’évaluation, donnez un avis d’ensemble."))
    if review is None:
        review = Review(assignment=assignment, version=0)
    review.opinion = opinion
    review.comment = comment
    review.version = current + 1
    if submit:
        review.submitted_at = timezone.now()
    review.save()
    review.scores.all().delete()
    Score.objects.bulk_create(
        Score(review=review, criterion_id=pk, value=value, assessment=assessment)
        for pk, (value, assessment) in scores.items()
        if value is not None
    )
    return review


# --- Decisions ---------------------------------------------------------------------------------

DECISIONS = {
    Stage.PRESELECTION: (ApplicationStatus.PRESELECTED, ApplicationStatus.NOT_PRESELECTED),
    Stage.INTERVIEW: (ApplicationStatus.WAITING, ApplicationStatus.NOT_SELECTED),
}


@transaction.atomic
def decide_application(
    *, application: Application, status: str, challenge: Challenge | None = None
) -> Application:
    """Record a decision: (not) preselected after the paper stage; waiting list (last of the
    challenge's list) or not selected after the interview. Selecting is `select_candidate`."""
    application = Application.objects.select_for_update().get(pk=application.pk)
    if application.person_id is not None:
        raise JuryError(_("Cette personne a déjà été recrutée : la décision ne change plus."))
    allowed = {s for pair in DECISIONS.values() for s in pair}
    if status not in allowed:
        raise JuryError(_("Cette décision n’existe pas."))
    if status in DECISIONS[Stage.INTERVIEW] and application.status not in (
        ApplicationStatus.PRESELECTED,
        ApplicationStatus.WAITING,
        ApplicationStatus.NOT_SELECTED,
    ):
        raise JuryError(_("Seule une candidature présélectionnée passe l’entretien."))
    application.waiting_rank = None
    application.challenge = None
    if status == ApplicationStatus.WAITING:
        if challenge is None or not application.wishes.filter(challenge=challenge).exists():
            raise JuryError(_("Choisissez le défi, parmi les vœux de la candidature."))
        last = Application.objects.filter(
            call_id=application.call_id, challenge=challenge, status=ApplicationStatus.WAITING
        ).aggregate(last=Max("waiting_rank"))["last"]
        application.challenge = challenge
        application.waiting_rank = (last or 0) + 1
    application.status = status
    application.save(update_fields=["status", "challenge", "waiting_rank", "updated_at"])
    return application


@transaction.atomic
def select_candidate(
    *, application: Application, challenge: Challenge, arrival_date: datetime.date, by: Any
) -> Person:
    """Recruit a candidate: the directory's person with the fellow role in the call's cohort,
    their challenge's team, the link to the application, and their onboarding checklist."""
    from .onboarding import OnboardingError, start_onboarding

    application = (
        Application.objects.select_for_update()
        .select_related("call__cohort")
        .get(pk=application.pk)
    )
    if application.person_id is not None:
        raise JuryError(_("Cette personne a déjà été recrutée."))
    if application.erased_at is not None:
        raise JuryError(_("Les données de cette candidature ont été effacées."))
    if application.status not in (
        ApplicationStatus.PRESELECTED,
        ApplicationStatus.WAITING,
        ApplicationStatus.NOT_SELECTED,
    ):
        raise JuryError(
            _("Seule une candidature présélectionnée et reçue en entretien est retenue.")
        )
    cohort = application.call.cohort
    if not challenge.cohorts.filter(pk=cohort.pk).exists():
        raise JuryError(_("Ce défi n’appartient pas à la promotion de l’appel."))
    if not application.email:
        raise JuryError(_("Il faut l’adresse e-mail de la candidature pour créer la fiche."))
    name = f"{application.first_name} {application.last_name}".strip() or application.reference
    try:
        person = directory.create_person(
            person=Person(
                name=name,
                email=application.email,
                profession=application.profession or Profession.OTHER,
            )
        )
        directory.add_cohort_role(person=person, cohort=cohort, role=Role.FELLOW)
        directory.add_team_member(challenge=challenge, person=person, role=Role.FELLOW)
    except directory.DirectoryError as error:
        raise JuryError(str(error)) from None
    application.person = person
    application.status = ApplicationStatus.SELECTED
    application.challenge = challenge
    application.waiting_rank = None
    application.save(update_fields=["person", "status", "challenge", "waiting_rank", "updated_at"])
    try:
        start_onboarding(person=person, cohort=cohort, audience="fellow", arrival_date=arrival_date)
    except OnboardingError as error:  # every fellows' template retired: nothing is recruited
        raise JuryError(str(error)) from None
    return person


@transaction.atomic
def move_in_waiting_list(*, application: Application, rank: int) -> Application:
    """Put an application at `rank` (1 = first called) of its challenge's waiting list; the
    others follow in their order."""
    application = Application.objects.select_for_update().get(pk=application.pk)
    if application.status != ApplicationStatus.WAITING or application.challenge_id is None:
        raise JuryError(_("Cette candidature n’est pas en liste d’attente."))
    waiting = list(
        Application.objects.select_for_update()
        .filter(
            call_id=application.call_id,
            challenge_id=application.challenge_id,
            status=ApplicationStatus.WAITING,
        )
        .order_by("waiting_rank", "pk")
    )
    if not 1 <= rank <= len(waiting):
        raise JuryError(_("Choisissez un rang entre 1 et %(count)s.") % {"count": len(waiting)})
    others = [a for a in waiting if a.pk != application.pk]
    others.insert(rank - 1, application)
    for position, member in enumerate(others, start=1):
        if member.waiting_rank != position:
            member.waiting_rank = position
            member.save(update_fields=["waiting_rank", "updated_at"])
    application.refresh_from_db()
    return application
