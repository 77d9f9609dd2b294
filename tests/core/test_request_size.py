"""Request bodies are capped before anything reads them (413 with a French DSFR page)."""

import pytest
from django.conf import settings
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.urls import reverse

from tests.factories import CohortFactory, PersonFactory

pytestmark = pytest.mark.django_db

MiB = 1024 * 1024


class UnreadableBody:
    """A request body that must never be read (reading it fails the test)."""

    def read(self, *args: object) -> bytes:
        raise AssertionError("the body was read")

    readline = read


def _oversized_post(client: Client, url: str, length: int) -> object:
    return client.generic(
        "POST",
        url,
        b"x",
        content_type="multipart/form-data; boundary=BoUnDaRy",
        CONTENT_LENGTH=str(length),
        **{"wsgi.input": UnreadableBody()},
    )


def test_oversized_post_to_the_login_page_is_413_before_its_body_is_read(client: Client) -> None:
    response = _oversized_post(client, reverse("accounts:login"), 100 * MiB)

    html = response.content.decode()
    assert response.status_code == 413
    assert '<html lang="fr"' in html
    assert 'class="fr-header"' in html
    assert "<h1>Envoi trop volumineux</h1>" in html
    assert "Erreur 413" in html
    assert "Ce que vous envoyez dépasse 1 Mo, la taille acceptée ici." in html


def test_request_cap_is_read_at_call_time(client: Client, settings: object) -> None:
    settings.MAGELLAN_REQUEST_MAX_BYTES = 2 * MiB  # type: ignore[attr-defined]

    response = _oversized_post(client, reverse("accounts:login"), 2 * MiB + 1)

    assert response.status_code == 413
    assert "dépasse 2 Mo" in response.content.decode()


def test_post_within_the_cap_is_served(client: Client) -> None:
    response = client.post(reverse("accounts:login"), {"username": "a@example.test"})

    assert response.status_code == 200


def test_oversized_api_request_is_a_json_413(client: Client) -> None:
    response = _oversized_post(client, "/api/people", 100 * MiB)

    assert response.status_code == 413
    assert response.json() == {"detail": "Request body too large: at most 1048576 bytes here."}


def test_import_page_takes_a_body_up_to_its_own_cap(client: Client, settings: object) -> None:
    client.force_login(PersonFactory(coach=True).user)
    url = reverse("directory:people_import")
    limit = settings.MAGELLAN_IMPORT_MAX_BYTES + settings.MAGELLAN_REQUEST_MAX_BYTES  # type: ignore[attr-defined]

    too_big = _oversized_post(client, url, limit + 1)
    elsewhere = _oversized_post(client, reverse("accounts:login"), limit)

    assert too_big.status_code == 413
    assert "dépasse 21 Mo" in too_big.content.decode()
    assert elsewhere.status_code == 413


def test_import_page_serves_a_file_beyond_the_ordinary_cap(
    client: Client, settings: object, tmp_path: object
) -> None:
    settings.MEDIA_ROOT = tmp_path  # type: ignore[attr-defined]
    settings.MAGELLAN_REQUEST_MAX_BYTES = 4096  # type: ignore[attr-defined]
    client.force_login(PersonFactory(coach=True).user)
    cohort = CohortFactory()
    content = b"name;email\n" + b"".join(
        f"Personne {i};p{i}@example.test\n".encode() for i in range(300)
    )
    assert len(content) > 4096
    upload = {"cohort": cohort.slug, "file": SimpleUploadedFile("x.csv", content), "dry_run": "on"}

    refused = client.post(reverse("accounts:login"), {"username": "a" * 5000})
    served = client.post(reverse("directory:people_import"), upload)

    assert refused.status_code == 413
    assert served.status_code == 302


def test_django_caps_form_data_and_in_memory_uploads() -> None:
    assert settings.DATA_UPLOAD_MAX_MEMORY_SIZE == settings.MAGELLAN_REQUEST_MAX_BYTES == MiB
    assert 2 * MiB + MiB // 2 == settings.FILE_UPLOAD_MAX_MEMORY_SIZE
    assert 20 * MiB == settings.MAGELLAN_IMPORT_MAX_BYTES
