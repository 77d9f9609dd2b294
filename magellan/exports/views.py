"""The exports page of a cohort and the downloads (CSV or xlsx), for coaches."""

from typing import Any

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, render
from django.utils import timezone

from magellan.directory.models import Cohort

from . import permissions, writers
from .tables import EXPORTS

CONTENT_TYPES = {
    "csv": "text/csv; charset=utf-8",
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
}


def _coach_only(request: HttpRequest) -> None:
    if not permissions.can_export(request.user):
        raise PermissionDenied


@login_required
def cohort_exports(request: HttpRequest, slug: str) -> HttpResponse:
    """Every list of a cohort that can be downloaded, each as CSV or as a spreadsheet."""
    _coach_only(request)
    cohort = get_object_or_404(Cohort, slug=slug)
    return render(
        request, "exports/cohort_exports.html", {"cohort": cohort, "exports": EXPORTS.values()}
    )


@login_required
def download(request: HttpRequest, slug: str, name: str, extension: str) -> HttpResponse:
    """One list of a cohort as a file: `.csv` (UTF-8 with BOM, `;`) or `.xlsx`."""
    _coach_only(request)
    cohort = get_object_or_404(Cohort, slug=slug)
    export = EXPORTS.get(name)
    if export is None or extension not in CONTENT_TYPES:
        raise Http404
    headers = export.headers()
    rows = export.rows(cohort)
    body: Any
    if extension == "csv":
        body = writers.to_csv(headers, rows)
    else:
        body = writers.to_xlsx(str(export.title), headers, rows)
    filename = f"magellan-{cohort.slug}-{export.slug}-{timezone.localdate():%Y-%m-%d}.{extension}"
    response = HttpResponse(body, content_type=CONTENT_TYPES[extension])
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response
