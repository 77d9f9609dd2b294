"""Notifications in the admin: read-only (they are written by `services.notify`)."""

from django.contrib import admin

from magellan.core.admin import ReadOnlyAdmin

from .models import Notification, NotificationPreference


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
