"""The import page: its size cap, the values it takes, its way back, its job enqueued on commit."""

import io

import pytest
from django.core.files.uploadedfile import InMemoryUploadedFile, SimpleUploadedFile
from django.test import Client
from django.urls import reverse

from magellan.core.models import Job, JobStatus
from magellan.directory.forms import PeopleImportForm
from magellan.directory.importers.people_csv import accepted_values
from magellan.directory.models import Profession, Role
from magellan.directory.tasks import start_people_import
from tests.factories import CohortFactory, JobFactory, PersonFactory

pytestmark = pytest.mark.django_db

MiB = 1024 * 1024


def _upload(size: int, name: str = "promo.csv") -> InMemoryUploadedFile:
    """An upload that says it weighs `size` bytes (as Django reports a received file)."""
    return InMemoryUploadedFile(io.BytesIO(b"name;email\n"), "file", name, "text/csv", size, None)


def _form(size: int) -> PeopleImportForm:
    cohort = CohortFactory()
    return PeopleImportForm({"cohort": cohort.slug}, {"file": _upload(size)})


def test_import_form_refuses_a_file_over_20_mb_in_french() -> None:
    form = _form(20 * MiB + 1)

    assert form.is_valid() is False
    assert form.errors["file"] == ["Le fichier dépasse 20 Mo."]


def test_import_form_takes_a_file_of_exactly_20_mb() -> None:
    form = _form(20 * MiB)

    assert form.is_valid() is True


def test_import_form_reads_its_cap_at_call_time(settings: object) -> None:
    settings.MAGELLAN_IMPORT_MAX_BYTES = 3 * MiB  # type: ignore[attr-defined]

    refused, taken = _form(3 * MiB + 1), _form(3 * MiB)

    assert refused.is_valid() is False
    assert refused.errors["file"] == ["Le fichier dépasse 3 Mo."]
    assert taken.is_valid() is True


def test_import_form_says_a_cap_that_is_not_whole_megabytes(settings: object) -> None:
    settings.MAGELLAN_IMPORT_MAX_BYTES = 1536 * 1024  # type: ignore[attr-defined]

    form = _form(2 * MiB)

    assert form.errors["file"] == ["Le fichier dépasse 1,5 Mo."]


def test_import_page_says_the_cap_before_upload(client: Client, settings: object) -> None:
    client.force_login(PersonFactory(coach=True).user)
    settings.MAGELLAN_IMPORT_MAX_BYTES = 5 * MiB  # type: ignore[attr-defined]

    html = client.get(reverse("directory:people_import")).content.decode()

    assert "5 Mo au plus" in html


# Accepted values: the page lists what the importer takes, from the importer's own rule.

GOOD = "name;email\nAda Lovelace;ada@example.test\n"


@pytest.fixture
def coach_client(client: Client, settings: object, tmp_path: object) -> Client:
    settings.MEDIA_ROOT = tmp_path  # type: ignore[attr-defined]
    client.force_login(PersonFactory(coach=True).user)
    return client


def test_import_page_lists_every_accepted_role_and_profession(coach_client: Client) -> None:
    response = coach_client.get(reverse("directory:people_import"))

    html = response.content.decode()
    assert [label for label, _ in accepted_values()["role"]] == [str(r.label) for r in Role]
    assert [label for label, _ in accepted_values()["profession"]] == [
        str(p.label) for p in Profession
    ]
    for column in ("role", "profession"):
        for label, code in accepted_values()[column]:
            assert f"<li>{label} (<code>{code}</code>)</li>" in html
    assert "Une case role vide vaut « EIG »" in html
    assert "(« Autre » pour une nouvelle personne)" in html


def test_every_listed_value_imports(
    coach_client: Client, django_capture_on_commit_callbacks
) -> None:  # type: ignore[no-untyped-def]
    cohort = CohortFactory()
    lines = ["name;email;role;profession"]
    for column in ("role", "profession"):
        for label, code in accepted_values()[column]:
            for value in (label, code):
                cells = {"role": "", "profession": "", column: value}
                lines.append(
                    f"{value};{len(lines)}@example.test;{cells['role']};{cells['profession']}"
                )

    with django_capture_on_commit_callbacks(execute=True):
        _post_csv(coach_client, "\n".join(lines) + "\n", cohort=cohort.slug)

    job = Job.objects.get(kind="directory.import_people")
    assert job.error == ""
    assert job.result["counts"]["people"] == [len(lines) - 1, 0, 0]


def _post_csv(client: Client, content: str, *, cohort: str) -> object:
    upload = SimpleUploadedFile("promo.csv", content.encode(), "text/csv")
    return client.post(reverse("directory:people_import"), {"cohort": cohort, "file": upload})


# Every page an import ends on leads back to the form.


def test_job_page_of_a_failed_import_links_back_to_the_form(
    coach_client: Client,
    django_capture_on_commit_callbacks,  # type: ignore[no-untyped-def]
) -> None:
    cohort = CohortFactory()

    with django_capture_on_commit_callbacks(execute=True):
        response = _post_csv(coach_client, "name;email\nAda;not-an-email\n", cohort=cohort.slug)

    job = Job.objects.get(kind="directory.import_people")
    html = coach_client.get(response.url).content.decode()  # type: ignore[attr-defined]
    assert job.status == JobStatus.FAILED
    assert job.back_url == reverse("directory:people_import")
    assert back_link() in html


def test_job_page_and_result_page_of_a_finished_import_link_back_to_the_form(
    coach_client: Client,
    django_capture_on_commit_callbacks,  # type: ignore[no-untyped-def]
) -> None:
    cohort = CohortFactory()

    with django_capture_on_commit_callbacks(execute=True):
        response = _post_csv(coach_client, GOOD, cohort=cohort.slug)

    job = Job.objects.get(kind="directory.import_people")
    status_page = coach_client.get(response.url).content.decode()  # type: ignore[attr-defined]
    result_page = coach_client.get(job.result["url"]).content.decode()
    assert job.status == JobStatus.SUCCEEDED
    assert back_link() in status_page
    assert (
        f'<a class="fr-link" href="{reverse("directory:people_import")}">'
        "Importer un autre fichier</a>" in result_page
    )


def test_job_page_without_a_way_back_shows_no_link(client: Client) -> None:
    job = JobFactory(failed=True)
    client.force_login(job.created_by)

    html = client.get(job.get_absolute_url()).content.decode()

    assert 'class="fr-link fr-icon-arrow-left-line' not in html


def back_link() -> str:
    return (
        '<a class="fr-link fr-icon-arrow-left-line fr-link--icon-left" '
        f'href="{reverse("directory:people_import")}">Revenir au formulaire d’import</a>'
    )


# The job is enqueued once its row is committed: a worker never looks for a job not yet there.


def test_start_people_import_enqueues_only_on_commit(
    settings: object,
    tmp_path: object,
    django_capture_on_commit_callbacks,  # type: ignore[no-untyped-def]
) -> None:
    settings.MEDIA_ROOT = tmp_path  # type: ignore[attr-defined]
    cohort = CohortFactory()
    coach = PersonFactory(coach=True).user
    upload = SimpleUploadedFile("promo.csv", GOOD.encode(), "text/csv")

    with django_capture_on_commit_callbacks() as callbacks:
        job = start_people_import(user=coach, cohort=cohort, upload=upload, dry_run=False)
        job.refresh_from_db()
        assert job.status == JobStatus.PENDING
    assert len(callbacks) == 1

    callbacks[0]()

    job.refresh_from_db()
    assert job.status == JobStatus.SUCCEEDED
    assert job.label == f"Import de personnes : {cohort}"
