from typing import Any

from django.contrib import admin
from django.http import HttpRequest

from .models import Job


class ReadOnlyAdmin(admin.ModelAdmin):
    """An admin that only reads: the app's pages and services make every change (their rules
    would be skipped here)."""

    def has_add_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False

    def has_delete_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False


@admin.register(Job)
class JobAdmin(admin.ModelAdmin):
    list_display = ("label", "kind", "status", "progress_done", "progress_total", "created_at")
    list_filter = ("status", "kind")
    readonly_fields = ("created_at", "updated_at", "started_at", "finished_at")
