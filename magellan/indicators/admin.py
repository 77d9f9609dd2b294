"""The follow-up surveys in the admin: read-only. Sending, reminding, sending again, answering and
correcting have rules (one link per e-mail, used once, version checks) that live in
`services/surveys.py`; the pages call them, so the admin only shows (no add, change nor delete).
The link's hash is not shown."""

from django.contrib import admin

from magellan.core.admin import ReadOnlyAdmin

from .models import SurveyAnswer, SurveyInvitation


@admin.register(SurveyInvitation)
class SurveyInvitationAdmin(ReadOnlyAdmin):
    list_display = (
        "person",
        "cohort",
        "wave",
        "sent_at",
        "sent_count",
        "reminded_at",
        "answered_at",
        "expires_at",
    )
    list_filter = ("wave", "cohort")
    list_select_related = ("person", "cohort")
    search_fields = ("person__name",)
    exclude = ("token_hash",)


@admin.register(SurveyAnswer)
class SurveyAnswerAdmin(ReadOnlyAdmin):
    list_display = ("invitation", "employment", "product_status", "maintained_by", "version")
    list_filter = ("employment", "product_status", "invitation__wave")
    list_select_related = ("invitation__person", "invitation__cohort")
    search_fields = ("invitation__person__name",)
