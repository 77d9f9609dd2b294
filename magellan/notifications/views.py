"""Notifications pages: mine (mark one or all read) and my preferences. Thin views."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from . import queries, services
from .forms import PreferencesForm

PAGE_SIZE = 30


@login_required
def notification_list(request: HttpRequest) -> HttpResponse:
    """My notifications, newest first, the unread ones marked."""
    page = Paginator(queries.notifications_of(request.user), PAGE_SIZE).get_page(
        request.GET.get("page")
    )
    return render(
        request,
        "notifications/list.html",
        {"page_obj": page, "notifications": page.object_list, "querystring_without_page": ""},
    )


@login_required
@require_POST
def mark_read(request: HttpRequest, pk: int) -> HttpResponse:
    """Mark one of my notifications read (another's is a 404)."""
    notification = get_object_or_404(queries.notifications_of(request.user), pk=pk)
    services.mark_read(notification=notification)
    return redirect("notifications:list")


@login_required
@require_POST
def mark_all_read(request: HttpRequest) -> HttpResponse:
    count = services.mark_all_read(user=request.user)
    if count:
        messages.success(request, _("Toutes vos notifications sont marquées comme lues."))
    return redirect("notifications:list")


@login_required
def preferences(request: HttpRequest) -> HttpResponse:
    """How I want to hear of each kind: at once, in a daily digest, or never (still listed here)."""
    form = PreferencesForm(
        request.POST or None, initial_frequencies=queries.preferences_of(request.user)
    )
    if request.method == "POST" and form.is_valid():
        services.save_preferences(user=request.user, frequencies=form.frequencies())
        messages.success(request, _("Vos préférences de notification sont enregistrées."))
        return redirect("notifications:preferences")
    return render(request, "notifications/preferences.html", {"form": form})
