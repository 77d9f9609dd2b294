"""The coaches' import page: upload, background job with progress, report; all or nothing."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client, TestCase
from django.urls import reverse

from magellan.core.models import Job, JobStatus
from magellan.directory.models import Person
from tests.factories import CohortFactory, PersonFactory

pytestmark = pytest.mark.django_db

GOOD = "name;email;profession\nAda Lovelace;ada@example.test;Développeuse\nAlan Turing;alan@example.test;Data scientist\n"
BAD = "name;email;profession\nAda Lovelace;not-an-email;Développeuse\n"


@pytest.fixture
def coach_client(client: Client, settings: object, tmp_path: object) -> Client:
    settings.MEDIA_ROOT = tmp_path  # type: ignore[attr-defined]
    client.force_login(PersonFactory(coach=True).user)
    return client


def _post(
    client: Client, content: str, *, cohort: str, dry_run: bool = False, name: str = "promo.csv"
) -> object:
    data = {"cohort": cohort, "file": SimpleUploadedFile(name, content.encode(), "text/csv")}
    if dry_run:
        data["dry_run"] = "on"
    with TestCase.captureOnCommitCallbacks(execute=True):  # the import is enqueued on commit
        return client.post(reverse("directory:people_import"), data)


def test_import_creates_people_and_shows_the_report(coach_client: Client) -> None:
    cohort = CohortFactory()

    response = _post(coach_client, GOOD, cohort=cohort.slug)

    job = Job.objects.get(kind="directory.import_people")
    assert response.url == job.get_absolute_url()
    assert job.status == JobStatus.SUCCEEDED
    assert sorted(
        Person.objects.filter(cohort_roles__cohort=cohort).values_list("name", flat=True)
    ) == [
        "Ada Lovelace",
        "Alan Turing",
    ]
    report = coach_client.get(job.result["url"])
    rows = {
        row["kind"]: (row["created"], row["updated"], row["unchanged"])
        for row in report.context["counts"]
    }
    assert rows["personnes"] == (2, 0, 0)


def test_import_dry_run_writes_nothing(coach_client: Client) -> None:
    cohort = CohortFactory()
    before = Person.objects.count()

    _post(coach_client, GOOD, cohort=cohort.slug, dry_run=True)

    job = Job.objects.get(kind="directory.import_people")
    assert job.result["dry_run"] is True
    assert Person.objects.count() == before


def test_import_with_a_bad_row_imports_nothing_and_names_the_problem(
    coach_client: Client, tmp_path: object
) -> None:
    cohort = CohortFactory()
    before = Person.objects.count()

    _post(coach_client, BAD, cohort=cohort.slug)

    job = Job.objects.get(kind="directory.import_people")
    assert job.status == JobStatus.FAILED
    assert job.error == (
        "Rien n’a été importé :\nligne 2, colonne email : « not-an-email » n’est pas une adresse "
        "e-mail"
    )
    assert Person.objects.count() == before
    assert list(tmp_path.glob("imports/*.csv")) == []  # type: ignore[attr-defined]
    status_page = coach_client.get(job.get_absolute_url()).content.decode()
    assert "not-an-email" in status_page


def test_import_form_refuses_a_non_csv_file_and_keeps_nothing(coach_client: Client) -> None:
    cohort = CohortFactory()

    response = _post(coach_client, GOOD, cohort=cohort.slug, name="promo.xlsx")

    assert response.status_code == 200
    assert response.context["form"].errors["file"] == [
        "Le fichier doit être au format CSV (extension .csv)."
    ]
    assert Job.objects.count() == 0


def test_import_page_is_for_coaches_only(client: Client) -> None:
    client.force_login(PersonFactory(fellow=True).user)

    assert client.get(reverse("directory:people_import")).status_code == 403


def test_import_errors_name_the_uploaded_file(coach_client: Client) -> None:
    cohort = CohortFactory()

    _post(coach_client, "name;email\n", cohort=cohort.slug, name="Promo 9.csv")

    job = Job.objects.get(kind="directory.import_people")
    assert job.status == JobStatus.FAILED
    assert job.error == (
        "Rien n’a été importé :\nPromo 9.csv : aucune ligne de données sous l’en-tête."
    )


def test_import_that_crashes_ends_its_job_failed(
    coach_client: Client, monkeypatch: pytest.MonkeyPatch
) -> None:
    from magellan.directory import tasks

    def crash(*args: object, **kwargs: object) -> None:
        raise RuntimeError("disk on fire")

    monkeypatch.setattr(tasks, "import_people", crash)
    cohort = CohortFactory()

    _post(coach_client, GOOD, cohort=cohort.slug)

    job = Job.objects.get(kind="directory.import_people")
    assert job.status == JobStatus.FAILED
    assert job.error.startswith("Une erreur inattendue est survenue")
