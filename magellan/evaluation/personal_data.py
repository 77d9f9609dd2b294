"""Personal data held by the evaluation: what the person wrote or signed for their team (see
magellan.privacy.registry). Reports, retrospectives and indicators are the team's and the
program's records: they stay, signed by the anonymised person."""

from typing import Any

from django.utils.translation import gettext_lazy as _

from magellan.privacy.registry import rows

from .models import Report, Retrospective, RetrospectiveComment

TITLE = _("Évaluation")


def export(person: Any) -> dict[str, Any]:
    return {
        str(_("Rapports rédigés")): rows(
            Report.objects.filter(authors=person)
            .select_related("challenge", "phase")
            .order_by("pk"),
            "challenge",
            "phase",
            "status",
        ),
        str(_("Rétrospectives remises")): rows(
            Retrospective.objects.filter(submitted_by=person)
            .select_related("challenge", "phase")
            .order_by("pk"),
            "challenge",
            "phase",
            "submitted_at",
        ),
        str(_("Commentaires de rétrospective")): rows(
            RetrospectiveComment.objects.filter(author=person).order_by("pk"), "body", "created_at"
        ),
    }


def erase(person: Any) -> None:
    """Nothing to remove: the team's records stay, signed by the anonymised person."""
