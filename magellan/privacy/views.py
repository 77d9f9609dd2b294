"""« Mes données » (export, request for erasure) and the coaches' handling of requests. Thin views."""

import json
from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.core.serializers.json import DjangoJSONEncoder
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from magellan.core.decorators import allowed_by
from magellan.core.security import limits_email_sending
from magellan.directory.queries import person_of

from . import permissions, queries, registry, services
from .forms import ErasureRequestForm, RefusalForm
from .models import ErasureRequest, ErasureStatus

coach_required = allowed_by(permissions.can_manage_erasures)


def _export(user: Any) -> dict[str, Any]:
    person = person_of(user)
    if person is None:
        from magellan.accounts.personal_data import TITLE, export_account

        return {str(TITLE): export_account(user)}
    return registry.export_person(person)


@login_required
def home(request: HttpRequest) -> HttpResponse:
    """What Magellan holds about me, the downloads, and my requests for erasure."""
    person = person_of(request.user)
    data = _export(request.user)
    return render(
        request,
        "privacy/home.html",
        {
            "person": person,
            "sections": [title for title, content in data.items() if _holds(content)],
            "requests": list(queries.requests_of(person)) if person else [],
            "erased": person is not None and services.is_erased(person),
            "can_request": permissions.can_request_erasure(request.user),
            "has_pending": person is not None
            and queries.requests_of(person).filter(status=ErasureStatus.PENDING).exists(),
            "pending_to_handle": queries.erasure_requests_visible_to(request.user)
            .filter(status=ErasureStatus.PENDING)
            .count()
            if permissions.can_manage_erasures(request.user)
            else None,
        },
    )


def _holds(content: Any) -> bool:
    """Whether a section holds anything (some value that is not empty)."""
    if isinstance(content, dict):
        return any(_holds(v) for v in content.values())
    if isinstance(content, list | tuple):
        return any(_holds(v) for v in content)
    return content not in (None, "", False)


@login_required
def export_json(request: HttpRequest) -> HttpResponse:
    """Everything Magellan holds about me, as a JSON file."""
    body = json.dumps(_export(request.user), cls=DjangoJSONEncoder, ensure_ascii=False, indent=2)
    response = HttpResponse(body, content_type="application/json; charset=utf-8")
    response["Content-Disposition"] = 'attachment; filename="mes-donnees-magellan.json"'
    return response


@login_required
def export_html(request: HttpRequest) -> HttpResponse:
    """Everything Magellan holds about me, as a page to read or print."""
    return render(
        request, "privacy/export.html", {"data": registry.readable(_export(request.user))}
    )


@login_required
def erasure_request(request: HttpRequest) -> HttpResponse:
    """Ask for the erasure of my data (with a confirmation and an optional reason)."""
    person = person_of(request.user)
    if person is None or not permissions.can_request_erasure(request.user):
        raise PermissionDenied
    form = ErasureRequestForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.request_erasure(person=person, reason=form.cleaned_data["reason"])
        except services.PrivacyError as error:
            messages.error(request, str(error))
        else:
            messages.success(
                request,
                _("Votre demande d’effacement est enregistrée : l’équipe du programme la traite."),
            )
        return redirect("privacy:home")
    return render(request, "privacy/erasure_request.html", {"form": form})


@coach_required
def erasure_list(request: HttpRequest) -> HttpResponse:
    """The requests for erasure: pending first."""
    requests = queries.pending_first(queries.erasure_requests_visible_to(request.user))
    page = Paginator(requests, 50).get_page(request.GET.get("page"))
    return render(
        request,
        "privacy/erasure_list.html",
        {"page_obj": page, "querystring_without_page": ""},
    )


def _visible(request: HttpRequest, pk: int) -> ErasureRequest:
    if not permissions.can_manage_erasures(request.user):
        raise Http404
    return get_object_or_404(queries.erasure_requests_visible_to(request.user), pk=pk)


@login_required
def erasure_detail(request: HttpRequest, pk: int) -> HttpResponse:
    """A request, and the forms to confirm or refuse it."""
    erasure = _visible(request, pk)
    return _detail(request, erasure, RefusalForm())


def _detail(request: HttpRequest, erasure: ErasureRequest, form: RefusalForm) -> HttpResponse:
    return render(
        request,
        "privacy/erasure_detail.html",
        {
            "erasure": erasure,
            "refusal_form": form,
            "pending": erasure.status == ErasureStatus.PENDING,
        },
        status=400 if form.is_bound else 200,
    )


@login_required
@require_POST
@limits_email_sending
def erasure_confirm(request: HttpRequest, pk: int) -> HttpResponse:
    erasure = _visible(request, pk)
    try:
        services.confirm_erasure(request=erasure, by=request.user)
    except services.PrivacyError as error:
        messages.error(request, str(error))
        return redirect(erasure)
    messages.success(request, _("Les données de la personne sont effacées."))
    return redirect(erasure)


@login_required
@require_POST
@limits_email_sending
def erasure_refuse(request: HttpRequest, pk: int) -> HttpResponse:
    erasure = _visible(request, pk)
    form = RefusalForm(request.POST)
    if not form.is_valid():
        return _detail(request, erasure, form)
    try:
        services.refuse_erasure(
            request=erasure, by=request.user, reason=form.cleaned_data["reason"]
        )
    except services.PrivacyError as error:
        messages.error(request, str(error))
        return redirect(erasure)
    messages.success(request, _("La demande est refusée ; la personne en est prévenue par e-mail."))
    return redirect(erasure)
