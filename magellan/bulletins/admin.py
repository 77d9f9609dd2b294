"""Bulletins in the admin: read-only (every write has rules: the pages and their services)."""

from django.contrib import admin

from magellan.core.admin import ReadOnlyAdmin

from .models import Bulletin, DigestSubscription, Sending, TeamSettings


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
