"""Hardening: every upload is checked from its content (docs/security.md lists them)."""

import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from magellan.core.uploads import TEXT_SNIFF_BYTES, is_plain_text
from magellan.directory.forms import PeopleImportForm
from tests.factories import CohortFactory

PNG = b"\x89PNG\r\n\x1a\n" + b"\x00" * 64


def _file(content: bytes, name: str = "promo.csv") -> SimpleUploadedFile:
    return SimpleUploadedFile(name, content, content_type="text/csv")


def test_utf8_text_is_plain_text_and_the_file_is_rewound() -> None:
    upload = _file("nom;courriel\nÉlodie;elodie@example.test\n".encode())

    assert is_plain_text(upload) is True
    assert upload.read(3) == b"nom"


def test_a_character_cut_at_the_end_of_the_sample_is_still_text() -> None:
    content = b"a" * (TEXT_SNIFF_BYTES - 1) + "é".encode()

    assert is_plain_text(io.BytesIO(content)) is True


@pytest.mark.parametrize(
    "content",
    [PNG, b"nom;courriel\n\x00\x00", "nom;pr\u00e9nom\n".encode("latin-1")],
    ids=["png", "nul-byte", "latin-1"],
)
def test_binary_or_non_utf8_content_is_not_plain_text(content: bytes) -> None:
    assert is_plain_text(_file(content)) is False


@pytest.mark.django_db
def test_the_people_import_refuses_a_binary_file_named_csv() -> None:
    form = PeopleImportForm({"cohort": CohortFactory().slug}, {"file": _file(PNG)})

    assert form.is_valid() is False
    assert form.errors["file"] == [
        "Le fichier n’est pas un CSV en texte UTF-8 : enregistrez-le au format CSV UTF-8."
    ]


@pytest.mark.django_db
def test_the_people_import_takes_a_utf8_csv() -> None:
    form = PeopleImportForm({"cohort": CohortFactory().slug}, {"file": _file(b"nom;courriel\n")})

    assert form.is_valid() is True


# Every page that takes a file, and the content check its file goes through (docs/security.md).
UPLOAD_VIEWS = {
    "magellan.directory.views.people_import": "core.uploads.is_plain_text",
    "magellan.helpdesk.views.request_create": "helpdesk.filetypes.detect",
    "magellan.helpdesk.views.request_attach": "helpdesk.filetypes.detect",
    "magellan.resources.views.file_add": "helpdesk.filetypes.detect",
    "magellan.recruitment.views.calls.application_create": "helpdesk.filetypes.detect",
    "magellan.recruitment.views.calls.application_import": "core.uploads.is_plain_text",
}


def _views_reading_files() -> set[str]:
    import ast

    from tests.conftest import REPO_ROOT

    found = set()
    for path in sorted((REPO_ROOT / "magellan").glob("**/*.py")):
        source = path.read_text()
        if "request.FILES" not in source:
            continue
        module = ".".join(path.relative_to(REPO_ROOT).with_suffix("").parts)
        for node in ast.walk(ast.parse(source)):
            if isinstance(node, ast.FunctionDef) and "request.FILES" in ast.unparse(node):
                found.add(f"{module}.{node.name}")
    return found


def _views_taking_uploads() -> set[str]:
    from django.urls import URLPattern, URLResolver, get_resolver

    found = set()

    def walk(patterns) -> None:
        for entry in patterns:
            if isinstance(entry, URLResolver):
                walk(entry.url_patterns)
            elif isinstance(entry, URLPattern) and getattr(entry.callback, "upload_setting", None):
                found.add(f"{entry.callback.__module__}.{entry.callback.__name__}")

    walk(get_resolver().url_patterns)
    return found


def test_every_view_that_reads_files_is_listed_with_its_content_check() -> None:
    assert _views_reading_files() == set(UPLOAD_VIEWS)
    assert _views_taking_uploads() == set(UPLOAD_VIEWS)
