"""Personal data held by the help desk: help requests, comments, the helper profile (see
magellan.privacy.registry). Requests and comments are the team's work: they stay, signed by the
anonymised person; the helper profile (a note about the person) goes, and the timelines' texts that
name the person are rewritten."""

from typing import Any

from django.utils.translation import gettext_lazy as _

from magellan.audit.services import forget
from magellan.privacy.registry import replace_name, row, rows

from .models import Comment, HelperProfile, HelpRequest, TimelineEvent

TITLE = _("Demandes d’aide")


def export(person: Any) -> dict[str, Any]:
    profile = HelperProfile.objects.filter(person=person).first()
    return {
        str(_("Demandes écrites")): rows(
            HelpRequest.objects.filter(author=person).select_related("challenge").order_by("pk"),
            "subject",
            "description",
            "challenge",
            "status",
            "created_at",
        ),
        str(_("Commentaires")): rows(
            Comment.objects.filter(author_id=person.user_id).order_by("pk")
            if person.user_id
            else [],
            "request",
            "body",
            "created_at",
        ),
        str(_("Profil d’aidant·e")): row(profile, "is_active", "note", "created_at")
        if profile
        else None,
    }


def erase(person: Any) -> None:
    profiles = HelperProfile.objects.filter(person=person)
    forget(profiles)
    profiles.delete()
    replace_name(TimelineEvent.objects.all(), "detail", person)
