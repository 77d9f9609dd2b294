"""Personal data held by recruitment (see magellan.privacy.registry): the person's application (when
they were a candidate who became a person), their seats on juries with their reviews and declared
conflicts, and their onboarding checklists.

Erasure blanks the application's personal fields (as the retention job does: one function), blanks
the person's written reviews and conflict reasons (the scores stay: the ranking's figures) and
deletes their onboarding checklists."""

from typing import Any

from django.utils.translation import gettext_lazy as _

from magellan.audit.services import forget
from magellan.privacy.registry import row, rows

from .models import Application, Checklist, ChecklistItem, Conflict, Review, Reviewer, Score
from .services.calls import erase_application

TITLE = _("Recrutement et intégration")


def _user_id(person: Any) -> int | None:
    return getattr(person, "user_id", None)


def export(person: Any) -> dict[str, Any]:
    application = Application.objects.filter(person=person).select_related("call").first()
    user_id = _user_id(person)
    reviews = (
        Review.objects.filter(assignment__reviewer__user_id=user_id)
        .select_related("assignment")
        .order_by("pk")
        if user_id
        else Review.objects.none()
    )
    return {
        str(_("Candidature")): row(
            application,
            "call",
            "reference",
            "first_name",
            "last_name",
            "email",
            "phone",
            "gender",
            "profession",
            "skills",
            "experience",
            "motivation",
            "status",
            "created_at",
        )
        if application
        else None,
        str(_("Jurys")): rows(
            Reviewer.objects.filter(user_id=user_id).select_related("call").order_by("pk")
            if user_id
            else Reviewer.objects.none(),
            "call",
            "kind",
            "conflicts_declared_at",
        ),
        str(_("Conflits d’intérêts déclarés")): rows(
            Conflict.objects.filter(reviewer__user_id=user_id).order_by("pk")
            if user_id
            else Conflict.objects.none(),
            "reason",
            "declared_at",
        ),
        str(_("Évaluations")): rows(reviews, "opinion", "comment", "submitted_at"),
        str(_("Appréciations par critère")): rows(
            Score.objects.filter(review__in=reviews).select_related("criterion").order_by("pk"),
            "criterion",
            "value",
            "assessment",
        ),
        str(_("Listes d’intégration")): rows(
            ChecklistItem.objects.filter(checklist__person=person).order_by(
                "checklist", "position", "pk"
            ),
            "label",
            "due_date",
            "done_at",
            "successes",
            "difficulties",
        ),
    }


def erase(person: Any) -> None:
    application = Application.objects.filter(person=person).first()
    if application is not None and application.erased_at is None:
        erase_application(application=application)
    user_id = _user_id(person)
    if user_id:
        reviews = Review.objects.filter(assignment__reviewer__user_id=user_id)
        forget(reviews)
        reviews.update(comment="")
        Score.objects.filter(review__in=reviews).update(assessment="")
        Conflict.objects.filter(reviewer__user_id=user_id).update(reason="")
        forget(Reviewer.objects.filter(user_id=user_id))
    Checklist.objects.filter(person=person).delete()
