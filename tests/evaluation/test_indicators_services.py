import datetime
from decimal import Decimal

import pytest

from magellan.evaluation.models import Indicator, IndicatorValue
from magellan.evaluation.services.base import ConflictError, EvaluationError
from magellan.evaluation.services.indicators import record_indicator_value, save_indicator
from tests.factories import ChallengeFactory, IndicatorFactory, IndicatorValueFactory, PersonFactory

pytestmark = pytest.mark.django_db

METHOD = {
    "theme": "public_policy",
    "title": "  Délai de traitement  ",
    "description": "Le délai entre dépôt et décision.",
    "hypothesis": "Faire X va réduire Y parce que Z.",
    "measure": "Délai moyen",
    "method": "Export mensuel",
    "unit": "jours",
    "target": "Moins de 20 jours",
    "target_value": Decimal("20"),
}


def test_save_indicator_creates_one_at_the_end_of_the_challenge_s_list():
    challenge = ChallengeFactory()
    IndicatorFactory(challenge=challenge)
    indicator = save_indicator(challenge=challenge, by=None, **METHOD)
    assert (indicator.challenge, indicator.title, indicator.position, indicator.version) == (
        challenge,
        "Délai de traitement",
        1,
        1,
    )
    assert indicator.target_value == Decimal("20")


def test_save_indicator_edits_with_the_version_read_and_increments_it():
    indicator = IndicatorFactory()
    saved = save_indicator(
        challenge=indicator.challenge,
        indicator=indicator,
        version=1,
        by=None,
        **(METHOD | {"title": "Nouveau titre", "target_value": None}),
    )
    indicator.refresh_from_db()
    assert (saved.version, indicator.title, indicator.target_value) == (2, "Nouveau titre", None)


def test_save_indicator_with_a_stale_version_is_a_conflict_and_changes_nothing():
    indicator = IndicatorFactory(title="Avant")
    save_indicator(challenge=indicator.challenge, indicator=indicator, version=1, by=None, **METHOD)
    with pytest.raises(ConflictError) as raised:
        save_indicator(
            challenge=indicator.challenge,
            indicator=indicator,
            version=1,
            by=None,
            **(METHOD | {"title": "Le mien"}),
        )
    indicator.refresh_from_db()
    assert (indicator.title, indicator.version) == ("Délai de traitement", 2)
    assert raised.value.current.title == "Délai de traitement"
    assert "modifié pendant que vous écriviez" in raised.value.message


def test_save_indicator_refuses_another_challenge_s_indicator():
    indicator = IndicatorFactory(title="Avant")
    with pytest.raises(EvaluationError):
        save_indicator(
            challenge=ChallengeFactory(), indicator=indicator, version=1, by=None, **METHOD
        )
    indicator.refresh_from_db()
    assert indicator.title == "Avant"


@pytest.mark.parametrize(
    ("field", "value", "message"),
    [
        ("theme", "weather", "Choisissez le thème de l’indicateur."),
        ("title", "   ", "Donnez un intitulé à l’indicateur."),
    ],
)
def test_save_indicator_refuses_a_missing_theme_or_title(field, value, message):
    challenge = ChallengeFactory()
    with pytest.raises(EvaluationError) as raised:
        save_indicator(challenge=challenge, by=None, **(METHOD | {field: value}))
    assert raised.value.message == message
    assert Indicator.objects.count() == 0


def test_record_indicator_value_with_its_date_and_source():
    indicator = IndicatorFactory()
    person = PersonFactory()
    value = record_indicator_value(
        indicator=indicator,
        measured_on=datetime.date(2026, 3, 1),
        value=Decimal("31.5"),
        source=" Outil métier ",
        comment="",
        by=person,
    )
    assert (value.indicator, value.value, value.source, value.recorded_by) == (
        indicator,
        Decimal("31.5"),
        "Outil métier",
        person,
    )


def test_a_second_value_on_the_same_day_is_refused_and_nothing_is_saved():
    value = IndicatorValueFactory(measured_on=datetime.date(2026, 3, 1), value=Decimal("10"))
    with pytest.raises(EvaluationError) as raised:
        record_indicator_value(
            indicator=value.indicator,
            measured_on=datetime.date(2026, 3, 1),
            value=Decimal("12"),
            source="Autre",
            by=None,
        )
    assert (
        raised.value.message == "Une valeur est déjà enregistrée à cette date pour cet indicateur."
    )
    assert list(IndicatorValue.objects.values_list("value", flat=True)) == [Decimal("10")]


def test_the_same_day_on_another_indicator_is_fine():
    value = IndicatorValueFactory(measured_on=datetime.date(2026, 3, 1))
    other = IndicatorFactory(challenge=value.indicator.challenge)
    record_indicator_value(
        indicator=other,
        measured_on=datetime.date(2026, 3, 1),
        value=Decimal("1"),
        source="S",
        by=None,
    )
    assert IndicatorValue.objects.count() == 2


def test_a_value_needs_a_source():
    indicator = IndicatorFactory()
    with pytest.raises(EvaluationError):
        record_indicator_value(
            indicator=indicator,
            measured_on=datetime.date(2026, 3, 1),
            value=Decimal("1"),
            source="  ",
            by=None,
        )
    assert IndicatorValue.objects.count() == 0
