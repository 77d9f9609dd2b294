"""API tokens pages: one's own tokens (create, revoke), integrations' tokens for coaches. Thin
views: the rules are in services, who may do what in permissions."""

from django.contrib import messages
from django.core.paginator import Paginator
from django.db import transaction
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from magellan.core.decorators import allowed_by

from . import permissions, queries, services
from .forms import ServiceTokenForm, TokenForm
from .models import ApiToken

PAGE_SIZE = 20


def _created(request: HttpRequest, token: ApiToken, raw: str) -> HttpResponse:
    """The raw token, shown this once (never stored, never in a redirect's session)."""
    response = render(request, "api/token_created.html", {"token": token, "raw": raw})
    response["Cache-Control"] = "no-store"
    return response


@allowed_by(permissions.can_have_tokens)
def tokens(request: HttpRequest) -> HttpResponse:
    """My tokens (every token for coaches), and the form to create one of mine."""
    form = TokenForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            token, raw = services.issue_token(
                user=request.user,
                name=form.cleaned_data["name"],
                scopes=form.cleaned_data["scopes"],
                expires_at=form.expires_at(),
                by=request.user,
            )
        except services.ApiTokenError as error:
            form.add_error(None, str(error))
        else:
            return _created(request, token, raw)
    page = Paginator(queries.tokens_visible_to(request.user), PAGE_SIZE).get_page(
        request.GET.get("page")
    )
    context = {
        "form": form,
        "page_obj": page,
        "tokens": page.object_list,
        "querystring_without_page": "",
        "can_manage": permissions.can_manage_tokens(request.user),
    }
    return render(request, "api/tokens.html", context)


@allowed_by(permissions.can_manage_tokens)
def service_token_create(request: HttpRequest) -> HttpResponse:
    """A coach creates a token for an integration (a service account, new or existing)."""
    form = ServiceTokenForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            with transaction.atomic():
                service = form.cleaned_data["service"] or services.create_service_account(
                    name=form.cleaned_data["new_service"], by=request.user
                )
                token, raw = services.issue_service_token(
                    service=service,
                    name=form.cleaned_data["name"],
                    scopes=form.cleaned_data["scopes"],
                    expires_at=form.expires_at(),
                    by=request.user,
                )
        except services.ApiTokenError as error:
            form.add_error(None, str(error))
        else:
            return _created(request, token, raw)
    return render(request, "api/service_token_form.html", {"form": form})


@allowed_by(permissions.can_have_tokens)
@require_POST
def token_revoke(request: HttpRequest, pk: int) -> HttpResponse:
    token = get_object_or_404(ApiToken, pk=pk)
    if not permissions.can_revoke(request.user, token):
        # Another member's token: not theirs to know of.
        raise Http404
    try:
        services.revoke_token(token=token)
    except services.ApiTokenError as error:
        messages.error(request, str(error))
    else:
        messages.success(
            request, _("Le jeton « %(prefix)s… » est révoqué.") % {"prefix": token.prefix}
        )
    return redirect("api:tokens")
