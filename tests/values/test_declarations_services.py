import datetime
from decimal import Decimal

import pytest

from magellan.values.models import Declarations, RgaaCompliance
from magellan.values.services.base import ConflictError, ValuesError
from magellan.values.services.declarations import rgaa_compliance_for, save_declarations

from .values_world import make_team

pytestmark = pytest.mark.django_db

TODAY = datetime.date(2026, 6, 15)


def _save(team, version=0, **fields):
    return save_declarations(
        challenge=team.challenge, version=version, by=team.fellow, today=TODAY, **fields
    )


def test_the_first_declarations_are_created():
    team = make_team()
    found = _save(
        team,
        rgaa_rate=Decimal("72.5"),
        rgaa_audit_date=datetime.date(2026, 5, 2),
        rgaa_declaration_url="https://exemple.gouv.fr/accessibilite",
        rgesn_url="https://exemple.gouv.fr/ecoconception",
        rgesn_score=Decimal("64"),
        uses_dsfr=True,
        apis="API Entreprise\n\n  API Adresse  \n",
    )
    assert (
        found.rgaa_compliance,
        found.rgaa_rate,
        found.version,
        found.updated_by,
        found.uses_dsfr,
        found.uses_proconnect,
        found.apis,
    ) == (
        RgaaCompliance.PARTIAL,
        Decimal("72.5"),
        1,
        team.fellow,
        True,
        False,
        "API Entreprise\nAPI Adresse",
    )


@pytest.mark.parametrize(
    ("rate", "expected"),
    [
        (Decimal("100"), RgaaCompliance.FULL),
        (Decimal("99.99"), RgaaCompliance.PARTIAL),
        (Decimal("50"), RgaaCompliance.PARTIAL),
        (Decimal("49.9"), RgaaCompliance.NONE),
        (Decimal("0"), RgaaCompliance.NONE),
    ],
)
def test_the_rgaa_compliance_follows_the_rate(rate, expected):
    assert rgaa_compliance_for(rate) == expected


def test_a_compliance_that_contradicts_the_rate_is_refused():
    team = make_team()
    with pytest.raises(ValuesError) as refused:
        _save(
            team,
            rgaa_compliance=RgaaCompliance.FULL,
            rgaa_rate=Decimal("80"),
            rgaa_declaration_url="https://exemple.gouv.fr/accessibilite",
        )
    assert refused.value.message.startswith("Le niveau de conformité ne correspond pas au taux")
    assert Declarations.objects.count() == 0


@pytest.mark.parametrize("rate", [Decimal("-1"), Decimal("100.01")])
def test_a_rate_outside_0_to_100_is_refused(rate):
    team = make_team()
    with pytest.raises(ValuesError) as refused:
        _save(team, rgaa_rate=rate, rgaa_declaration_url="https://exemple.gouv.fr/a11y")
    assert refused.value.message == "Le taux de conformité RGAA est compris entre 0 et 100 %."


def test_a_score_outside_0_to_100_is_refused():
    team = make_team()
    with pytest.raises(ValuesError) as refused:
        _save(team, rgesn_score=Decimal("101"))
    assert refused.value.message == "Le score RGESN est compris entre 0 et 100 %."


def test_a_compliance_needs_its_declaration_url():
    team = make_team()
    with pytest.raises(ValuesError) as refused:
        _save(team, rgaa_compliance=RgaaCompliance.NONE)
    assert refused.value.message == (
        "Donnez l’adresse de la déclaration d’accessibilité qui publie ce niveau."
    )


@pytest.mark.parametrize(
    "url", ["exemple.gouv.fr", "ftp://exemple.gouv.fr/x", "javascript:alert(1)"]
)
def test_an_address_that_is_not_a_web_address_is_refused(url):
    team = make_team()
    with pytest.raises(ValuesError) as refused:
        _save(team, algorithm_notice_url=url)
    assert refused.value.message == f"« {url} » n’est pas une adresse web (https://…)."
    assert Declarations.objects.count() == 0


def test_a_date_in_the_future_is_refused():
    team = make_team()
    with pytest.raises(ValuesError) as refused:
        _save(team, rgesn_date=TODAY + datetime.timedelta(days=1))
    assert refused.value.message == "La déclaration RGESN ne peut pas être daté dans le futur."


def test_a_stale_version_is_a_conflict_and_changes_nothing():
    team = make_team()
    _save(team, uses_dsfr=True)
    _save(team, version=1, uses_dsfr=True, uses_proconnect=True)
    with pytest.raises(ConflictError) as conflict:
        _save(team, version=1, uses_franceconnect=True)
    assert conflict.value.current.version == 2
    found = Declarations.objects.get()
    assert (found.version, found.uses_proconnect, found.uses_franceconnect) == (2, True, False)


def test_a_first_save_after_someone_elses_first_save_is_a_conflict():
    team = make_team()
    _save(team, uses_dsfr=True)
    with pytest.raises(ConflictError):
        _save(team, version=0, uses_proconnect=True)
    assert Declarations.objects.get().uses_proconnect is False
