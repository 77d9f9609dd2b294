from io import StringIO
from pathlib import Path

import pytest
from django.core.management import CommandError, call_command
from django.db import connection

from magellan.directory.importers import InvalidImportError, import_people, people_csv
from magellan.directory.models import (
    ChallengeMembership,
    CohortRole,
    Gender,
    Person,
    Profession,
    Role,
)
from tests.factories import ChallengeFactory, CohortFactory, PersonFactory

SAMPLES = Path(__file__).parent / "import_samples" / "csv"

pytestmark = pytest.mark.django_db


@pytest.fixture
def cohort() -> object:
    return CohortFactory(number=8, slug="promotion-8")


@pytest.fixture
def challenges() -> None:
    ChallengeFactory(title="Carte des sources", slug="carte-des-sources")
    ChallengeFactory(title="Registre des ponts", slug="registre-des-ponts")


def test_import_people_semicolons_and_bom(cohort: object, challenges: None) -> None:
    report = import_people(SAMPLES / "semicolons_bom.csv", cohort_slug="promotion-8")

    zoe = Person.objects.get(email="zoe@example.org")
    yann = Person.objects.get(email="yann@example.org")
    assert (zoe.name, zoe.profession, zoe.job_title, zoe.gender, zoe.is_public) == (
        "Zoé Essai",
        Profession.DEVELOPMENT,
        "Développeuse back-end",
        Gender.FEMALE,
        True,
    )
    assert (yann.profession, yann.job_title, yann.gender, yann.is_public) == (
        Profession.DATA_SCIENCE,
        "",
        "",
        False,
    )
    assert sorted(CohortRole.objects.values_list("person__email", "cohort__slug", "role")) == [
        ("yann@example.org", "promotion-8", Role.PROJECT_OWNER),
        ("zoe@example.org", "promotion-8", Role.FELLOW),
    ]
    assert sorted(
        ChallengeMembership.objects.values_list("person__email", "challenge__slug", "role")
    ) == [
        ("yann@example.org", "registre-des-ponts", Role.PROJECT_OWNER),
        ("zoe@example.org", "carte-des-sources", Role.FELLOW),
    ]
    assert report.created("people") == 2


def test_import_people_commas_and_quotes(cohort: object) -> None:
    import_people(SAMPLES / "commas.csv", cohort_slug="promotion-8")

    xavier = Person.objects.get()
    assert (xavier.name, xavier.profession, xavier.job_title, xavier.slug) == (
        "Xavier Essai",
        Profession.DESIGN,
        "Designer, UX",
        "xavier-essai",
    )


def test_import_people_twice_is_idempotent_by_email(cohort: object, challenges: None) -> None:
    import_people(SAMPLES / "semicolons_bom.csv", cohort_slug="promotion-8")

    report = import_people(SAMPLES / "semicolons_bom.csv", cohort_slug="promotion-8")

    assert Person.objects.count() == 2
    assert CohortRole.objects.count() == 2
    assert ChallengeMembership.objects.count() == 2
    assert report.has_changes is False
    assert report.unchanged("people") == 2


def test_import_people_updates_a_known_person_keeping_empty_fields(cohort: object) -> None:
    person = PersonFactory(
        email="xavier@example.org", name="X. Essai", gender=Gender.MALE, slug="x-essai"
    )

    report = import_people(SAMPLES / "commas.csv", cohort_slug="promotion-8")

    person.refresh_from_db()
    assert (person.name, person.gender, person.slug, person.is_public) == (
        "Xavier Essai",
        Gender.MALE,
        "x-essai",
        True,
    )
    assert report.updated("people") == 1


def test_import_people_dry_run_writes_nothing(cohort: object, challenges: None) -> None:
    report = import_people(SAMPLES / "semicolons_bom.csv", cohort_slug="promotion-8", dry_run=True)

    assert Person.objects.count() == 0
    assert report.created("people") == 2


def test_import_people_reports_progress_outside_its_transaction(
    cohort: object, challenges: None, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(people_csv, "PROGRESS_EVERY", 1)
    outer = len(connection.savepoint_ids)
    calls: list[tuple[int, int, int]] = []

    import_people(
        SAMPLES / "semicolons_bom.csv",
        cohort_slug="promotion-8",
        progress=lambda done, total: calls.append(
            (done, total, len(connection.savepoint_ids) - outer)
        ),
    )

    # Each row is reported while reading, then the end; never from inside the import's transaction.
    assert calls == [(1, 2, 0), (2, 2, 0), (2, 2, 0)]


def test_import_people_refuses_a_name_longer_than_the_field(cohort: object, tmp_path: Path) -> None:
    path = tmp_path / "long.csv"
    path.write_text("name;email\n" + "A" * 10_000 + ";long@example.org\n", encoding="utf-8")

    with pytest.raises(InvalidImportError) as raised:
        import_people(path, cohort_slug="promotion-8", display_name="promo.csv")

    assert raised.value.problems == ["ligne 2, colonne name : 10000 caractères, 200 au plus"]
    assert Person.objects.count() == 0


def test_import_people_errors_name_the_users_file_not_the_stored_one(
    cohort: object, tmp_path: Path
) -> None:
    path = tmp_path / "0f3a9c.csv"
    path.write_text("", encoding="utf-8")

    with pytest.raises(InvalidImportError) as raised:
        import_people(path, cohort_slug="promotion-8", display_name="Promo 9.csv")

    assert raised.value.problems == ["Promo 9.csv : le fichier est vide."]


def test_import_people_refuses_a_nul_byte(cohort: object, tmp_path: Path) -> None:
    path = tmp_path / "nul.csv"
    path.write_bytes(b"name;email\nAda\x00;ada@example.org\n")

    with pytest.raises(InvalidImportError) as raised:
        import_people(path, cohort_slug="promotion-8", display_name="nul.csv")

    assert raised.value.problems == [
        "nul.csv, ligne 2 : caractère nul (octet 0) ; ce n’est pas un fichier CSV texte."
    ]


def test_import_people_refuses_a_cell_over_the_csv_field_limit(
    cohort: object, tmp_path: Path
) -> None:
    path = tmp_path / "huge.csv"
    path.write_text('name;email\n"' + "A" * 140_000 + '";a@example.org\n', encoding="utf-8")

    with pytest.raises(InvalidImportError) as raised:
        import_people(path, cohort_slug="promotion-8", display_name="huge.csv")

    assert raised.value.problems[0].startswith("huge.csv : le fichier CSV est illisible (")
    assert Person.objects.count() == 0


def test_import_people_many_rows_in_bulk(
    cohort: object, tmp_path: Path, django_assert_max_num_queries: object
) -> None:
    path = tmp_path / "many.csv"
    lines = [f"Personne {i};p{i}@example.org" for i in range(2500)]
    path.write_text("name;email\n" + "\n".join(lines) + "\n", encoding="utf-8")

    # ~7,500 one by one; the audit history doubles the bulk INSERTs (SQLite batches them small).
    with django_assert_max_num_queries(200):  # type: ignore[operator]
        report = import_people(path, cohort_slug="promotion-8")

    assert report.created("people") == 2500
    assert CohortRole.objects.filter(cohort__slug="promotion-8").count() == 2500


def test_import_people_bad_rows_reported_and_nothing_imported(cohort: object) -> None:
    with pytest.raises(InvalidImportError) as error:
        import_people(SAMPLES / "bad_rows.csv", cohort_slug="promotion-8")

    assert error.value.problems == [
        "ligne 3, colonne name : valeur manquante",
        "ligne 4, colonne email : « not-an-email » n’est pas une adresse e-mail",
        "ligne 5, colonne email : valid@example.org figure déjà à la ligne 2",
        "ligne 5, colonne profession : métier « astronaut » inconnu",
        "ligne 5, colonne role : rôle « captain » inconnu",
        "ligne 5, colonne challenge : aucun défi n’a pour titre « Unknown challenge »",
        "ligne 5, colonne public : « maybe » n’est ni oui ni non",
    ]
    assert Person.objects.count() == 0


def test_import_people_wrong_header(cohort: object) -> None:
    with pytest.raises(InvalidImportError) as error:
        import_people(SAMPLES / "wrong_header.csv", cohort_slug="promotion-8")

    assert error.value.problems == [
        "wrong_header.csv : en-tête incorrect : colonnes inconnues : full_name, mail_address ; "
        "colonnes manquantes : name, email (colonnes attendues : name, email, profession, "
        "job_title, role, challenge, gender, public)"
    ]


def test_import_people_empty_file(cohort: object) -> None:
    with pytest.raises(InvalidImportError) as error:
        import_people(SAMPLES / "empty.csv", cohort_slug="promotion-8")

    assert error.value.problems == ["empty.csv : le fichier est vide."]


def test_import_people_header_only(cohort: object, tmp_path: Path) -> None:
    path = tmp_path / "header.csv"
    path.write_text("name,email\n")

    with pytest.raises(InvalidImportError) as error:
        import_people(path, cohort_slug="promotion-8")

    assert error.value.problems == ["header.csv : aucune ligne de données sous l’en-tête."]


def test_import_people_not_utf8(cohort: object, tmp_path: Path) -> None:
    path = tmp_path / "latin1.csv"
    path.write_bytes("name,email\nZoé,zoe@example.org\n".encode("latin-1"))

    with pytest.raises(InvalidImportError) as error:
        import_people(path, cohort_slug="promotion-8")

    assert error.value.problems == [
        "latin1.csv : ce n’est pas du texte UTF-8 (octet 13) ; enregistrez-le au format CSV UTF-8."
    ]


def test_import_people_unknown_cohort(cohort: object) -> None:
    with pytest.raises(InvalidImportError) as error:
        import_people(SAMPLES / "commas.csv", cohort_slug="promotion-99")

    assert error.value.problems == [
        "promotion « promotion-99 » inconnue (promotions connues : promotion-8)"
    ]


def test_import_people_command_prints_report(cohort: object) -> None:
    out = StringIO()

    call_command(
        "import_people", str(SAMPLES / "commas.csv"), "--cohort", "promotion-8", stdout=out
    )

    assert out.getvalue().splitlines() == [
        "Import terminé.",
        "  personnes                créés : 1, mis à jour : 0, inchangés : 0",
        "  rôles dans la promotion  créés : 1, mis à jour : 0, inchangés : 0",
    ]


def test_import_people_command_unknown_cohort_one_line() -> None:
    with pytest.raises(CommandError) as error:
        call_command("import_people", str(SAMPLES / "commas.csv"), "--cohort", "nope")

    assert str(error.value) == (
        "Rien n’a été importé : promotion « nope » inconnue (promotions connues : aucune)"
    )


def test_import_people_command_missing_file(cohort: object, tmp_path: Path) -> None:
    with pytest.raises(
        CommandError, match=r"^Rien n’a été importé : .*/absent\.csv : fichier introuvable\.$"
    ):
        call_command("import_people", str(tmp_path / "absent.csv"), "--cohort", "promotion-8")


def test_import_people_command_lists_bad_rows(cohort: object) -> None:
    err = StringIO()

    with pytest.raises(CommandError) as error:
        call_command(
            "import_people", str(SAMPLES / "bad_rows.csv"), "--cohort", "promotion-8", stderr=err
        )

    assert str(error.value) == "Rien n’a été importé : 7 problèmes (listés ci-dessus)."
    assert err.getvalue().splitlines()[0] == "  - ligne 3, colonne name : valeur manquante"


def test_import_people_refuses_a_challenge_for_a_role_outside_teams(
    cohort: object, challenges: None, tmp_path: Path
) -> None:
    path = tmp_path / "coach.csv"
    path.write_text(
        "name;email;role;challenge\nCléo Coach;cleo@example.org;coach;Carte des sources\n",
        encoding="utf-8",
    )

    with pytest.raises(InvalidImportError) as raised:
        import_people(path, cohort_slug="promotion-8")

    assert raised.value.problems == [
        "ligne 2, colonne challenge : L’équipe d’un défi réunit des EIG, des porteur·euses de "
        "projet et des mentor·es de défi (sponsors)."
    ]
    assert ChallengeMembership.objects.count() == 0
