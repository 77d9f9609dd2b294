"""Personal data held by the community: questions, answers, comments, votes, follows (see
magellan.privacy.registry). Posts are shared knowledge: they stay, signed by the anonymised
person; the follows (a personal preference) go, the votes stay in the counts."""

from typing import Any

from django.utils.translation import gettext_lazy as _

from magellan.privacy.registry import rows

from .models import Answer, Comment, Follow, Question

TITLE = _("Entraide")


def export(person: Any) -> dict[str, Any]:
    return {
        str(_("Questions")): rows(
            Question.objects.filter(author=person).order_by("pk"), "title", "body", "created_at"
        ),
        str(_("Réponses")): rows(
            Answer.objects.filter(author=person).select_related("question").order_by("pk"),
            "question",
            "body",
            "created_at",
        ),
        str(_("Commentaires")): rows(
            Comment.objects.filter(author=person).order_by("pk"), "body", "created_at"
        ),
        str(_("Questions suivies")): [
            str(f.question) for f in Follow.objects.filter(person=person).select_related("question")
        ],
    }


def erase(person: Any) -> None:
    Follow.objects.filter(person=person).delete()
