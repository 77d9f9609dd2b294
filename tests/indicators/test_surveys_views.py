"""The surveys' pages: the personal link (no sign-in; answered once; expired 410, unknown 404),
one's own answers and their correction, the coaches' response rates and "send again"."""

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone

from magellan.indicators.models import SurveyAnswer
from tests.factories import (
    CohortFactory,
    PersonFactory,
    SurveyAnswerFactory,
    SurveyInvitationFactory,
)
from tests.query_counts import assert_queries_do_not_grow

pytestmark = pytest.mark.django_db

FORM = {
    "employment": "left",
    "role": "Développeuse indépendante",
    "product_status": "stopped",
    "carried_by": "",
    "maintained_by": "nobody",
    "comment": "Merci pour le programme.",
}


def test_the_link_shows_the_form_without_signing_in(client):
    SurveyInvitationFactory(token="lien", person__name="Alix Martin")

    response = client.get(reverse("indicators:survey", args=["lien"]))

    assert response.status_code == 200
    assert "Bonjour Alix Martin" in response.content.decode()
    assert 'name="employment"' in response.content.decode()


def test_answering_stores_the_answer_and_the_link_then_shows_it(client):
    invitation = SurveyInvitationFactory(token="lien")
    url = reverse("indicators:survey", args=["lien"])

    response = client.post(url, FORM)

    assert response.status_code == 302
    assert response["Location"] == url
    answer = SurveyAnswer.objects.get(invitation=invitation)
    assert (answer.employment, answer.role, answer.comment) == (
        "left",
        "Développeuse indépendante",
        "Merci pour le programme.",
    )
    page = client.get(url).content.decode()
    assert "Vous avez répondu à cette enquête" in page
    assert "Développeuse indépendante" in page
    assert 'name="employment"' not in page


def test_a_second_answer_through_the_link_is_refused_and_changes_nothing(client):
    answer = SurveyAnswerFactory(invitation__token="lien", role="Cheffe de produit")

    response = client.post(reverse("indicators:survey", args=["lien"]), {**FORM, "role": "Autre"})

    assert response.status_code == 409
    assert "ce lien ne sert qu’une fois" in response.content.decode()
    answer.refresh_from_db()
    assert (answer.role, answer.version) == ("Cheffe de produit", 1)


def test_an_incomplete_answer_is_redisplayed_with_errors(client):
    SurveyInvitationFactory(token="lien")

    response = client.post(
        reverse("indicators:survey", args=["lien"]), {**FORM, "employment": "", "role": "Gardé"}
    )

    assert response.status_code == 200
    assert "Ce champ est obligatoire" in response.content.decode()
    assert 'value="Gardé"' in response.content.decode()
    assert not SurveyAnswer.objects.exists()


def test_an_expired_link_is_gone_and_an_unknown_one_not_found(client):
    SurveyInvitationFactory(token="vieux", sent_at=timezone.now() - datetime.timedelta(days=31))

    expired = client.post(reverse("indicators:survey", args=["vieux"]), FORM)
    unknown = client.get(reverse("indicators:survey", args=["inconnu"]))

    assert expired.status_code == 410
    assert "a expiré" in expired.content.decode()
    assert unknown.status_code == 404
    assert "pas (ou plus) valable" in unknown.content.decode()
    assert not SurveyAnswer.objects.exists()


def test_my_answers_list_mine_only(client):
    me = PersonFactory(with_account=True)
    SurveyAnswerFactory(invitation__person=me, role="Cheffe de produit")
    SurveyAnswerFactory(role="Quelqu’un d’autre")
    client.force_login(me.user)

    page = client.get(reverse("indicators:my_surveys")).content.decode()

    assert "Cheffe de produit" in page
    assert "Quelqu’un d’autre" not in page


def test_correcting_my_answer(client):
    answer = SurveyAnswerFactory(invitation__person=PersonFactory(with_account=True))
    client.force_login(answer.invitation.person.user)

    response = client.post(
        reverse("indicators:my_survey_edit", args=[answer.pk]), {**FORM, "version": 1}
    )

    assert response.status_code == 302
    answer.refresh_from_db()
    assert (answer.employment, answer.version) == ("left", 2)


def test_a_correction_over_a_newer_version_keeps_the_text_and_shows_the_stored_one(client):
    answer = SurveyAnswerFactory(
        invitation__person=PersonFactory(with_account=True), role="Version enregistrée"
    )
    SurveyAnswer.objects.filter(pk=answer.pk).update(version=2)
    client.force_login(answer.invitation.person.user)

    response = client.post(
        reverse("indicators:my_survey_edit", args=[answer.pk]),
        {**FORM, "role": "Mon nouveau texte", "version": 1},
    )

    page = response.content.decode()
    assert response.status_code == 200
    assert "modifiée entre-temps" in page
    assert "Version enregistrée" in page
    assert 'value="Mon nouveau texte"' in page
    assert 'name="version" value="2"' in page
    answer.refresh_from_db()
    assert answer.role == "Version enregistrée"


def test_the_coaches_see_rates_and_who_has_not_answered(client):
    cohort = CohortFactory(number=7)
    SurveyAnswerFactory(invitation__cohort=cohort)
    SurveyInvitationFactory(cohort=cohort, person__name="Camille Sansréponse")
    client.force_login(PersonFactory(coach=True).user)

    page = client.get(reverse("indicators:surveys")).content.decode()

    assert "<td>50 %</td>" in page
    assert "Camille Sansréponse" in page


def test_the_coaches_page_runs_the_same_queries_for_one_or_three_cohorts(client):
    client.force_login(PersonFactory(coach=True).user)
    made = iter(range(1, 10))

    def make() -> str:
        number = next(made)
        cohort = CohortFactory(number=number)
        SurveyAnswerFactory(invitation__cohort=cohort)
        person = PersonFactory(name=f"Sans Réponse {number}")
        SurveyInvitationFactory(cohort=cohort, person=person)
        return person.name

    assert_queries_do_not_grow(client, reverse("indicators:surveys"), make)


def test_my_answers_page_runs_the_same_queries_for_one_or_three_answers(client):
    me = PersonFactory(with_account=True)
    client.force_login(me.user)
    made = iter(range(1, 10))

    def make() -> str:
        number = next(made)
        SurveyAnswerFactory(
            invitation__person=me,
            invitation__cohort=CohortFactory(number=number),
            role=f"Fonction {number}",
        )
        return f"Fonction {number}"

    assert_queries_do_not_grow(client, reverse("indicators:my_surveys"), make)


def test_send_again_sends_a_fresh_link_and_says_so(client, mailoutbox):
    invitation = SurveyInvitationFactory(person__name="Alix Martin")
    client.force_login(PersonFactory(coach=True).user)

    response = client.post(reverse("indicators:survey_resend", args=[invitation.pk]), follow=True)

    assert "L’enquête est renvoyée à Alix Martin" in response.content.decode()
    assert [m.to for m in mailoutbox] == [[invitation.person.email]]


def test_send_again_once_answered_is_refused_with_a_message(client, mailoutbox):
    answer = SurveyAnswerFactory(invitation__person__name="Alix Martin")
    client.force_login(PersonFactory(coach=True).user)

    response = client.post(
        reverse("indicators:survey_resend", args=[answer.invitation.pk]), follow=True
    )

    assert "Alix Martin a déjà répondu" in response.content.decode()
    assert mailoutbox == []


def test_the_link_page_is_never_cached(client):
    SurveyInvitationFactory(token="lien")

    response = client.get(reverse("indicators:survey", args=["lien"]))

    assert "no-store" in response["Cache-Control"]
    assert "private" in response["Cache-Control"]
