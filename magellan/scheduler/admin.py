from typing import Any

from django.contrib import admin
from django.http import HttpRequest

from .models import JobRun


@admin.register(JobRun)
class JobRunAdmin(admin.ModelAdmin):
    """The run log, read-only: only the scheduler writes it (a row is its lock)."""

    list_display = ["job_name", "due_at", "outcome", "started_at", "finished_at", "summary"]
    list_filter = ["outcome", "job_name"]
    search_fields = ["job_name", "summary", "error"]
    date_hierarchy = "due_at"

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False

    def has_delete_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False
