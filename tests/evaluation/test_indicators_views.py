import datetime
from decimal import Decimal

import pytest
from django.test import Client
from django.urls import reverse

from magellan.evaluation.models import Indicator, IndicatorValue
from tests.factories import IndicatorFactory, IndicatorValueFactory
from tests.query_counts import assert_queries_do_not_grow

from .retrospective_world import make_team

pytestmark = pytest.mark.django_db


def _client(person):
    client = Client()
    client.force_login(person.user)
    return client


def _method(**overrides):
    return {
        "new-theme": "openness",
        "new-title": "Réutilisations du code",
        "new-description": "",
        "new-hypothesis": "Publier le code va …",
        "new-measure": "Nombre de forks",
        "new-method": "API de la forge",
        "new-unit": "forks",
        "new-target": "10 d’ici la fin",
        "new-target_value": "10",
        **overrides,
    }


def test_the_page_lists_the_indicators_by_theme_with_their_latest_value():
    team = make_team()
    indicator = IndicatorFactory(challenge=team.challenge, title="Délai", unit="jours")
    IndicatorValueFactory(indicator=indicator, measured_on=datetime.date(2026, 1, 5), value=30)
    IndicatorValueFactory(
        indicator=indicator, measured_on=datetime.date(2026, 2, 5), value=25, source="Outil"
    )
    response = _client(team.sponsor).get(
        reverse("evaluation:indicators", args=[team.challenge.slug])
    )
    text = response.content.decode()
    assert response.status_code == 200
    assert "25 jours au 5 février 2026 (source : Outil)" in text
    assert "Performance du produit" in text
    # The sponsor reads: no form.
    assert "Ajouter un indicateur" not in text
    assert reverse("evaluation:indicator_edit", args=[indicator.pk]) not in text


def test_a_fellow_adds_an_indicator():
    team = make_team()
    client = _client(team.fellow)
    url = reverse("evaluation:indicators", args=[team.challenge.slug])
    response = client.post(url, _method())
    assert response.status_code == 302
    assert list(Indicator.objects.values_list("challenge", "theme", "title", "target_value")) == [
        (team.challenge.pk, "openness", "Réutilisations du code", Decimal("10"))
    ]


def test_an_indicator_without_title_is_shown_again_with_the_error():
    team = make_team()
    response = _client(team.coach).post(
        reverse("evaluation:indicators", args=[team.challenge.slug]), _method(**{"new-title": ""})
    )
    assert response.status_code == 200
    assert "Réutilisations du code" not in response.content.decode()
    assert "Publier le code va" in response.content.decode()
    assert Indicator.objects.count() == 0


def test_the_sponsor_cannot_add_an_indicator():
    team = make_team()
    response = _client(team.sponsor).post(
        reverse("evaluation:indicators", args=[team.challenge.slug]), _method()
    )
    assert response.status_code == 403
    assert Indicator.objects.count() == 0


def test_two_people_editing_an_indicator_the_second_sees_the_conflict_and_keeps_their_text():
    team = make_team()
    indicator = IndicatorFactory(challenge=team.challenge, title="Avant")
    url = reverse("evaluation:indicator_edit", args=[indicator.pk])
    data = {k.removeprefix("new-"): v for k, v in _method().items()}
    assert (
        _client(team.fellow)
        .post(url, data | {"title": "Celui du fellow", "version": "1"})
        .status_code
        == 302
    )
    response = _client(team.coach).post(url, data | {"title": "Celui du coach", "version": "1"})
    text = response.content.decode()
    assert response.status_code == 200
    assert "a été modifié pendant que vous écriviez" in text
    assert 'value="Celui du coach"' in text
    assert "Celui du fellow" in text
    assert 'name="version" value="2"' in text
    indicator.refresh_from_db()
    assert (indicator.title, indicator.version) == ("Celui du fellow", 2)


def test_a_value_is_recorded_and_a_second_one_the_same_day_refused():
    team = make_team()
    indicator = IndicatorFactory(challenge=team.challenge)
    url = reverse("evaluation:indicator_value_add", args=[indicator.pk])
    client = _client(team.project_owner)
    data = {"value-measured_on": "2026-03-02", "value-value": "12", "value-source": "Enquête"}
    response = client.post(url, data)
    assert response["Location"] == (
        reverse("evaluation:indicators", args=[team.challenge.slug]) + f"#indicateur-{indicator.pk}"
    )
    response = client.post(url, data | {"value-value": "13"})
    assert response.status_code == 200
    assert "Une valeur est déjà enregistrée à cette date pour cet indicateur." in (
        response.content.decode()
    )
    assert list(IndicatorValue.objects.values_list("value", flat=True)) == [Decimal("12")]


def test_a_value_without_source_is_refused_by_the_form():
    team = make_team()
    indicator = IndicatorFactory(challenge=team.challenge)
    response = _client(team.fellow).post(
        reverse("evaluation:indicator_value_add", args=[indicator.pk]),
        {"value-measured_on": "2026-03-02", "value-value": "12", "value-source": ""},
    )
    assert response.status_code == 200
    assert IndicatorValue.objects.count() == 0


def test_the_indicators_page_does_not_grow_with_the_indicators():
    team = make_team()
    client = _client(team.fellow)
    counter = iter(range(1, 10))

    def make():
        number = next(counter)
        indicator = IndicatorFactory(challenge=team.challenge, title=f"Indicateur numéro {number}")
        IndicatorValueFactory(indicator=indicator)
        IndicatorValueFactory(indicator=indicator)
        return indicator.title

    assert_queries_do_not_grow(
        client, reverse("evaluation:indicators", args=[team.challenge.slug]), make
    )
