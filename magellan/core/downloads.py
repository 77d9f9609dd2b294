"""How a stored upload (a help request's attachment, a guide's file) is served: one rule for all."""

from django.db.models.fields.files import FieldFile
from django.http import Http404, HttpResponse
from django.utils.http import content_disposition_header


def download_response(
    file: FieldFile, *, content_type: str, name: str, private: bool = True
) -> HttpResponse:
    """The file as a download (never shown inline), never sniffed by the browser, kept out of
    shared caches when `private`. Read whole (uploads are 10 Mo at most) so that the file is
    closed at once; a file missing from the storage is a 404. The caller checks who may have it."""
    try:
        with file.open("rb") as handle:
            content = handle.read()
    except FileNotFoundError as error:
        raise Http404 from error
    response = HttpResponse(content, content_type=content_type)
    response["Content-Disposition"] = content_disposition_header(True, name)
    response["X-Content-Type-Options"] = "nosniff"
    if private:
        response["Cache-Control"] = "private, no-store"
    return response
