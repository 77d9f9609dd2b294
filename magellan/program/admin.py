"""Coaches edit formats and sessions here too (the program pages cover the daily work)."""

from django import forms
from django.contrib import admin

from magellan.directory.models import Role

from .forms import FormatForm
from .models import Attendance, CalendarFeed, Feedback, Format, Registration, Session


class FormatAdminForm(forms.ModelForm):
    audience_roles = forms.MultipleChoiceField(
        choices=Role.choices, widget=forms.CheckboxSelectMultiple, required=False
    )

    class Meta:
        model = Format
        fields = FormatForm.Meta.fields


@admin.register(Format)
class FormatAdmin(admin.ModelAdmin):
    form = FormatAdminForm
    list_display = ("name", "frequency", "duration_minutes", "grouping_mode", "is_active")
    list_filter = ("frequency", "grouping_mode", "is_active")
    search_fields = ("name",)
    prepopulated_fields = {"slug": ("name",)}


class RegistrationInline(admin.TabularInline):
    model = Registration
    extra = 0
    autocomplete_fields = ("person",)


@admin.register(Session)
class SessionAdmin(admin.ModelAdmin):
    list_display = ("__str__", "cohort", "starts_at", "status", "capacity")
    list_filter = ("cohort", "format", "status")
    search_fields = ("title", "format__name")
    date_hierarchy = "starts_at"
    autocomplete_fields = ("facilitators",)
    inlines = [RegistrationInline]


@admin.register(Attendance)
class AttendanceAdmin(admin.ModelAdmin):
    list_display = ("session", "person", "is_present")
    list_filter = ("is_present", "session__format")


@admin.register(Feedback)
class FeedbackAdmin(admin.ModelAdmin):
    list_display = ("session", "person", "rating")
    list_filter = ("rating", "session__format")


@admin.register(CalendarFeed)
class CalendarFeedAdmin(admin.ModelAdmin):
    list_display = ("person", "updated_at")
    readonly_fields = ("token",)
