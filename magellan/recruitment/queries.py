"""Recruitment reads, with visibility applied (rules in permissions.py)."""

import datetime
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from django.db.models import Count, Exists, OuterRef, Prefetch, Q, QuerySet

from magellan.directory.models import ChallengeMembership, Cohort, Role
from magellan.directory.permissions import is_coach

from .models import (
    Application,
    Assignment,
    Audience,
    Call,
    ChallengeDossier,
    Checklist,
    ChecklistItem,
    Conflict,
    Reviewer,
)

# --- Jury ----------------------------------------------------------------------------------------


def _not_conflicted() -> Q:
    conflicted = Conflict.objects.filter(reviewer_id=OuterRef("reviewer_id")).filter(
        Q(application_id=OuterRef("application_id")) | Q(dossier_id=OuterRef("dossier_id"))
    )
    return ~Q(Exists(conflicted))


def assignments_visible_to(user: Any) -> QuerySet[Assignment]:
    """The user's own assignments, once their conflicts are declared, never a conflicted one."""
    if not getattr(user, "is_authenticated", False):
        return Assignment.objects.none()
    return (
        Assignment.objects.filter(
            reviewer__user_id=user.pk, reviewer__conflicts_declared_at__isnull=False
        )
        .filter(_not_conflicted())
        .select_related("reviewer__call", "application", "dossier", "review")
    )


def applications_visible_to(user: Any) -> QuerySet[Application]:
    """Coaches: every application; a reviewer: those assigned to them (not conflicted)."""
    if is_coach(user):
        return Application.objects.all()
    ids = assignments_visible_to(user).filter(application__isnull=False).values("application_id")
    return Application.objects.filter(pk__in=ids)


def calls_reviewed_by(user: Any) -> QuerySet[Call]:
    """The calls where the user sits on the jury."""
    if not getattr(user, "is_authenticated", False):
        return Call.objects.none()
    return Call.objects.filter(reviewers__user_id=user.pk).select_related("cohort")


def reviewers_of(call: Call) -> QuerySet[Reviewer]:
    """A call's jury, with their person's name, in order."""
    return (
        call.reviewers.select_related("user__person")
        .prefetch_related("conflicts", "assignments__review")
        .order_by("user__email")
    )


# --- Onboarding ----------------------------------------------------------------------------------


def _owned_fellows(user: Any) -> Q:
    """Checklists of fellows in a challenge of their cohort whose project owner is the user."""
    owned = ChallengeMembership.objects.filter(
        person__user_id=user.pk,
        role=Role.PROJECT_OWNER,
        challenge__memberships__person_id=OuterRef("person_id"),
        challenge__memberships__role=Role.FELLOW,
        challenge__cohorts=OuterRef("cohort_id"),
    )
    return Q(audience=Audience.FELLOW) & Q(Exists(owned))


def checklists_visible_to(user: Any) -> QuerySet[Checklist]:
    """Coaches: every checklist; others: their own and, for project owners, their fellows'."""
    if not getattr(user, "is_authenticated", False):
        return Checklist.objects.none()
    qs = Checklist.objects.select_related("person", "cohort")
    if is_coach(user):
        return qs
    return qs.filter(Q(person__user_id=user.pk) | _owned_fellows(user))


def own_checklists(user: Any) -> QuerySet[Checklist]:
    """The user's own checklists (« Ma liste d’intégration »)."""
    if not getattr(user, "is_authenticated", False):
        return Checklist.objects.none()
    return Checklist.objects.filter(person__user_id=user.pk).select_related("person", "cohort")


def with_progress(checklists: QuerySet[Checklist], today: datetime.date) -> QuerySet[Checklist]:
    """Annotate each checklist with its item count, done count and late count (past due, not done)."""
    return checklists.annotate(
        item_count=Count("items", distinct=True),
        done_count=Count("items", filter=Q(items__done_at__isnull=False), distinct=True),
        late_count=Count(
            "items",
            filter=Q(items__done_at__isnull=True, items__due_date__lt=today),
            distinct=True,
        ),
    )


def items_late(today: datetime.date) -> QuerySet[ChecklistItem]:
    """Items past their due date and not done: the one definition of « en retard »."""
    return ChecklistItem.objects.filter(done_at__isnull=True, due_date__lt=today)


def checklist_sections(checklist: Checklist) -> list[tuple[str, list[ChecklistItem]]]:
    """The checklist's items grouped by section, in order."""
    sections: dict[str, list[ChecklistItem]] = {}
    for item in checklist.items.select_related("done_by__person").order_by("position", "pk"):
        sections.setdefault(item.section, []).append(item)
    return list(sections.items())


@dataclass
class LateLabel:
    section: str
    label: str
    count: int


@dataclass
class CohortOnboarding:
    """The coaches' view of a cohort: every checklist with its progress, the late ones, per item."""

    checklists: Sequence[Checklist]
    late_checklists: Sequence[Checklist]
    late_by_item: list[LateLabel]
    late_total: int


def cohort_onboarding(cohort: Cohort, today: datetime.date) -> CohortOnboarding:
    """Who is late on what in a cohort: per person (with their late items) and per item."""
    late = items_late(today).filter(checklist__cohort=cohort).order_by("due_date", "position", "pk")
    checklists = list(
        with_progress(Checklist.objects.filter(cohort=cohort), today)
        .select_related("person", "cohort")
        .prefetch_related(Prefetch("items", queryset=late, to_attr="late_items"))
        .order_by("person__name", "audience")
    )
    by_item = (
        items_late(today)
        .filter(checklist__cohort=cohort)
        .values("section", "label")
        .annotate(count=Count("pk"))
        .order_by("-count", "section", "label")
    )
    return CohortOnboarding(
        checklists=checklists,
        late_checklists=[c for c in checklists if c.late_count],  # type: ignore[attr-defined]
        late_by_item=[LateLabel(r["section"], r["label"], r["count"]) for r in by_item],
        late_total=sum(c.late_count for c in checklists),  # type: ignore[attr-defined]
    )


def late_checklists(
    today: datetime.date, *, cohorts: Sequence[Cohort] | None = None
) -> QuerySet[Checklist]:
    """Checklists (of `cohorts`, or every cohort) with a late item, the most late first: the coach's to-do."""
    checklists = Checklist.objects.filter(
        Exists(items_late(today).filter(checklist=OuterRef("pk")))
    )
    if cohorts is not None:
        checklists = checklists.filter(cohort__in=cohorts)
    return (
        with_progress(checklists, today)
        .select_related("person", "cohort")
        .order_by("-late_count", "person__name")  # type: ignore[misc]
    )


def my_late_items(user: Any, today: datetime.date) -> QuerySet[ChecklistItem]:
    """Late items of the user's own checklists (a member's « next »)."""
    if not getattr(user, "is_authenticated", False):
        return ChecklistItem.objects.none()
    return (
        items_late(today)
        .filter(checklist__person__user_id=user.pk)
        .select_related("checklist")
        .order_by("due_date", "position", "pk")
    )


# --- Calls, dossiers, applications ---------------------------------------------------------------


def calls_with_counts() -> QuerySet[Call]:
    """Every call with its cohort, the number of its dossiers, applications and reviewers."""
    return (
        Call.objects.select_related("cohort")
        .annotate(
            dossier_count=Count("dossiers", distinct=True),
            application_count=Count("applications", distinct=True),
            reviewer_count=Count("reviewers", distinct=True),
        )
        .order_by("-cohort__number", "-opens_on", "title")
    )


def dossiers_visible_to(user: Any) -> QuerySet[ChallengeDossier]:
    """Coaches: every dossier; a reviewer: those assigned to them (not conflicted)."""
    if is_coach(user):
        return ChallengeDossier.objects.all()
    ids = assignments_visible_to(user).filter(dossier__isnull=False).values("dossier_id")
    return ChallengeDossier.objects.filter(pk__in=ids)


def dossier_for_token(token: str) -> ChallengeDossier | None:
    """The dossier a private link opens (only its SHA-256 is stored), or None."""
    from .services.calls import token_hash

    if not token:
        return None
    return (
        ChallengeDossier.objects.select_related("call__cohort", "administration")
        .filter(token_hash=token_hash(token))
        .exclude(token_hash="")
        .first()
    )


def applications_of(call: Call) -> QuerySet[Application]:
    """A call's applications with their wishes' challenges, by reference."""
    return (
        call.applications.prefetch_related("wishes__challenge")
        .select_related("challenge")
        .order_by("reference")
    )
