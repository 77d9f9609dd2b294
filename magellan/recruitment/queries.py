"""Recruitment reads, with visibility applied (rules in permissions.py)."""

from typing import Any

from django.db.models import Exists, OuterRef, Q, QuerySet

from magellan.directory.permissions import is_coach

from .models import (
    Application,
    Assignment,
    Call,
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
