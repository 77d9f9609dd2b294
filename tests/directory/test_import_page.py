"""The import page and form: the size cap, said before upload and enforced in French."""

import io

import pytest
from django.core.files.uploadedfile import InMemoryUploadedFile
from django.test import Client
from django.urls import reverse

from magellan.directory.forms import PeopleImportForm
from tests.factories import CohortFactory, PersonFactory

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
