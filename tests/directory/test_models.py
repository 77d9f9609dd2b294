import datetime

import pytest
from django.db import IntegrityError

from magellan.directory.models import Cohort, normalize_label
from tests.factories import AdministrationAliasFactory, CohortFactory, PersonFactory, PhaseFactory

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    ("raw", "key"),
    [
        (
            "Direction interministérielle du numérique (DINUM)",
            "direction interministerielle du numerique dinum",
        ),
        ("  Ministère  de l’Intérieur ", "ministere de l interieur"),
        ("ÉCOLE", "ecole"),
    ],
)
def test_normalize_label_folds_case_accents_and_punctuation(raw: str, key: str) -> None:
    assert normalize_label(raw) == key


def test_alias_stores_its_normalized_key() -> None:
    alias = AdministrationAliasFactory(name="Direction du Numérique")

    assert alias.key == "direction du numerique"


def test_cohort_str_includes_variant() -> None:
    assert str(CohortFactory(number=3, variant="DIG")) == "Promotion 3 - DIG"
    assert str(CohortFactory(number=7)) == "Promotion 7"


def test_cohort_current_and_past_querysets() -> None:
    today = datetime.date(2026, 11, 30)
    current = CohortFactory(
        start_date=datetime.date(2026, 9, 1), end_date=datetime.date(2027, 6, 30)
    )
    past = CohortFactory(start_date=datetime.date(2024, 9, 1), end_date=datetime.date(2025, 6, 30))

    assert list(Cohort.objects.current(today)) == [current]
    assert list(Cohort.objects.past(today)) == [past]


def test_phase_end_before_start_is_refused() -> None:
    with pytest.raises(IntegrityError):
        PhaseFactory(start_date=datetime.date(2026, 10, 1), end_date=datetime.date(2026, 9, 1))


def test_two_people_cannot_share_an_email() -> None:
    PersonFactory(email="same@example.test")

    with pytest.raises(IntegrityError):
        PersonFactory(email="same@example.test")


def test_people_without_email_do_not_collide() -> None:
    PersonFactory(email="")
    PersonFactory(email="")
