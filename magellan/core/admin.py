from django.contrib import admin

from .models import Job


@admin.register(Job)
class JobAdmin(admin.ModelAdmin):
    list_display = ("label", "kind", "status", "progress_done", "progress_total", "created_at")
    list_filter = ("status", "kind")
    readonly_fields = ("created_at", "updated_at", "started_at", "finished_at")
