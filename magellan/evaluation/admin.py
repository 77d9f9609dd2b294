"""The evaluation in the admin: read-only. Every write of the evaluation has rules (version checks,
the scale, publication, the action's status) that live in `services/`; the pages call them, so the
admin only shows (no add, change nor delete)."""

from typing import Any

from django.contrib import admin
from django.http import HttpRequest

from magellan.core.admin import ReadOnlyAdmin

from .models import (
    Action,
    ActionReview,
    AxisAssessment,
    Indicator,
    IndicatorValue,
    Report,
    Retrospective,
    RetrospectiveComment,
    RetrospectiveObjective,
)


class ReadOnlyInline(admin.TabularInline):
    extra = 0
    can_delete = False

    def has_add_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False


class IndicatorValueInline(ReadOnlyInline):
    model = IndicatorValue
    fields = ("measured_on", "value", "source", "comment", "recorded_by")


@admin.register(Indicator)
class IndicatorAdmin(ReadOnlyAdmin):
    list_display = ("title", "challenge", "theme", "target", "version")
    list_filter = ("theme",)
    list_select_related = ("challenge",)
    search_fields = ("title", "challenge__title")
    inlines = (IndicatorValueInline,)


class RetrospectiveObjectiveInline(ReadOnlyInline):
    model = RetrospectiveObjective
    fields = ("text", "status", "comment", "position")


class ActionReviewInline(ReadOnlyInline):
    model = ActionReview
    fields = ("action", "status", "comment")


@admin.register(Retrospective)
class RetrospectiveAdmin(ReadOnlyAdmin):
    list_display = ("challenge", "phase", "status", "submitted_at", "reminded_at", "version")
    list_filter = ("status", "phase__kind")
    list_select_related = ("challenge", "phase__cohort")
    search_fields = ("challenge__title",)
    inlines = (RetrospectiveObjectiveInline, ActionReviewInline)


@admin.register(RetrospectiveComment)
class RetrospectiveCommentAdmin(ReadOnlyAdmin):
    list_display = ("retrospective", "author", "created_at")
    list_select_related = ("retrospective__challenge", "retrospective__phase", "author")


class AxisAssessmentInline(ReadOnlyInline):
    model = AxisAssessment
    fields = ("axis", "level", "comment")


class ActionInline(ReadOnlyInline):
    model = Action
    fields = ("title", "owner", "due_date", "status", "status_comment")


@admin.register(Report)
class ReportAdmin(ReadOnlyAdmin):
    list_display = ("challenge", "phase", "status", "published_at", "acknowledged_at", "version")
    list_filter = ("status", "phase__kind")
    list_select_related = ("challenge", "phase__cohort")
    search_fields = ("challenge__title",)
    inlines = (AxisAssessmentInline, ActionInline)


@admin.register(Action)
class ActionAdmin(ReadOnlyAdmin):
    list_display = ("title", "report", "owner", "due_date", "status")
    list_filter = ("status", "owner")
    list_select_related = ("report__challenge", "report__phase")
    search_fields = ("title", "report__challenge__title")
