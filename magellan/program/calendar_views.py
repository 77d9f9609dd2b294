"""The program calendar: month, week and list views with filters, and changing several sessions
at once (coaches). Thin views over `calendar` (grids), `queries` and `services`."""

import datetime
from typing import Any

from django.contrib import messages
from django.http import HttpRequest, HttpResponse, HttpResponseBadRequest, QueryDict
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from magellan.core.dates import format_date
from magellan.core.validators import parse_id
from magellan.directory.models import Challenge

from . import calendar, permissions, queries, services
from .forms import BulkAction, BulkEditForm, CalendarFilterForm
from .models import Session, SessionStatus
from .views import coach_required, member_required

PERIOD_VIEWS = ("mois", "semaine", "liste")


def _period(view: str, request: HttpRequest, today: datetime.date) -> dict[str, Any]:
    """The dates shown by a view, its title and the parameters of the previous and next period."""
    if view == "semaine":
        monday = calendar.parse_week(request.GET.get("semaine"), today=today)
        sunday = monday + datetime.timedelta(days=6)
        return {
            "start": monday,
            "end": monday + datetime.timedelta(days=7),
            "title": _("Semaine du %(start)s au %(end)s")
            % {"start": format_date(monday, "j F"), "end": format_date(sunday, "j F Y")},
            "previous": {"semaine": (monday - datetime.timedelta(days=7)).isoformat()},
            "next": {"semaine": (monday + datetime.timedelta(days=7)).isoformat()},
            "current": {"semaine": monday.isoformat()},
            "first": monday,
        }
    first = calendar.parse_month(request.GET.get("mois"), today=today)
    start, end = (
        calendar.month_span(first) if view == "mois" else (first, calendar.add_months(first, 1))
    )
    return {
        "start": start,
        "end": end,
        "title": date_format(first, "F Y").capitalize(),
        "previous": {"mois": calendar.add_months(first, -1).strftime("%Y-%m")},
        "next": {"mois": calendar.add_months(first, 1).strftime("%Y-%m")},
        "current": {"mois": first.strftime("%Y-%m")},
        "first": first,
    }


def _query(request: HttpRequest, **changes: str) -> str:
    """The current query string with some parameters changed (the filters are kept)."""
    params = request.GET.copy()
    for key in ("mois", "semaine"):
        params.pop(key, None)
    for key, value in changes.items():
        params[key] = value
    return params.urlencode()


@member_required
def program_calendar(request: HttpRequest) -> HttpResponse:
    """The sessions a person may see, by month (a grid and a list), week or list, filtered."""
    today = timezone.localdate()
    asked = request.GET.get("vue", "")
    view = asked if asked in PERIOD_VIEWS else "mois"
    period = _period(view, request, today)
    can_manage = permissions.can_manage_program(request.user)
    visible = queries.sessions_visible_to(request.user)
    challenges = Challenge.objects.filter(
        pk__in=visible.exclude(challenge=None).values("challenge")
    ).order_by("title")
    filters = CalendarFilterForm(request.GET or None, challenges=challenges)
    start = timezone.make_aware(datetime.datetime.combine(period["start"], datetime.time.min))
    end = timezone.make_aware(datetime.datetime.combine(period["end"], datetime.time.min))
    sessions = list(
        queries.with_list_data(filters.filter(visible))
        .filter(starts_at__gte=start, starts_at__lt=end)
        .select_related("format", "cohort", "challenge", "phase")
        .prefetch_related("facilitators")
        .order_by("starts_at", "pk")
    )
    scheduled = [s for s in sessions if s.status == SessionStatus.SCHEDULED]
    if can_manage:
        warnings = queries.conflicts_for(
            [queries.Slot.of(s, facilitators=list(s.facilitators.all())) for s in scheduled]
        )
        conflicts = {s.pk: w for s, w in zip(scheduled, warnings, strict=True)}
    else:
        conflicts = {}
    for session in sessions:
        session.conflicts = conflicts.get(session.pk, ())  # type: ignore[attr-defined]
    queries.annotate_my_status(queries.person_of(request.user), sessions)
    context: dict[str, Any] = {
        "view": view,
        "views": [
            (key, label, _query(request, vue=key, **period["current"]))
            for key, label in (
                ("mois", _("Mois")),
                ("semaine", _("Semaine")),
                ("liste", _("Liste")),
            )
        ],
        "period": period,
        "previous_query": _query(request, vue=view, **period["previous"]),
        "next_query": _query(request, vue=view, **period["next"]),
        "filters": filters,
        "sessions": sessions,
        "conflict_count": sum(1 for s in sessions if conflicts.get(s.pk)),
        "can_manage": can_manage,
        "here": request.get_full_path(),
    }
    if view == "mois":
        context["weeks"] = calendar.month_grid(period["first"], sessions, today=today)
    if view == "semaine":
        context["days"] = calendar.week_grid(period["first"], sessions, today=today)
    context["list_days"] = [
        day
        for day in calendar.week_grid_span(period["start"], period["end"], sessions, today=today)
        if day.sessions
    ]
    return render(request, "program/calendar.html", context)


def _back(request: HttpRequest) -> str:
    target = request.POST.get("next") or request.GET.get("next") or ""
    if url_has_allowed_host_and_scheme(target, allowed_hosts={request.get_host()}):
        return target
    return reverse("program:calendar")


@coach_required
def calendar_bulk(request: HttpRequest) -> HttpResponse:
    """Change the selected sessions at once (GET shows the selection and the choices)."""
    data: QueryDict = request.POST if request.method == "POST" else request.GET
    parsed = [parse_id(value) for value in data.getlist("sessions")]
    ids = [pk for pk in parsed if pk is not None]
    if len(ids) != len(parsed):
        return HttpResponseBadRequest(_("Identifiant de séance invalide."))
    selected = list(
        Session.objects.filter(pk__in=ids)
        .select_related("cohort", "format")
        .order_by("starts_at", "pk")
    )
    if not selected:
        messages.error(request, _("Cochez au moins une séance dans la liste du calendrier."))
        return redirect(_back(request))
    form = BulkEditForm(request.POST if request.method == "POST" else None)
    if request.method == "POST" and form.is_valid():
        action = form.cleaned_data["action"]
        sessions = selected
        try:
            if action == BulkAction.CANCEL:
                services.cancel_sessions(sessions=sessions)
            else:
                services.edit_sessions(
                    sessions=sessions,
                    shift_days=(form.cleaned_data["days"] or 0) if action == BulkAction.MOVE else 0,
                    start_time=form.cleaned_data["start_time"]
                    if action == BulkAction.TIME
                    else None,
                    place=form.cleaned_data["place"] if action == BulkAction.PLACE else None,
                    facilitators=list(form.cleaned_data["facilitators"])
                    if action == BulkAction.FACILITATORS
                    else None,
                )
        except services.ProgramError as error:
            form.add_error(None, str(error))
        else:
            messages.success(
                request,
                ngettext(
                    "%(count)d séance modifiée ; les participant·es sont prévenu·es des changements d’horaire ou de lieu.",
                    "%(count)d séances modifiées ; les participant·es sont prévenu·es des changements d’horaire ou de lieu.",
                    len(sessions),
                )
                % {"count": len(sessions)},
            )
            return redirect(_back(request))
    return render(
        request,
        "program/calendar_bulk.html",
        {
            "form": form,
            "selected": selected,
            "next": _back(request),
        },
    )
