"""download_response: how every stored upload is served (help-desk attachments, guides' files)."""

import pytest
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.db.models.fields.files import FieldFile, FileField
from django.http import Http404

from magellan.core.downloads import attachment_response, download_response


class _Owner:
    """A stand-in model instance: FieldFile only needs a field and a storage."""


def _stored(name: str, content: bytes) -> FieldFile:
    field = FileField()
    field.storage = default_storage
    saved = default_storage.save(name, ContentFile(content))
    return FieldFile(_Owner(), field, saved)


def test_a_file_is_a_download_never_sniffed_and_private_by_default(tmp_path, settings):
    settings.MEDIA_ROOT = tmp_path
    stored = _stored("tests/plan.pdf", b"%PDF-1.4 plan")

    response = download_response(stored, content_type="application/pdf", name="Plan d’expé.pdf")

    assert response.content == b"%PDF-1.4 plan"
    assert response["Content-Type"] == "application/pdf"
    assert response["Content-Disposition"].startswith("attachment;")
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["Cache-Control"] == "private, no-store"


def test_a_public_file_may_be_cached(tmp_path, settings):
    settings.MEDIA_ROOT = tmp_path
    stored = _stored("tests/guide.pdf", b"%PDF-1.4 guide")

    response = download_response(
        stored, content_type="application/pdf", name="guide.pdf", private=False
    )

    assert "Cache-Control" not in response


def test_a_file_missing_from_the_storage_is_a_404(tmp_path, settings):
    settings.MEDIA_ROOT = tmp_path
    stored = _stored("tests/gone.pdf", b"%PDF")
    default_storage.delete(stored.name)

    with pytest.raises(Http404):
        download_response(stored, content_type="application/pdf", name="gone.pdf")


def test_generated_content_is_served_by_the_same_rule():
    response = attachment_response("# Carnet", content_type="text/markdown", name="carnet.md")

    assert response.content == b"# Carnet"
    assert response["Content-Disposition"] == 'attachment; filename="carnet.md"'
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["Cache-Control"] == "private, no-store"
