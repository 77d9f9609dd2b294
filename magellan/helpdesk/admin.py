"""The help desk in the admin: read-only (every write has rules: it goes through the pages and their
services). Attachments' files are never listed here: they are served by the request's page only."""

from django.contrib import admin

from magellan.core.admin import ReadOnlyAdmin

from .models import HelperProfile, HelpRequest, TimelineEvent


@admin.register(HelperProfile)
class HelperProfileAdmin(ReadOnlyAdmin):
    list_display = ("person", "is_active", "added_by")
    list_filter = ("is_active",)
    list_select_related = ("person", "added_by")


@admin.register(HelpRequest)
class HelpRequestAdmin(ReadOnlyAdmin):
    list_display = ("subject", "author", "cohort", "status", "urgency", "created_at")
    list_filter = ("status", "urgency", "cohort")
    list_select_related = ("author", "cohort")
    exclude = ("description", "search_vector")


@admin.register(TimelineEvent)
class TimelineEventAdmin(ReadOnlyAdmin):
    list_display = ("request", "kind", "actor", "from_status", "to_status", "created_at")
    list_filter = ("kind",)
    list_select_related = ("request", "actor")
