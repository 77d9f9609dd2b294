"""Bulletins in the admin: read-only (every write has rules: the pages and their services)."""

from typing import Any

from django.contrib import admin
from django.http import HttpRequest

from .models import Bulletin, DigestSubscription, Sending, TeamSettings


class ReadOnlyAdmin(admin.ModelAdmin):
    def has_add_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False

    def has_delete_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False


@admin.register(Bulletin)
class BulletinAdmin(ReadOnlyAdmin):
    list_display = ("challenge", "cohort", "iso_year", "iso_week", "mood", "last_editor")
    list_filter = ("cohort", "iso_year")
    list_select_related = ("challenge", "cohort", "last_editor")


@admin.register(TeamSettings)
class TeamSettingsAdmin(ReadOnlyAdmin):
    list_display = ("challenge", "webhook_url")
    list_select_related = ("challenge",)


@admin.register(DigestSubscription)
class DigestSubscriptionAdmin(ReadOnlyAdmin):
    list_display = ("person", "created_at")
    list_select_related = ("person",)


@admin.register(Sending)
class SendingAdmin(ReadOnlyAdmin):
    list_display = ("kind", "challenge", "cohort", "iso_year", "iso_week", "recipients", "sent_at")
    list_filter = ("kind",)
    list_select_related = ("challenge", "cohort")
