"""Recruitment in the admin: read-only (every write goes through the pages and their services:
calls' grids freeze once reviewed, dossiers become challenges, candidates' data is erased on time).

The dossiers' link fingerprint and the candidates' CVs are left out."""

from django.contrib import admin

from magellan.core.admin import ReadOnlyAdmin

from .models import (
    Application,
    Assignment,
    Call,
    ChallengeDossier,
    Checklist,
    ChecklistItem,
    ChecklistTemplate,
    Conflict,
    Criterion,
    Review,
    Reviewer,
    Score,
    TemplateItem,
    Wish,
)


@admin.register(Call)
class CallAdmin(ReadOnlyAdmin):
    list_display = ("title", "cohort", "kind", "status", "opens_on", "closes_on", "decided_at")
    list_filter = ("kind", "status", "cohort")
    list_select_related = ("cohort",)


@admin.register(Criterion)
class CriterionAdmin(ReadOnlyAdmin):
    list_display = ("label", "call", "stage", "scale_min", "scale_max", "weight", "position")
    list_filter = ("stage",)
    list_select_related = ("call",)


@admin.register(ChallengeDossier)
class ChallengeDossierAdmin(ReadOnlyAdmin):
    list_display = ("title", "call", "administration", "status", "submitted_at", "challenge")
    list_filter = ("status",)
    list_select_related = ("call", "administration", "challenge")
    exclude = ("token_hash",)


@admin.register(Application)
class ApplicationAdmin(ReadOnlyAdmin):
    list_display = ("reference", "call", "profession", "status", "erased_at")
    list_filter = ("status", "profession")
    list_select_related = ("call",)
    exclude = ("cv",)


@admin.register(Wish)
class WishAdmin(ReadOnlyAdmin):
    list_display = ("application", "rank", "challenge")
    list_select_related = ("application", "challenge")


@admin.register(Reviewer)
class ReviewerAdmin(ReadOnlyAdmin):
    list_display = ("user", "call", "kind", "conflicts_declared_at")
    list_select_related = ("user", "call")


@admin.register(Conflict)
class ConflictAdmin(ReadOnlyAdmin):
    list_display = ("reviewer", "application", "dossier", "declared_at")
    list_select_related = ("reviewer__user", "application", "dossier")


@admin.register(Assignment)
class AssignmentAdmin(ReadOnlyAdmin):
    list_display = ("reviewer", "stage", "application", "dossier", "assigned_at")
    list_filter = ("stage",)
    list_select_related = ("reviewer__user", "application", "dossier")


@admin.register(Review)
class ReviewAdmin(ReadOnlyAdmin):
    list_display = ("assignment", "opinion", "submitted_at")
    list_select_related = (
        "assignment__reviewer__user",
        "assignment__application",
        "assignment__dossier",
    )


@admin.register(Score)
class ScoreAdmin(ReadOnlyAdmin):
    list_display = ("review", "criterion", "value")
    list_select_related = ("criterion", "review")


@admin.register(ChecklistTemplate)
class ChecklistTemplateAdmin(ReadOnlyAdmin):
    list_display = ("name", "audience", "is_active")


@admin.register(TemplateItem)
class TemplateItemAdmin(ReadOnlyAdmin):
    list_display = ("label", "template", "section", "responsible", "due_days")
    list_select_related = ("template",)


@admin.register(Checklist)
class ChecklistAdmin(ReadOnlyAdmin):
    list_display = ("person", "cohort", "audience", "arrival_date")
    list_select_related = ("person", "cohort")


@admin.register(ChecklistItem)
class ChecklistItemAdmin(ReadOnlyAdmin):
    list_display = ("label", "checklist", "due_date", "done_at")
    list_select_related = ("checklist__person", "checklist__cohort")
