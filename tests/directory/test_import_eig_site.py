import shutil
from collections import Counter
from io import StringIO
from pathlib import Path

import pytest
from django.core.management import CommandError, call_command

from magellan.directory.importers import InvalidImportError, import_eig_site
from magellan.directory.models import (
    Administration,
    AdministrationAlias,
    Challenge,
    ChallengeMembership,
    Cohort,
    CohortRole,
    Person,
    Profession,
    Role,
)
from tests.factories import AdministrationFactory, ChallengeFactory, ThemeFactory

SAMPLE_SITE = Path(__file__).parent / "import_samples" / "site"

pytestmark = pytest.mark.django_db


@pytest.fixture
def site(tmp_path: Path) -> Path:
    """A writable copy of the synthetic sample site."""
    return Path(shutil.copytree(SAMPLE_SITE, tmp_path / "site"))


def _counts() -> dict[str, int]:
    return {
        "challenges": Challenge.objects.count(),
        "people": Person.objects.count(),
        "cohorts": Cohort.objects.count(),
        "administrations": Administration.objects.count(),
        "aliases": AdministrationAlias.objects.count(),
        "roles": CohortRole.objects.count(),
        "memberships": ChallengeMembership.objects.count(),
    }


def test_import_eig_site_sample_challenges() -> None:
    import_eig_site(SAMPLE_SITE)

    challenge = Challenge.objects.get(slug="carte-des-sources")
    assert sorted(Challenge.objects.values_list("slug", flat=True)) == [
        "carte-des-sources",
        "registre-des-ponts",
    ]
    assert challenge.title == "Carte des sources"
    assert challenge.summary == "Cartographier les sources d'eau fictives."
    assert challenge.description == (
        "[Code source](https://github.com/exemple/carte)\n\nUn défi **fictif**."
    )
    assert challenge.town == "Paris"
    assert challenge.is_visible is True
    assert [str(c) for c in challenge.cohorts.all()] == ["Promotion 3 - DIG"]
    assert sorted(challenge.themes.values_list("name", flat=True)) == [
        "Environnement",
        "Numérique public",
    ]
    assert list(challenge.expertises.values_list("name", flat=True)) == ["Data science"]
    assert sorted(challenge.links.values_list("kind", "label", "url")) == [
        ("other", "Vidéo du défi", "https://www.dailymotion.com/video/x000001"),
        ("repository", "Code source", "https://github.com/exemple/carte"),
        ("website", "Fiche beta.gouv.fr", "https://beta.gouv.fr/startups/exemple.html"),
    ]
    assert Challenge.objects.get(slug="registre-des-ponts").is_visible is False


def test_import_eig_site_merges_administration_aliases() -> None:
    import_eig_site(SAMPLE_SITE)

    admin = Administration.objects.get()
    assert (admin.name, admin.acronym, admin.slug) == (
        "Direction interministérielle du numérique",
        "DINUM",
        "direction-interministerielle-du-numerique",
    )
    assert list(admin.aliases.values_list("name", flat=True)) == [
        "Direction interministérielle du numérique (DINUM)"
    ]
    assert set(Challenge.objects.values_list("administration", flat=True)) == {admin.pk}


def test_import_eig_site_reuses_an_administration_found_by_alias() -> None:
    admin = AdministrationFactory(name="DINUM (nom choisi par un coach)", acronym="")
    AdministrationAlias.objects.create(
        administration=admin, name="Direction interministérielle du numérique"
    )

    import_eig_site(SAMPLE_SITE)

    admin.refresh_from_db()
    assert Administration.objects.count() == 1
    assert (admin.name, admin.acronym) == ("DINUM (nom choisi par un coach)", "DINUM")


def test_import_eig_site_sample_cohorts() -> None:
    import_eig_site(SAMPLE_SITE)

    assert sorted(Cohort.objects.values_list("number", "variant", "slug")) == [
        (3, "DIG", "promotion-3-dig"),
        (7, "", "promotion-7"),
    ]


def test_import_eig_site_sample_people() -> None:
    report = import_eig_site(SAMPLE_SITE)

    alice = Person.objects.get(slug="alice-exemple")
    assert (alice.name, alice.job_title, alice.profession, alice.is_public) == (
        "Alice Exemple",
        "Développeuse",
        Profession.DEVELOPMENT,
        True,
    )
    assert alice.linkedin_url == "https://www.linkedin.com/in/alice-exemple"
    assert alice.bio == "Alice est une personne fictive."
    assert list(alice.expertises.values_list("name", flat=True)) == ["Développement"]
    assert sorted(Person.objects.values_list("slug", flat=True)) == [
        "alice-exemple",
        "bruno-modele",
        "chloe-fiction",
    ]
    assert report.unmatched == [
        "personnes/bruno-modele.md : « Défi inconnu » ne correspond à aucun défi"
    ]


def test_import_eig_site_roles_and_memberships() -> None:
    import_eig_site(SAMPLE_SITE)

    assert sorted(CohortRole.objects.values_list("person__slug", "cohort__slug", "role")) == [
        ("alice-exemple", "promotion-3-dig", Role.FELLOW),
        ("bruno-modele", "promotion-3-dig", Role.FELLOW),
        ("bruno-modele", "promotion-7", Role.PROJECT_OWNER),
        ("chloe-fiction", "promotion-7", Role.SPONSOR),
    ]
    assert sorted(
        ChallengeMembership.objects.values_list("person__slug", "challenge__slug", "role")
    ) == [
        ("alice-exemple", "carte-des-sources", Role.FELLOW),
        ("bruno-modele", "carte-des-sources", Role.FELLOW),
        ("bruno-modele", "registre-des-ponts", Role.PROJECT_OWNER),
        ("chloe-fiction", "carte-des-sources", Role.SPONSOR),
        ("chloe-fiction", "registre-des-ponts", Role.SPONSOR),
    ]


def test_import_eig_site_twice_changes_nothing() -> None:
    import_eig_site(SAMPLE_SITE)
    before = _counts()

    report = import_eig_site(SAMPLE_SITE)

    assert _counts() == before
    assert report.has_changes is False
    assert report.unchanged("challenges") == 2
    assert report.unchanged("people") == 3


def test_import_eig_site_updates_what_changed(site: Path) -> None:
    import_eig_site(site)
    page = site / "defis" / "registre-des-ponts.md"
    page.write_text(page.read_text().replace("town: Lyon", "town: Lille"))

    report = import_eig_site(site)

    assert Challenge.objects.get(slug="registre-des-ponts").town == "Lille"
    assert (report.created("challenges"), report.updated("challenges")) == (0, 1)
    assert report.unchanged("challenges") == 1


def test_import_eig_site_keeps_what_coaches_added() -> None:
    import_eig_site(SAMPLE_SITE)
    challenge = Challenge.objects.get(slug="carte-des-sources")
    theme = ThemeFactory(name="Ajouté par un coach")
    challenge.themes.add(theme)
    other = ChallengeFactory()
    Person.objects.filter(slug="alice-exemple").update(is_public=False)

    import_eig_site(SAMPLE_SITE)

    assert theme in challenge.themes.all()
    assert Challenge.objects.filter(pk=other.pk).exists()
    assert Person.objects.get(slug="alice-exemple").is_public is False


def test_import_eig_site_dry_run_writes_nothing() -> None:
    report = import_eig_site(SAMPLE_SITE, dry_run=True)

    assert _counts() == dict.fromkeys(_counts(), 0)
    assert report.created("challenges") == 2
    assert report.lines()[0] == "Simulation terminée : rien n’a été enregistré."


def test_import_eig_site_reports_progress() -> None:
    calls: list[tuple[int, int]] = []

    import_eig_site(SAMPLE_SITE, progress=lambda done, total: calls.append((done, total)))

    assert calls == [(1, 5), (2, 5), (3, 5), (4, 5), (5, 5)]


def test_import_eig_site_malformed_yaml_aborts(site: Path) -> None:
    (site / "defis" / "casse.md").write_text("---\ntitle: Cassé\nthemes: [a, b\n---\nCorps\n")

    with pytest.raises(InvalidImportError) as error:
        import_eig_site(site)

    assert error.value.problems == [
        "defis/casse.md : en-tête YAML invalide à la ligne 3 : "
        "expected ',' or ']', but got '<stream end>'"
    ]
    assert _counts()["challenges"] == 0


def test_import_eig_site_missing_title_aborts(site: Path) -> None:
    (site / "personnes" / "sans-titre.md").write_text(
        "---\njob: Designer\nrole: participant\n---\n"
    )

    with pytest.raises(InvalidImportError) as error:
        import_eig_site(site)

    assert error.value.problems == ["personnes/sans-titre.md : champ « title » manquant"]
    assert _counts() == dict.fromkeys(_counts(), 0)


def test_import_eig_site_lists_every_bad_file(site: Path) -> None:
    (site / "defis" / "sans-entete.md").write_text("Pas d'en-tête\n")
    (site / "defis" / "promo.md").write_text("---\ntitle: X\npromos:\n  - Saison 9\n---\n")
    (site / "personnes" / "role.md").write_text("---\ntitle: Y\nrole: astronaute\n---\n")

    with pytest.raises(InvalidImportError) as error:
        import_eig_site(site)

    assert error.value.problems == [
        "defis/promo.md : promotion « Saison 9 » inconnue (attendu par exemple : "
        "« Promotion 3 - DIG »)",
        "defis/sans-entete.md : pas d’en-tête YAML (le fichier doit commencer par un en-tête "
        "encadré de lignes ---)",
        "personnes/role.md : rôle « astronaute » inconnu (valeurs possibles : participant, "
        "agent-public, agent-ecosysteme, agent-programme, agent-programme-alumni)",
    ]


def test_import_eig_site_command_prints_report() -> None:
    out = StringIO()

    call_command("import_eig_site", str(SAMPLE_SITE), "--dry-run", stdout=out)

    lines = out.getvalue().splitlines()
    assert lines[0] == "Simulation terminée : rien n’a été enregistré."
    assert "  défis                          créés : 2, mis à jour : 0, inchangés : 0" in lines
    assert Challenge.objects.count() == 0


def test_import_eig_site_command_missing_path(tmp_path: Path) -> None:
    with pytest.raises(
        CommandError, match=r"^Rien n’a été importé : .*/absent : dossier introuvable\.$"
    ):
        call_command("import_eig_site", str(tmp_path / "absent"))


def test_import_eig_site_command_malformed_file_one_line(site: Path) -> None:
    (site / "defis" / "vide.md").write_text("---\ntitle: ''\n---\n")

    with pytest.raises(CommandError) as error:
        call_command("import_eig_site", str(site))

    assert str(error.value) == "Rien n’a été importé : defis/vide.md : champ « title » manquant"


# The real site's content (../shared): figures observed on commit b1e6482 of the site.

REAL_FIGURES = {
    "challenges": 131,
    "people": 428,
    "cohorts": 8,
    "administrations": 77,
    "aliases": 50,
    "roles": 425,
    "memberships": 450,
}


@pytest.fixture
def eig_site(shared_dir: Path) -> Path:
    return shared_dir / "data" / "eig-site"


@pytest.mark.shared
def test_import_eig_site_real_content(eig_site: Path) -> None:
    report = import_eig_site(eig_site)

    assert _counts() == REAL_FIGURES
    assert report.unmatched == []
    assert report.created("challenge links") == 147
    assert sorted(Cohort.objects.values_list("slug", flat=True)) == [
        "promotion-1",
        "promotion-2",
        "promotion-3",
        "promotion-3-dig",
        "promotion-4",
        "promotion-5",
        "promotion-6",
        "promotion-7",
    ]
    assert Counter(Person.objects.values_list("profession", flat=True)) == {
        Profession.PUBLIC_MANAGEMENT: 185,
        Profession.DEVELOPMENT: 72,
        Profession.DESIGN: 58,
        Profession.DATA_SCIENCE: 54,
        Profession.PRODUCT: 26,
        Profession.COACHING: 15,
        Profession.DATA_ENGINEERING: 12,
        Profession.DIGITAL_LAW: 4,
        Profession.OTHER: 2,
    }
    assert Counter(CohortRole.objects.values_list("role", flat=True)) == {
        Role.FELLOW: 226,
        Role.PROJECT_OWNER: 166,
        Role.SPONSOR: 23,
        Role.ALUMNI: 9,
        Role.MENTOR: 1,
    }
    assert Person.objects.filter(is_public=True).count() == 428
    assert Challenge.objects.filter(is_visible=True).count() == 131
    dinum = Administration.objects.get(acronym="DINUM")
    assert dinum.name == "Direction interministérielle du numérique"
    assert dinum.challenges.count() == 10


@pytest.mark.shared
def test_import_eig_site_real_content_twice_changes_nothing(eig_site: Path) -> None:
    import_eig_site(eig_site)

    report = import_eig_site(eig_site)

    assert _counts() == REAL_FIGURES
    assert report.has_changes is False
    assert report.unchanged("challenges") == 131
    assert report.unchanged("people") == 428


@pytest.mark.shared
def test_import_eig_site_real_content_dry_run_writes_nothing(eig_site: Path) -> None:
    report = import_eig_site(eig_site, dry_run=True)

    assert _counts() == dict.fromkeys(REAL_FIGURES, 0)
    assert report.created("challenges") == 131
    assert report.created("people") == 428
