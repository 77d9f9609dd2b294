"""Demo data of the jury (synthetic, deterministic): on the demo's calls (`demo/recruitment.py`), a
jury of coaches, the demo project owner, alumni and an invited expert who declared their conflicts,
the exact assignment, submitted reviews (one application with a strong disagreement, one draft
left to the demo project owner), the paper decisions, then the interviews and their decisions with
one candidate recruited (a fellow of the cohort with their onboarding checklist)."""

import contextlib
import random
from typing import Any

from django.contrib.auth import get_user_model
from django.utils import timezone

from magellan.directory.models import Person, Role
from magellan.recruitment.models import (
    ApplicationStatus,
    Assignment,
    Call,
    CallKind,
    Opinion,
    Reviewer,
    ReviewerKind,
    Stage,
)
from magellan.recruitment.ranking import ranking
from magellan.recruitment.services import jury
from magellan.recruitment.services.jury import JuryError

SEED = 20270115
EXPERT_EMAILS = ("experte.jury@demo.magellan.test", "expert.donnees@demo.magellan.test")
OPINIONS = (Opinion.UNFAVOURABLE, Opinion.NEUTRAL, Opinion.FAVOURABLE, Opinion.FAVOURITE)
ASSESSMENTS = (
    "Peu d’éléments concrets dans le dossier sur ce point.",
    "Des éléments intéressants, à approfondir.",
    "Bien argumenté, avec des exemples précis.",
    "Très convaincant : expérience directement utile au défi.",
)


def _jury(call: Call, coach_email: str, owner_email: str) -> list[Reviewer]:
    users: list[tuple[Any, str]] = []
    model = get_user_model()
    for email, kind in (
        (coach_email, ReviewerKind.COACH),
        (owner_email, ReviewerKind.PROJECT_OWNER),
    ):
        user = model.objects.filter(email=email).first()
        if user is not None:
            users.append((user, kind))
    coaches = (
        Person.objects.filter(cohort_roles__role=Role.COACH, user__isnull=False)
        .exclude(user__email=coach_email)
        .distinct()
        .order_by("name")[:1]
    )
    alumni = (
        Person.objects.filter(cohort_roles__role=Role.ALUMNI, user__isnull=False)
        .distinct()
        .order_by("name")[:2]
    )
    users.extend((person.user, ReviewerKind.COACH) for person in coaches)
    users.extend((person.user, ReviewerKind.ALUMNI) for person in alumni)
    reviewers = [jury.add_reviewer(call=call, kind=kind, user=user) for user, kind in users]
    reviewers.extend(
        jury.add_reviewer(call=call, kind=ReviewerKind.EXPERT, email=email)
        for email in EXPERT_EMAILS
    )
    return reviewers


def _review_all(
    call: Call, stage: str, rng: random.Random, *, disagree_on: int | None, draft_for: Any
) -> int:
    """Submit every review of the stage (a strong disagreement on `disagree_on`, one draft left to
    `draft_for`); returns how many were submitted."""
    quality: dict[int, float] = {}
    submitted = 0
    criteria_cache: dict[str, list[Any]] = {}
    assignments = Assignment.objects.filter(reviewer__call=call, stage=stage).select_related(
        "reviewer__call", "reviewer__user"
    )
    seen: dict[int, int] = {}
    left_draft = False

    def key(assignment: Any) -> str:
        subject = jury.subject_of(assignment)
        return str(getattr(subject, "reference", "") or getattr(subject, "title", ""))

    # In a stable order, each subject's scores drawn from its own seed: the engine may assign
    # other reviewers to a subject from one load to the next (equally balanced solutions), and
    # the demo must not depend on it (tests/demo/test_services.py).
    ordered = sorted(assignments, key=lambda a: (key(a), a.reviewer.user.email))
    for assignment in ordered:
        subject = jury.subject_of(assignment)
        base = quality.setdefault(
            subject.pk,
            random.Random(f"{SEED}-{stage}-{key(assignment)}").uniform(1.5, 4.6),  # noqa: S311
        )
        turn = seen.get(subject.pk, 0)
        seen[subject.pk] = turn + 1
        noise = random.Random(f"{SEED}-{stage}-{key(assignment)}-{turn}")  # noqa: S311
        criteria = criteria_cache.setdefault(stage, jury.criteria_of(assignment))
        scores = {}
        for criterion in criteria:
            if subject.pk == disagree_on:
                value = criterion.scale_min + 1 if turn == 0 else criterion.scale_max
            else:
                value = round(base + noise.gauss(0, 0.5))
            value = max(criterion.scale_min, min(criterion.scale_max, value))
            scores[criterion.pk] = (value, ASSESSMENTS[min(3, max(0, round(value * 3 / 5)))])
        mean = sum(v for v, _a in scores.values()) / max(1, len(scores))
        draft = (
            not left_draft
            and subject.pk != disagree_on
            and assignment.reviewer.user_id == getattr(draft_for, "pk", None)
        )
        left_draft = left_draft or draft
        jury.save_review(
            assignment=assignment,
            by=assignment.reviewer.user,
            scores=scores,
            opinion="" if draft else OPINIONS[min(3, int(mean * 4 / 5.01))],
            comment="" if draft else "Avis rédigé pour la démonstration.",
            version=0,
            submit=not draft,
        )
        submitted += 0 if draft else 1
    return submitted


def _declare(reviewers: list[Reviewer], subjects: list[Any]) -> None:
    for k, reviewer in enumerate(reviewers):
        conflicts = {}
        if k in (1, 3) and len(subjects) > k:
            conflicts[subjects[k]] = (
                "Ancienne collègue" if k == 1 else "Même administration que le porteur"
            )
        jury.declare_conflicts(reviewer=reviewer, conflicts=conflicts, complete=True)


def load_recruitment_jury_demo(
    coach_email: str = "", owner_email: str = "", arrival_date: Any = None
) -> int:
    """Juries, reviews and decisions on the demo's calls; returns how many reviews were submitted."""
    if Reviewer.objects.exists():
        return 0
    rng = random.Random(SEED)  # noqa: S311 - synthetic demo data, not security
    owner = get_user_model().objects.filter(email=owner_email).first() if owner_email else None
    total = 0
    for call in Call.objects.order_by("pk"):
        stage = jury.stages_of(call)[0]
        subjects = jury.subjects_to_review(call, stage)
        if not subjects or not call.criteria.filter(stage=stage).exists():
            continue
        reviewers = _jury(call, coach_email, owner_email)
        _declare(reviewers, subjects)
        try:
            jury.assign_reviewers(call=call, stage=stage)
        except JuryError:
            continue
        disagree_on = subjects[2].pk if len(subjects) > 2 else None
        total += _review_all(call, stage, rng, disagree_on=disagree_on, draft_for=owner)
        if call.kind == CallKind.FELLOWS:
            total += _decide(call, rng, arrival_date)
    return total


def _decide(call: Call, rng: random.Random, arrival_date: Any) -> int:
    """Preselect the better half on paper, interview them, then a waiting list, a refusal and one
    recruitment."""
    rows = [r for r in ranking(call, Stage.PRESELECTION) if r.mean is not None]
    half = max(1, len(rows) // 2)
    for k, row in enumerate(rows):
        status = ApplicationStatus.PRESELECTED if k < half else ApplicationStatus.NOT_PRESELECTED
        jury.decide_application(application=row.subject, status=status)  # type: ignore[arg-type]
    if not call.criteria.filter(stage=Stage.INTERVIEW).exists():
        return 0
    try:
        jury.assign_reviewers(call=call, stage=Stage.INTERVIEW)
    except JuryError:
        return 0
    submitted = _review_all(call, Stage.INTERVIEW, rng, disagree_on=None, draft_for=None)
    interviewed = [r for r in ranking(call, Stage.INTERVIEW) if r.mean is not None]
    for k, row in enumerate(interviewed):
        application = row.subject
        wish = application.wishes.order_by("rank").first()  # type: ignore[union-attr]
        if wish is None:
            continue
        if k == 0:
            with contextlib.suppress(JuryError):
                jury.select_candidate(
                    application=application,  # type: ignore[arg-type]
                    challenge=wish.challenge,
                    arrival_date=arrival_date or call.cohort.start_date or timezone.localdate(),
                    by=None,
                )
        elif k < len(interviewed) - 1:
            jury.decide_application(
                application=application,  # type: ignore[arg-type]
                status=ApplicationStatus.WAITING,
                challenge=wish.challenge,
            )
        else:
            jury.decide_application(
                application=application,  # type: ignore[arg-type]
                status=ApplicationStatus.NOT_SELECTED,
            )
    return submitted
