import pytest

from magellan.directory.importers.report import InvalidImportError
from magellan.recruitment.importers import import_applications
from magellan.recruitment.models import Application, CallKind, Wish
from tests.factories import ApplicationFactory, CallFactory, ChallengeFactory

pytestmark = pytest.mark.django_db

HEADER = (
    "Référence;Prénom;Nom;E-mail;Téléphone;Genre;Métier;Compétences;Expérience;Motivation;"
    "Vœu 1;Vœu 2;Vœu 3\n"
)


@pytest.fixture
def call():
    call = CallFactory()
    ChallengeFactory(title="Fluidifier les titres de séjour", slug="titres", cohorts=[call.cohort])
    ChallengeFactory(title="Cartographier les friches", slug="friches", cohorts=[call.cohort])
    ChallengeFactory(title="Défi d’une autre promotion", slug="ailleurs")
    return call


def _csv(*lines: str) -> bytes:
    return ("\ufeff" + HEADER + "\n".join(lines) + "\n").encode()


GOOD = (
    "F-001;Inès;Martin;INES@exemple.fr;0600000000;F;Data scientist;Python;5 ans;Servir;"
    "Fluidifier les titres de séjour;friches;"
)
OTHER = "F-002;Paul;Durand;paul@exemple.fr;;homme;Développement;;;;friches;;"


def test_a_dry_run_reports_and_saves_nothing(call):
    report = import_applications(_csv(GOOD, OTHER), call=call, dry_run=True)
    assert report.dry_run is True
    assert report.created("candidatures") == 2
    assert report.created("vœux") == 3
    assert Application.objects.count() == 0


def test_the_import_creates_the_applications_and_their_ranked_wishes(call):
    import_applications(_csv(GOOD, OTHER), call=call)

    ines = Application.objects.get(reference="F-001")
    assert (ines.call, ines.first_name, ines.last_name, ines.email) == (
        call,
        "Inès",
        "Martin",
        "ines@exemple.fr",
    )
    assert (ines.gender, ines.profession, ines.skills) == ("female", "data_science", "Python")
    assert [(w.rank, w.challenge.slug) for w in ines.wishes.order_by("rank")] == [
        (1, "titres"),
        (2, "friches"),
    ]
    assert Application.objects.get(reference="F-002").gender == "male"


def test_a_second_run_updates_what_changed_only(call):
    import_applications(_csv(GOOD, OTHER), call=call)
    changed = OTHER.replace("Développement", "Design")
    report = import_applications(_csv(GOOD, changed), call=call)
    assert (report.updated("candidatures"), report.unchanged("candidatures")) == (1, 1)
    assert Application.objects.get(reference="F-002").profession == "design"
    assert Application.objects.count() == 2


def test_a_broken_row_imports_nothing_and_names_each_problem(call):
    broken = "F-003;Zoé;;pas-une-adresse;;licorne;Astronaute;;;;Défi d’une autre promotion;;"
    with pytest.raises(InvalidImportError) as error:
        import_applications(_csv(GOOD, broken), call=call)
    assert error.value.problems == [
        "ligne 3, colonne last_name : valeur manquante",
        "ligne 3, colonne email : « pas-une-adresse » n’est pas une adresse e-mail",
        "ligne 3, colonne profession : métier « Astronaute » inconnu",
        "ligne 3, colonne gender : genre « licorne » inconnu",
        "ligne 3, colonne wish_1 : aucun défi de la promotion n’a pour titre "
        "« Défi d’une autre promotion »",
    ]
    assert Application.objects.count() == 0
    assert Wish.objects.count() == 0


def test_wishes_must_be_distinct(call):
    twice = "F-004;Léa;Petit;lea@exemple.fr;;;;;;;friches;Cartographier les friches;"
    with pytest.raises(InvalidImportError) as error:
        import_applications(_csv(twice), call=call)
    assert error.value.problems == [
        "ligne 2, colonne wish_2 : ce défi figure déjà dans un vœu précédent"
    ]


def test_a_reference_twice_or_of_another_call_is_refused(call):
    ApplicationFactory(reference="F-009", call=CallFactory(title="Appel EIG 8"))
    again = GOOD.replace("INES@exemple.fr", "autre@exemple.fr")
    taken = OTHER.replace("F-002", "F-009")
    with pytest.raises(InvalidImportError) as error:
        import_applications(_csv(GOOD, again, taken), call=call)
    assert error.value.problems == [
        "ligne 3, colonne reference : F-001 figure déjà à la ligne 2",
        "ligne 4, colonne reference : la référence F-009 est celle d’une candidature de "
        "l’appel « Appel EIG 8 »",
    ]


def test_a_wrong_header_or_an_empty_file_is_refused(call):
    with pytest.raises(InvalidImportError) as error:
        import_applications(b"reference;nom\nF-1;X\n", call=call, display_name="export.csv")
    assert error.value.problems == [
        "export.csv : en-tête incorrect : colonnes manquantes : first_name, email (colonnes "
        "attendues : reference, first_name, last_name, email, phone, gender, profession, skills, "
        "experience, motivation, wish_1, wish_2, wish_3)"
    ]
    with pytest.raises(InvalidImportError) as error:
        import_applications(b"", call=call, display_name="vide.csv")
    assert error.value.problems == ["vide.csv : le fichier est vide."]
    with pytest.raises(InvalidImportError) as error:
        import_applications(b"\xff\xfe", call=call, display_name="x.csv")
    assert error.value.problems[0].startswith("x.csv : ce n’est pas du texte UTF-8")


def test_the_import_goes_only_to_a_call_for_fellows():
    call = CallFactory(kind=CallKind.CHALLENGES)
    with pytest.raises(InvalidImportError) as error:
        import_applications(_csv(GOOD), call=call)
    assert error.value.problems == ["Les candidatures se déposent dans un appel à candidatures."]
