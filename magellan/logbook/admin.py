"""The logbook in the admin: read-only (entries are private writing; only their fellow edits them,
through the pages and `services.save_entry`)."""

from typing import Any

from django.contrib import admin
from django.http import HttpRequest

from .models import Entry, Reminder


class ReadOnlyAdmin(admin.ModelAdmin):
    def has_add_permission(self, request: HttpRequest) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False


@admin.register(Entry)
class EntryAdmin(ReadOnlyAdmin):
    # The list shows who wrote which month, never what they wrote.
    list_display = ("person", "month", "cohort", "shared_with")
    list_filter = ("cohort",)
    fields = ("person", "cohort", "month", "shared_with", "version")


@admin.register(Reminder)
class ReminderAdmin(ReadOnlyAdmin):
    list_display = ("person", "month", "sent_at")
