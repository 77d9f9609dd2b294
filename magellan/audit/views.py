"""Audit pages: an object's history for coaches, the log of logins for staff. Thin views."""

from urllib.parse import urlencode

from django.conf import settings
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render

from magellan.core.decorators import allowed_by

from . import permissions, queries, registry
from .forms import LoginFilterForm


@allowed_by(permissions.can_view_history)
def object_history(request: HttpRequest, key: str, pk: int) -> HttpResponse:
    """Who changed what on one audited object, and when, newest first."""
    model = registry.audited_model(key)
    if model is None:
        raise Http404
    title = queries.title_of(model, pk)
    if not title and not queries.history_records(model, pk).exists():
        raise Http404
    page_obj, entries = queries.object_history(model, pk, request.GET.get("page"))
    instance = model._default_manager.filter(pk=pk).first()
    return render(
        request,
        "audit/object_history.html",
        {
            "title": title,
            "model_name": model._meta.verbose_name,
            "object_url": registry.object_page(instance) if instance is not None else None,
            "entries": entries,
            "page_obj": page_obj,
            "querystring_without_page": "",
        },
    )


@allowed_by(permissions.can_view_logins)
def logins(request: HttpRequest) -> HttpResponse:
    """The logins and failed logins, newest first, filterable by e-mail address."""
    form = LoginFilterForm(request.GET or None)
    email = form.cleaned_data["email"] if form.is_valid() else ""
    page_obj, rows = queries.logins(email, request.GET.get("page"))
    querystring = urlencode({"email": email}) + "&" if email else ""
    return render(
        request,
        "audit/logins.html",
        {
            "form": form,
            "rows": rows,
            "page_obj": page_obj,
            "querystring_without_page": querystring,
            "retention_days": settings.MAGELLAN_LOGIN_LOG_RETENTION_DAYS,
        },
    )
