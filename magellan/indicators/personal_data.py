"""Personal data held by the indicators: the follow-up survey's invitations and answers (see
magellan.privacy.registry). Erasure keeps the answers' choices (they feed the aggregates) and
removes their free comment."""

from typing import Any

from django.utils.translation import gettext_lazy as _

from magellan.audit.services import forget
from magellan.privacy.registry import rows

from .models import SurveyAnswer, SurveyInvitation

TITLE = _("Enquêtes de suivi")


def export(person: Any) -> dict[str, Any]:
    return {
        str(_("Invitations")): rows(
            SurveyInvitation.objects.filter(person=person).select_related("cohort").order_by("pk"),
            "cohort",
            "wave",
            "sent_at",
            "answered_at",
        ),
        str(_("Réponses")): rows(
            SurveyAnswer.objects.filter(invitation__person=person).order_by("pk"),
            "employment",
            "role",
            "product_status",
            "carried_by",
            "maintained_by",
            "comment",
        ),
    }


def erase(person: Any) -> None:
    answers = SurveyAnswer.objects.filter(invitation__person=person).exclude(comment="")
    forget(answers)
    answers.update(comment="")
