import pytest
from django.utils import timezone

from magellan.recruitment import personal_data
from magellan.recruitment.models import Application, Conflict, Review, Score
from tests.factories import (
    ApplicationFactory,
    ConflictFactory,
    PersonFactory,
    ReviewerFactory,
    ReviewFactory,
    ScoreFactory,
)

pytestmark = pytest.mark.django_db


def _world():
    person = PersonFactory(alumni=True)
    application = ApplicationFactory(person=person, first_name="Inès", skills="Python")
    reviewer = ReviewerFactory(user=person.user, conflicts_declared_at=timezone.now())
    review = ReviewFactory(
        assignment__reviewer=reviewer, comment="Très bon dossier.", submitted_at=timezone.now()
    )
    score = ScoreFactory(review=review, value=4, assessment="Solide.")
    conflict = ConflictFactory(reviewer=reviewer, reason="Ancienne collègue")
    return person, application, review, score, conflict


def test_the_export_holds_the_application_and_the_jury_work():
    person, *_ = _world()
    data = personal_data.export(person)
    assert data["Candidature"]["Prénom"] == "Inès"
    assert data["Évaluations"][0]["Appréciation d’ensemble"] == "Très bon dossier."
    assert data["Appréciations par critère"][0]["Appréciation"] == "Solide."
    assert data["Conflits d’intérêts déclarés"][0]["Raison"] == "Ancienne collègue"


def test_erasure_blanks_the_application_and_the_written_reviews_but_keeps_the_scores():
    person, application, review, score, conflict = _world()
    personal_data.erase(person)

    application = Application.objects.get(pk=application.pk)
    assert (application.first_name, application.skills) == ("", "")
    assert application.erased_at is not None
    assert Review.objects.get(pk=review.pk).comment == ""
    assert Review.objects.get(pk=review.pk).history.count() == 0
    assert (Score.objects.get(pk=score.pk).value, Score.objects.get(pk=score.pk).assessment) == (
        4,
        "",
    )
    assert Conflict.objects.get(pk=conflict.pk).reason == ""


def test_a_person_without_an_account_or_an_application_exports_nothing():
    person = PersonFactory()
    data = personal_data.export(person)
    assert data["Candidature"] is None
    assert data["Évaluations"] == []
    personal_data.erase(person)
