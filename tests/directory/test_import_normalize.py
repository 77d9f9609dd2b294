import pytest

from magellan.directory.importers.normalize import (
    AdministrationName,
    CohortKey,
    TitleIndex,
    clean_text,
    normalize_profession,
    parse_administration,
    parse_bool,
    parse_cohort_label,
    unique_slug,
)
from magellan.directory.importers.people_csv import parse_gender, parse_role
from magellan.directory.models import Gender, Profession, Role


@pytest.mark.parametrize(
    ("label", "expected"),
    [
        ("Data Scientist", Profession.DATA_SCIENCE),
        ("data scientist ", Profession.DATA_SCIENCE),
        ("Data Scientist (Etalab)", Profession.DATA_SCIENCE),
        ("Data engineer", Profession.DATA_ENGINEERING),
        ("Développeur", Profession.DEVELOPMENT),
        ("Développeuse", Profession.DEVELOPMENT),
        ("DÉVELOPPEUSE principale", Profession.DEVELOPMENT),
        ("Directrice technique", Profession.DEVELOPMENT),
        ("Designer", Profession.DESIGN),
        ("Directeur de produit", Profession.PRODUCT),
        ("Directrice de l'impact", Profession.PRODUCT),
        ("Juriste du numérique", Profession.DIGITAL_LAW),
        ("Porteur de projet", Profession.PUBLIC_MANAGEMENT),
        ("Porteuse de projet", Profession.PUBLIC_MANAGEMENT),
        ("Porteuse", Profession.PUBLIC_MANAGEMENT),
        ("Sponsor", Profession.PUBLIC_MANAGEMENT),
        ("Coach Développeuse", Profession.COACHING),
        ("Accompagnement", Profession.COACHING),
        ("data_science", Profession.DATA_SCIENCE),
        ("Droit du numérique", Profession.DIGITAL_LAW),
        ("Management public", Profession.PUBLIC_MANAGEMENT),
        ("autre", Profession.OTHER),
        ("Astronaute", None),
        ("", None),
    ],
)
def test_normalize_profession_any_case_or_gender(label: str, expected: Profession | None) -> None:
    assert normalize_profession(label) == expected


@pytest.mark.parametrize(
    ("label", "expected"),
    [
        ("Promotion 3 - DIG", CohortKey(3, "DIG")),
        ("promotion 3 - dig", CohortKey(3, "DIG")),
        ("Promotion 7", CohortKey(7)),
        (" Promo 4 ", CohortKey(4)),
        ("EIG 2", CohortKey(2)),
        ("promotion-3-dig", CohortKey(3, "DIG")),
        ("5", CohortKey(5)),
        ("Promotion", None),
        ("Saison 3", None),
    ],
)
def test_parse_cohort_label_number_and_variant(label: str, expected: CohortKey | None) -> None:
    assert parse_cohort_label(label) == expected


@pytest.mark.parametrize(
    ("key", "slug"), [(CohortKey(3, "DIG"), "promotion-3-dig"), (CohortKey(7), "promotion-7")]
)
def test_cohort_key_slug(key: CohortKey, slug: str) -> None:
    assert key.slug == slug


@pytest.mark.parametrize(
    ("label", "expected"),
    [
        (
            "Direction interministérielle du numérique (DINUM),",
            AdministrationName("Direction interministérielle du numérique", "DINUM"),
        ),
        (
            " Direction interministérielle du numérique ",
            AdministrationName("Direction interministérielle du numérique"),
        ),
        (
            "Ministère de l’Intérieur, Direction générale de la gendarmerie nationale (DGGN)",
            AdministrationName("Direction générale de la gendarmerie nationale", "DGGN"),
        ),
        (
            "Service hydrographique de la marine (Shom), Ministère des Armées",
            AdministrationName("Service hydrographique de la marine", "Shom"),
        ),
        (
            "Institut géographique - Ministère de la Transition écologique",
            AdministrationName("Institut géographique"),
        ),
        (
            "Ministère de la santé, Direction de la recherche, des études et des statistiques",
            AdministrationName("Direction de la recherche, des études et des statistiques"),
        ),
        (
            "Administration de rattachement :Ministère de la Culture",
            AdministrationName("Ministère de la Culture"),
        ),
        (
            "Agence A (AA) + Caisse B (CB)",
            AdministrationName("Agence A (AA) + Caisse B (CB)"),
        ),
        ("Programme X - Programme Y", AdministrationName("Programme X - Programme Y")),
        ("  ", None),
    ],
)
def test_parse_administration_drops_ministry_and_reads_acronym(
    label: str, expected: AdministrationName | None
) -> None:
    assert parse_administration(label) == expected


def test_administration_name_keys_are_normalised() -> None:
    assert AdministrationName("Direction du numérique", "DiNum").keys == (
        "direction du numerique",
        "dinum",
    )


@pytest.mark.parametrize(
    ("value", "expected"),
    [("oui", True), ("Yes", True), ("1", True), ("non", False), ("NO", False), ("", False)],
)
def test_parse_bool_yes_no(value: str, expected: bool) -> None:
    assert parse_bool(value) is expected


def test_parse_bool_unknown_is_none() -> None:
    assert parse_bool("peut-être") is None


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("", None),
        ("fellow", Role.FELLOW),
        ("EIG", Role.FELLOW),
        ("Porteuse de projet", Role.PROJECT_OWNER),
        ("project_owner", Role.PROJECT_OWNER),
        ("Marraine", Role.MENTOR),
        ("sponsor", Role.SPONSOR),
        ("capitaine", None),
    ],
)
def test_parse_role_labels_and_codes(value: str, expected: Role | None) -> None:
    assert parse_role(value) == expected


@pytest.mark.parametrize(
    ("value", "expected"),
    [("F", Gender.FEMALE), ("homme", Gender.MALE), ("Non binaire", Gender.NON_BINARY), ("?", None)],
)
def test_parse_gender_labels(value: str, expected: Gender | None) -> None:
    assert parse_gender(value) == expected


TITLES = {
    "carte-des-sources": "Carte des sources",
    "registre-des-ponts": "Registre des ponts",
    "e-pshad": "ePSHAD",
    "outil-a": "Outil A1",
    "outil-b": "Outil B1",
}


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("Carte des sources", "carte-des-sources"),
        ("CARTE DES SOURCES ", "carte-des-sources"),
        ("Carte des source", "carte-des-sources"),
        ("e-PSHAD", "e-pshad"),
        ("Registre", None),
        ("Outil C1", None),
        ("", None),
    ],
)
def test_title_index_match_exact_slug_then_fuzzy(query: str, expected: str | None) -> None:
    assert TitleIndex(TITLES).match(query) == expected


def test_title_index_match_all_splits_two_titles() -> None:
    assert TitleIndex(TITLES).match_all("Carte des sources, Registre des pont") == [
        "carte-des-sources",
        "registre-des-ponts",
    ]


def test_title_index_match_all_needs_every_part() -> None:
    assert TitleIndex(TITLES).match_all("Carte des sources, Inconnu") == []


def test_unique_slug_adds_a_number() -> None:
    taken = {"alice", "alice-2"}

    assert unique_slug("Alice", taken) == "alice-3"
    assert taken == {"alice", "alice-2", "alice-3"}


def test_clean_text_collapses_spaces() -> None:
    assert clean_text("  Data\tscientist \n") == "Data scientist"
    assert clean_text(None) == ""
