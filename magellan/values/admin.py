"""The values in the admin: read-only. Every write has rules (the reason for « not applicable »,
the history and version of a status, the RGAA rule and the URLs of the declarations, one dataset
per address) that live in `services/`; the pages call them, so the admin only shows."""

from typing import Any

from django.contrib import admin
from django.db import models
from django.http import HttpRequest

from magellan.core.admin import ReadOnlyAdmin

from .models import Dataset, Declarations, HealthCheck, Repository, ValueStatus, ValueStatusChange

# Links typed without a scheme are https (the admin's read-only forms still build URL fields).
HTTPS_LINKS: dict[type, dict[str, Any]] = {models.URLField: {"assume_scheme": "https"}}


class ValueStatusChangeInline(admin.TabularInline):
    model = ValueStatusChange
    fields = ("changed_at", "status", "comment", "changed_by")
    readonly_fields = fields
    extra = 0
    can_delete = False

    def has_add_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False


@admin.register(ValueStatus)
class ValueStatusAdmin(ReadOnlyAdmin):
    list_display = ("challenge", "phase", "value", "status", "updated_at", "updated_by")
    list_filter = ("value", "status", "phase__kind", "phase__cohort")
    search_fields = ("challenge__title", "comment")
    list_select_related = ("challenge", "phase", "phase__cohort", "updated_by")
    inlines = (ValueStatusChangeInline,)


@admin.register(Dataset)
class DatasetAdmin(ReadOnlyAdmin):
    formfield_overrides = HTTPS_LINKS
    list_display = ("title", "challenge", "licence", "data_format", "update_frequency")
    list_filter = ("licence",)
    search_fields = ("title", "url", "challenge__title")
    list_select_related = ("challenge",)


@admin.register(Declarations)
class DeclarationsAdmin(ReadOnlyAdmin):
    formfield_overrides = HTTPS_LINKS
    list_display = ("challenge", "rgaa_compliance", "rgaa_rate", "rgesn_score", "updated_at")
    list_filter = ("rgaa_compliance", "makes_individual_decisions", "uses_dsfr")
    search_fields = ("challenge__title",)
    list_select_related = ("challenge",)


# Repositories and their health checks (K): added, removed and checked from the pages
# (services/repositories.py: the address rule, one per challenge, the check's job); read here.
class HealthCheckInline(admin.TabularInline):
    model = HealthCheck
    fields = ("created_at", "outcome", "licence_detected", "last_commit_at", "error", "finished_at")
    readonly_fields = fields
    extra = 0
    can_delete = False
    show_change_link = True

    def has_add_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False


@admin.register(Repository)
class RepositoryAdmin(ReadOnlyAdmin):
    list_display = ("url", "challenge", "licence", "created_at")
    search_fields = ("url", "challenge__title")
    list_select_related = ("challenge",)
    inlines = (HealthCheckInline,)


@admin.register(HealthCheck)
class HealthCheckAdmin(ReadOnlyAdmin):
    list_display = ("repository", "outcome", "licence_detected", "created_at", "finished_at")
    list_filter = ("outcome",)
    search_fields = ("repository__url", "repository__challenge__title")
    list_select_related = ("repository",)
