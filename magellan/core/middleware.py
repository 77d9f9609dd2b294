"""Middleware shared by every app."""

import time
from collections.abc import Callable
from typing import Any

from django.conf import settings
from django.contrib import messages
from django.contrib.auth import logout
from django.http import HttpRequest, HttpResponse, HttpResponseBadRequest, JsonResponse
from django.shortcuts import render
from django.utils.translation import gettext as _

from .uploads import body_limit, megabytes


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


def _content_length(request: HttpRequest) -> int:
    """The announced body length; Django reads no body when it is missing or invalid."""
    try:
        return max(0, int(request.META.get("CONTENT_LENGTH") or 0))
    except ValueError:
        return 0


class RequestSizeLimitMiddleware:
    """Answer 413 to a body longer than the view takes, before anything reads it.

    Django caps form fields (DATA_UPLOAD_MAX_MEMORY_SIZE) but not files: without this, any client
    could have a 100 MB upload written to disk on any page. Every view takes
    MAGELLAN_REQUEST_MAX_BYTES; one marked `accepts_upload(setting)` that setting's bytes more.
    """

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        return self.get_response(request)

    def process_view(
        self, request: HttpRequest, view: Callable[..., Any], args: Any, kwargs: Any
    ) -> HttpResponse | None:
        limit = body_limit(view)
        if _content_length(request) <= limit:
            return None
        if request.path.startswith("/api/"):
            return JsonResponse(
                {"detail": f"Request body too large: at most {limit} bytes here."}, status=413
            )
        return render(request, "413.html", {"limit": megabytes(limit)}, status=413)


class PermissionsPolicyMiddleware:
    """Add the Permissions-Policy header (MAGELLAN_PERMISSIONS_POLICY) to every response."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        response = self.get_response(request)
        response.setdefault("Permissions-Policy", settings.MAGELLAN_PERMISSIONS_POLICY)
        return response


# Session keys of SessionExpiryMiddleware: when the session signed in, and its last request.
SESSION_STARTED = "magellan_session_started"
SESSION_SEEN = "magellan_session_seen"
# The last request is written at most once a minute: not a session write on every page.
SEEN_PRECISION_SECONDS = 60


def session_expired(session: Any, *, now: float) -> bool:
    """Whether a signed-in session has been idle or alive longer than the settings allow."""
    started = session.get(SESSION_STARTED)
    seen = session.get(SESSION_SEEN)
    if started is None or seen is None:
        return False
    idle = settings.MAGELLAN_SESSION_IDLE_MINUTES * 60
    max_age = settings.MAGELLAN_SESSION_MAX_AGE_HOURS * 3600
    return now - seen > idle or now - started > max_age


class SessionExpiryMiddleware:
    """Sign out a session idle for MAGELLAN_SESSION_IDLE_MINUTES or older than
    MAGELLAN_SESSION_MAX_AGE_HOURS; the page then answers as to anybody signed out."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        if request.user.is_authenticated:
            now = time.time()
            session = request.session
            if session_expired(session, now=now):
                logout(request)
                messages.info(request, _("Votre session a expiré : reconnectez-vous."))
            else:
                session.setdefault(SESSION_STARTED, now)
                if now - session.get(SESSION_SEEN, 0) >= SEEN_PRECISION_SECONDS:
                    session[SESSION_SEEN] = now
        return self.get_response(request)
