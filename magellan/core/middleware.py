"""Middleware shared by every app."""

from collections.abc import Callable

from django.http import HttpRequest, HttpResponse, HttpResponseBadRequest, JsonResponse
from django.utils.translation import gettext as _


def _has_nul_byte(request: HttpRequest) -> bool:
    if "\x00" in request.path:
        return True
    return any(
        "\x00" in key or any("\x00" in v for v in values) for key, values in request.GET.lists()
    )


class RejectNulBytesMiddleware:
    """Answer 400 to an address whose path or query string holds a NUL byte (%00).

    No page takes one, and PostgreSQL refuses it in a query (a 500 otherwise).
    """

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        if _has_nul_byte(request):
            if request.path.startswith("/api/"):
                return JsonResponse(
                    {"detail": "Invalid request: the address holds a NUL byte (%00)."}, status=400
                )
            return HttpResponseBadRequest(
                _("Requête invalide : l’adresse contient un caractère nul (%00)."),
                content_type="text/plain; charset=utf-8",
            )
        return self.get_response(request)
