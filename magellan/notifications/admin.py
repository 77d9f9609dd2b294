"""Notifications in the admin: read-only (they are written by `services.notify`)."""

from typing import Any

from django.contrib import admin
from django.http import HttpRequest

from .models import Notification, NotificationPreference


class ReadOnlyAdmin(admin.ModelAdmin):
    def has_add_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False

    def has_delete_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False


@admin.register(Notification)
class NotificationAdmin(ReadOnlyAdmin):
    list_display = ("title", "recipient", "kind", "delivery", "created_at", "read_at", "emailed_at")
    list_filter = ("kind", "delivery")
    list_select_related = ("recipient",)
    search_fields = ("title", "recipient__email")


@admin.register(NotificationPreference)
class NotificationPreferenceAdmin(ReadOnlyAdmin):
    list_display = ("user", "kind", "frequency")
    list_filter = ("kind", "frequency")
    list_select_related = ("user",)
