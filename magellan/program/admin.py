"""Coaches edit formats and sessions here too (the program pages cover the daily work).

Sessions are saved through the program's services, as on the program pages: an edit bumps the
iCal SEQUENCE, e-mails a move, fills freed places from the waiting list and resets a moved
session's reminder; a cancellation goes through the "cancel" action. Registrations, attendance
and feedback are shown, never edited here: they are written by `register`, `cancel_registration`,
`record_attendance` and `give_feedback` only.
"""

from typing import Any

from django import forms
from django.contrib import admin, messages
from django.db.models import QuerySet
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from magellan.directory.models import Role

from . import services
from .forms import FormatForm
from .models import Attendance, CalendarFeed, Feedback, Format, Registration, Session


class FormatAdminForm(forms.ModelForm):
    """The format page's fields; Format.clean and a constraint keep the group sizes ordered."""

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


class ReadOnlyInline(admin.TabularInline):
    """Shown on its parent's page, never added, changed or deleted there."""

    extra = 0
    can_delete = False

    def has_add_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False

    def has_delete_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False


class RegistrationInline(ReadOnlyInline):
    model = Registration
    fields = ("person", "status", "position", "created_at")
    readonly_fields = fields
    verbose_name_plural = _("inscriptions (faites par les participant·es sur la séance)")


class SessionAdminForm(forms.ModelForm):
    online_url = forms.URLField(
        label=_("lien de visioconférence"), required=False, max_length=500, assume_scheme="https"
    )

    class Meta:
        model = Session
        fields = [
            "cohort",
            "format",
            "challenge",
            "title",
            "description",
            "starts_at",
            "ends_at",
            "place",
            "online_url",
            "capacity",
            "facilitators",
        ]


@admin.register(Session)
class SessionAdmin(admin.ModelAdmin):
    form = SessionAdminForm
    list_display = ("__str__", "cohort", "starts_at", "status", "capacity")
    list_filter = ("cohort", "format", "status")
    search_fields = ("title", "format__name")
    date_hierarchy = "starts_at"
    autocomplete_fields = ("facilitators",)
    # Derived or written by the services only: the phase from the date, the status by the
    # "cancel" action, SEQUENCE and the reminder by every edit.
    readonly_fields = ("phase", "status", "sequence", "reminder_sent_at")
    inlines = [RegistrationInline]
    actions = ["cancel_sessions"]

    def save_model(self, request: HttpRequest, obj: Session, form: Any, change: bool) -> None:
        if change:
            services.update_session(session=obj, changed=list(form.changed_data))
        else:
            services.create_session(session=obj)

    def changeform_view(
        self,
        request: HttpRequest,
        object_id: str | None = None,
        form_url: str = "",
        extra_context: dict[str, Any] | None = None,
    ) -> HttpResponse:
        """A refused edit (the session was cancelled meanwhile) rolls back and says why."""
        try:
            return super().changeform_view(request, object_id, form_url, extra_context)
        except services.ProgramError as error:
            self.message_user(request, str(error), messages.ERROR)
            return HttpResponseRedirect(request.get_full_path())

    @admin.action(description=_("Annuler les séances (les participant·es sont prévenu·es)"))
    def cancel_sessions(self, request: HttpRequest, queryset: QuerySet[Session]) -> None:
        cancelled = 0
        for session in queryset.select_related("format", "cohort"):
            try:
                services.cancel_session(session=session)
            except services.ProgramError as error:
                self.message_user(request, f"{session} : {error}", messages.WARNING)
            else:
                cancelled += 1
        if cancelled:
            self.message_user(
                request,
                ngettext(
                    "%(n)d séance annulée ; les participant·es sont prévenu·es.",
                    "%(n)d séances annulées ; les participant·es sont prévenu·es.",
                    cancelled,
                )
                % {"n": cancelled},
                messages.SUCCESS,
            )


class ViewOnlyAdmin(admin.ModelAdmin):
    """Records written by the program's services: listed and searchable, not added or changed."""

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False


@admin.register(Attendance)
class AttendanceAdmin(ViewOnlyAdmin):
    list_display = ("session", "person", "is_present")
    list_filter = ("is_present", "session__format")


@admin.register(Feedback)
class FeedbackAdmin(ViewOnlyAdmin):
    list_display = ("session", "person", "rating")
    list_filter = ("rating", "session__format")


@admin.register(CalendarFeed)
class CalendarFeedAdmin(admin.ModelAdmin):
    list_display = ("person", "updated_at")
    readonly_fields = ("token",)
