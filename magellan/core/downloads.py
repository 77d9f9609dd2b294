"""How a file is handed to the browser (a help request's attachment, a guide's file, a fellow's
logbook export): one rule for all."""

from django.db.models.fields.files import FieldFile
from django.http import Http404, HttpResponse
from django.utils.http import content_disposition_header


def attachment_response(
    content: bytes | str, *, content_type: str, name: str, private: bool = True
) -> HttpResponse:
    """`content` as a download named `name` (never shown inline), never sniffed by the browser,
    kept out of shared caches when `private`. The caller checks who may have it."""
    response = HttpResponse(content, content_type=content_type)
    response["Content-Disposition"] = content_disposition_header(True, name)
    response["X-Content-Type-Options"] = "nosniff"
    if private:
        response["Cache-Control"] = "private, no-store"
    return response


def download_response(
    file: FieldFile, *, content_type: str, name: str, private: bool = True
) -> HttpResponse:
    """A stored upload as `attachment_response`. Read whole (uploads are 10 Mo at most) so that
    the file is closed at once; a file missing from the storage is a 404."""
    try:
        with file.open("rb") as handle:
            content = handle.read()
    except FileNotFoundError as error:
        raise Http404 from error
    return attachment_response(content, content_type=content_type, name=name, private=private)
