"""Mentoring in the admin: read-only (every write goes through the pages and their services).

Cycle notes are left out: they are the pair's only, not even staff read them.
"""

from django.contrib import admin

from magellan.core.admin import ReadOnlyAdmin

from .models import Cycle, CycleFeedback, Need, Offer, Proposal, Round


@admin.register(Offer)
class OfferAdmin(ReadOnlyAdmin):
    list_display = ("person", "capacity", "capacity_per_quarter", "mode", "is_paused")
    list_select_related = ("person",)


@admin.register(Need)
class NeedAdmin(ReadOnlyAdmin):
    list_display = ("person", "cohort", "main_expertise", "status", "created_at")
    list_filter = ("status", "cohort")
    list_select_related = ("person", "cohort", "main_expertise")


@admin.register(Round)
class RoundAdmin(ReadOnlyAdmin):
    list_display = ("cohort", "status", "ran_at", "confirmed_at")
    list_select_related = ("cohort",)
    exclude = ("needs",)


@admin.register(Proposal)
class ProposalAdmin(ReadOnlyAdmin):
    list_display = ("mentor", "need", "score", "status", "proposed_at", "answered_at")
    list_filter = ("status",)
    list_select_related = ("mentor", "need__person", "need__main_expertise")


@admin.register(Cycle)
class CycleAdmin(ReadOnlyAdmin):
    list_display = ("mentor", "need", "status", "session_count", "closed_at")
    list_filter = ("status",)
    list_select_related = ("mentor", "need__person", "need__main_expertise")
    exclude = ("mentees",)


@admin.register(CycleFeedback)
class CycleFeedbackAdmin(ReadOnlyAdmin):
    list_display = ("cycle", "person", "rating")
    list_select_related = (
        "cycle__mentor",
        "cycle__need__person",
        "cycle__need__main_expertise",
        "person",
    )
