"""Program pages: thin views over services, queries and permissions."""

import datetime
from itertools import groupby
from typing import Any

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest, HttpResponse, HttpResponseBadRequest
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.http import require_POST

from magellan.core.decorators import allowed_by
from magellan.core.security import limits_email_sending
from magellan.core.validators import parse_id
from magellan.directory.models import Cohort, Person

from . import permissions, queries, services
from .extensions import session_panels
from .forms import FeedbackForm, FormatForm, PlanForm, SessionForm
from .ics import build_calendar, feed_window_start, session_calendar
from .models import (
    CalendarFeed,
    Feedback,
    Format,
    Registration,
    RegistrationStatus,
    Session,
)

member_required = allowed_by(permissions.can_use_program)


coach_required = allowed_by(permissions.can_manage_program)


def _visible_session(request: HttpRequest, pk: int) -> Session:
    session = get_object_or_404(
        Session.objects.select_related("format", "cohort", "challenge", "phase"), pk=pk
    )
    if not permissions.can_view_session(request.user, session):
        raise Http404
    return session


def _by_month(sessions: list[Session]) -> list[dict[str, Any]]:
    months = []
    for _key, items in groupby(
        sessions,
        key=lambda s: (timezone.localtime(s.starts_at).year, timezone.localtime(s.starts_at).month),
    ):
        items_list = list(items)
        label = date_format(timezone.localtime(items_list[0].starts_at), "F Y")
        months.append({"label": label, "sessions": items_list})
    return months


# --- Formats -------------------------------------------------------------------------------


@member_required
def format_list(request: HttpRequest) -> HttpResponse:
    formats = (
        Format.objects.all()
        if permissions.can_manage_program(request.user)
        else Format.objects.active()
    )
    context = {"formats": formats, "can_manage": permissions.can_manage_program(request.user)}
    return render(request, "program/format_list.html", context)


@coach_required
def format_create(request: HttpRequest) -> HttpResponse:
    form = FormatForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        format_ = form.save()
        messages.success(
            request, _("Le dispositif « %(name)s » est créé.") % {"name": format_.name}
        )
        return redirect("program:format_list")
    return render(request, "program/format_form.html", {"form": form, "format": None})


@coach_required
def format_edit(request: HttpRequest, slug: str) -> HttpResponse:
    format_ = get_object_or_404(Format, slug=slug)
    form = FormatForm(request.POST or None, instance=format_)
    if request.method == "POST" and form.is_valid():
        form.save()
        messages.success(
            request, _("Le dispositif « %(name)s » est enregistré.") % {"name": format_.name}
        )
        return redirect("program:format_list")
    return render(request, "program/format_form.html", {"form": form, "format": format_})


# --- Calendars -----------------------------------------------------------------------------


@member_required
def my_sessions(request: HttpRequest) -> HttpResponse:
    """The signed-in person's upcoming and recent sessions, and links to their cohorts' calendars."""
    person = queries.person_of(request.user)
    now = timezone.now()
    since = now - datetime.timedelta(days=30)
    upcoming: list[Session] = []
    recent: list[Session] = []
    if person is None:
        cohorts: list[Cohort] = list(Cohort.objects.filter(sessions__isnull=False).distinct())
    else:
        upcoming = list(queries.with_list_data(queries.upcoming_sessions(person, now=now)))
        recent = list(
            queries.with_list_data(
                queries.sessions_for_person(person).filter(ends_at__gte=since, ends_at__lt=now)
            ).order_by("-starts_at", "-pk")
        )
        cohorts = list(Cohort.objects.filter(roles__person=person).distinct())
    if permissions.can_manage_program(request.user):
        cohorts = list(Cohort.objects.all())
    queries.annotate_my_status(person, upcoming + recent)
    context = {
        "person": person,
        "upcoming": upcoming,
        "recent": recent,
        "cohorts": cohorts,
        "can_manage": permissions.can_manage_program(request.user),
    }
    return render(request, "program/my_sessions.html", context)


@member_required
def cohort_calendar(request: HttpRequest, slug: str) -> HttpResponse:
    """A cohort's phases (timeline with competences) and its sessions by month."""
    cohort = get_object_or_404(Cohort, slug=slug)
    person = queries.person_of(request.user)
    can_manage = permissions.can_manage_program(request.user)
    if not can_manage and (
        person is None or not person.cohort_roles.filter(cohort=cohort).exists()
    ):
        raise Http404
    sessions = list(
        queries.with_list_data(
            queries.sessions_visible_to(request.user).filter(cohort=cohort)
        ).order_by("starts_at", "pk")
    )
    queries.annotate_my_status(person, sessions)
    today = timezone.localdate()
    phases = list(cohort.phases.all())
    context = {
        "cohort": cohort,
        "phases": phases,
        "current_phase": next((p for p in phases if p.start_date <= today <= p.end_date), None),
        "months": _by_month(sessions),
        "session_count": len(sessions),
        "can_manage": can_manage,
    }
    return render(request, "program/cohort_calendar.html", context)


@coach_required
def cohort_plan(request: HttpRequest, slug: str) -> HttpResponse:
    """Plan a cohort's year: a rule and formats → a preview → create on confirmation."""
    cohort = get_object_or_404(Cohort, slug=slug)
    form = PlanForm(request.POST or None)
    planned = None
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        planned = services.preview_plan(
            cohort=cohort,
            formats=list(data["formats"]),
            rule=data["rule"],
            weekday=data["weekday"],
            week=data["week"],
            anchor=data["anchor"],
            start_time=data["start_time"],
        )
        if "confirm" in request.POST:
            created = services.create_planned_sessions(
                cohort=cohort, planned=planned, place=data["place"], online_url=data["online_url"]
            )
            messages.success(
                request,
                _("%(count)d séance(s) créée(s). Vous pouvez maintenant les modifier une à une.")
                % {"count": len(created)},
            )
            return redirect("program:cohort_calendar", slug=cohort.slug)
        if not planned:
            messages.warning(
                request, _("Cette règle ne donne aucune séance dans les phases de la promotion.")
            )
    context = {
        "cohort": cohort,
        "form": form,
        "planned": planned,
        "new_count": sum(1 for p in planned or [] if p.to_create),
        "conflict_count": sum(1 for p in planned or [] if p.warnings),
    }
    return render(request, "program/cohort_plan.html", context)


# --- Sessions ------------------------------------------------------------------------------


@member_required
def session_detail(request: HttpRequest, pk: int) -> HttpResponse:
    session = _visible_session(request, pk)
    person = queries.person_of(request.user)
    can_manage = permissions.can_manage_program(request.user)
    registration = (
        Registration.objects.filter(session=session, person=person).first() if person else None
    )
    if registration is not None and registration.status == RegistrationStatus.CANCELLED:
        registration = None
    expected = queries.expected_participants(session)
    now = timezone.now()
    my_feedback = (
        Feedback.objects.filter(session=session, person=person).first() if person else None
    )
    context: dict[str, Any] = {
        "session": session,
        "facilitators": list(session.facilitators.order_by("name")),
        "expected": expected,
        "waitlist_count": session.registrations.filter(status=RegistrationStatus.WAITLISTED).count()
        if session.format.registration_required
        else 0,
        "registration": registration,
        "places_left": queries.places_left(session)
        if session.format.registration_required
        else None,
        "can_register": permissions.can_register(request.user, session)
        and session.starts_at > now
        and person is not None,
        "is_past": session.starts_at <= now,
        "can_give_feedback": services.feedback_refusal(session=session, person=person) is None,
        "my_feedback": my_feedback,
        "can_manage": can_manage,
        "can_take_attendance": permissions.can_take_attendance(request.user, session),
        "feedback_summary": queries.feedback_summary(Session.objects.filter(pk=session.pk))
        if can_manage
        else None,
        "feedback_comments": queries.feedback_comments(session) if can_manage else [],
        "panels": session_panels(request, session),
    }
    return render(request, "program/session_detail.html", context)


@coach_required
def session_create(request: HttpRequest, slug: str) -> HttpResponse:
    cohort = get_object_or_404(Cohort, slug=slug)
    form = SessionForm(request.POST or None, cohort=cohort)
    if request.method == "POST" and form.is_valid():
        session = form.save(commit=False)
        session.cohort = cohort
        services.create_session(
            session=session, facilitators=list(form.cleaned_data["facilitators"])
        )
        messages.success(request, _("La séance est créée."))
        _warn_conflicts(request, session)
        return redirect(session)
    return render(
        request, "program/session_form.html", {"form": form, "cohort": cohort, "session": None}
    )


@coach_required
@limits_email_sending
def session_edit(request: HttpRequest, pk: int) -> HttpResponse:
    session = get_object_or_404(Session.objects.select_related("cohort", "format"), pk=pk)
    form = SessionForm(request.POST or None, instance=session, cohort=session.cohort)
    if request.method == "POST" and form.is_valid():
        edited = form.save(commit=False)
        try:
            session = services.update_session(session=edited, changed=list(form.changed_data))
        except services.ProgramError as error:
            messages.error(request, str(error))
            return redirect(session)
        session.facilitators.set(form.cleaned_data["facilitators"])
        messages.success(
            request,
            _(
                "La séance est enregistrée ; les participant·es sont prévenu·es des changements d’horaire ou de lieu."
            ),
        )
        _warn_conflicts(request, session)
        return redirect(session)
    return render(
        request,
        "program/session_form.html",
        {"form": form, "cohort": session.cohort, "session": session},
    )


def _warn_conflicts(request: HttpRequest, session: Session) -> None:
    """Non-blocking: say when the session overlaps another one of its audience or facilitators."""
    for warning in queries.conflicts_for([queries.Slot.of(session)])[0]:
        messages.warning(request, warning)


@coach_required
@limits_email_sending
def session_cancel(request: HttpRequest, pk: int) -> HttpResponse:
    """GET asks for confirmation (everyone expected is emailed); POST cancels."""
    session = get_object_or_404(Session.objects.select_related("format", "cohort"), pk=pk)
    if request.method != "POST":
        return render(request, "program/session_cancel.html", {"session": session})
    try:
        services.cancel_session(session=session)
    except services.ProgramError as error:
        messages.error(request, str(error))
    else:
        messages.success(request, _("La séance est annulée ; les participant·es sont prévenu·es."))
    return redirect(session)


@member_required
@require_POST
@limits_email_sending
def session_register(request: HttpRequest, pk: int) -> HttpResponse:
    session = _visible_session(request, pk)
    person = queries.person_of(request.user)
    if person is None or not permissions.can_register(request.user, session):
        raise PermissionDenied
    try:
        registration = services.register(session=session, person=person)
    except services.ProgramError as error:
        messages.error(request, str(error))
    else:
        if registration.status == RegistrationStatus.WAITLISTED:
            messages.info(request, _("La séance est complète : vous êtes sur la liste d’attente."))
        else:
            messages.success(request, _("Vous êtes inscrit·e."))
    return redirect(session)


@member_required
@require_POST
@limits_email_sending
def session_unregister(request: HttpRequest, pk: int) -> HttpResponse:
    session = _visible_session(request, pk)
    person = queries.person_of(request.user)
    if person is None:
        raise PermissionDenied
    try:
        services.cancel_registration(session=session, person=person)
    except services.ProgramError as error:
        messages.error(request, str(error))
    else:
        messages.success(request, _("Votre inscription est annulée."))
    return redirect(session)


@member_required
def session_attendance(request: HttpRequest, pk: int) -> HttpResponse:
    """Take attendance (coaches and the session's facilitators, as through the API): one click
    per person, or everyone present at once."""
    session = get_object_or_404(Session.objects.select_related("format", "cohort"), pk=pk)
    if not permissions.can_take_attendance(request.user, session):
        raise PermissionDenied
    if request.method == "POST":
        try:
            if "all_present" in request.POST:
                count = services.record_all_present(session=session)
                messages.success(
                    request,
                    ngettext("%(count)d présence notée.", "%(count)d présences notées.", count)
                    % {"count": count},
                )
            elif "walk_in" in request.POST and not request.POST.get("person"):
                messages.error(request, _("Choisissez la personne venue sans être inscrite."))
            else:
                person_id = parse_id(request.POST.get("person"))
                if person_id is None:
                    return HttpResponseBadRequest(_("Personne inconnue : identifiant invalide."))
                person = get_object_or_404(Person, pk=person_id)
                if "walk_in" in request.POST:
                    services.record_walk_in(session=session, person=person)
                    messages.success(
                        request, _("%(name)s est ajouté·e, présent·e.") % {"name": person.name}
                    )
                else:
                    mark = request.POST.get("mark") or (
                        "present" if request.POST.get("is_present") == "1" else "absent"
                    )
                    if mark not in ("present", "absent", "excused"):
                        return HttpResponseBadRequest(_("Présence inconnue."))
                    services.record_attendance(
                        session=session,
                        person=person,
                        is_present=mark == "present",
                        is_excused=mark == "excused",
                    )
                    messages.success(
                        request, _("Présence de %(name)s notée.") % {"name": person.name}
                    )
        except services.ProgramError as error:
            messages.error(request, str(error))
        return redirect("program:session_attendance", pk=session.pk)
    marks = {
        attendance.person_id: attendance
        for attendance in session.attendances.only("person_id", "is_present", "is_excused")
    }
    rows = []
    for person in services.attendance_candidates(session):
        marked = marks.get(person.pk)
        if marked is None:
            state = ""
        elif marked.is_present:
            state = "present"
        else:
            state = "excused" if marked.is_excused else "absent"
        rows.append({"person": person, "state": state})
    is_past = session.starts_at <= timezone.now()
    context = {
        "session": session,
        "rows": rows,
        "is_past": is_past,
        "present_count": sum(1 for r in rows if r["state"] == "present"),
        "unmarked_count": sum(1 for r in rows if not r["state"]),
        "walk_in_candidates": services.walk_in_candidates(session)
        if is_past and not session.is_cancelled
        else [],
    }
    return render(request, "program/session_attendance.html", context)


@member_required
def session_feedback(request: HttpRequest, pk: int) -> HttpResponse:
    session = _visible_session(request, pk)
    person = queries.person_of(request.user)
    if person is None:
        raise PermissionDenied
    refusal = services.feedback_refusal(session=session, person=person)
    if refusal is not None:
        messages.error(request, refusal)
        return redirect(session)
    existing = Feedback.objects.filter(session=session, person=person).first()
    initial = {"rating": existing.rating, "comment": existing.comment} if existing else None
    form = FeedbackForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            services.give_feedback(
                session=session,
                person=person,
                rating=form.cleaned_data["rating"],
                comment=form.cleaned_data["comment"],
            )
        except services.ProgramError as error:
            messages.error(request, str(error))
        else:
            messages.success(request, _("Merci pour votre retour."))
            return redirect(session)
    return render(request, "program/session_feedback.html", {"session": session, "form": form})


@member_required
def session_ics(request: HttpRequest, pk: int) -> HttpResponse:
    session = _visible_session(request, pk)
    response = HttpResponse(session_calendar(session), content_type="text/calendar; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="seance-{session.pk}.ics"'
    return response


# --- Reports -------------------------------------------------------------------------------


@coach_required
def attendance_report(request: HttpRequest, slug: str) -> HttpResponse:
    """Attendance rates per format and per person, and feedback per format, for a cohort."""
    cohort = get_object_or_404(Cohort, slug=slug)
    by_format = queries.attendance_rates(cohort, by="format")
    by_person = queries.attendance_rates(cohort, by="person")
    feedback = queries.feedback_by_format(cohort)
    context = {
        "cohort": cohort,
        "by_format": by_format,
        "by_person": by_person,
        "feedback": feedback,
    }
    return render(request, "program/attendance_report.html", context)


# --- iCal feeds ----------------------------------------------------------------------------


@member_required
def feed_settings(request: HttpRequest) -> HttpResponse:
    person = queries.person_of(request.user)
    if person is None:
        raise PermissionDenied
    feed = services.feed_of(person=person)
    base = request.build_absolute_uri("/").rstrip("/")
    cohorts = list(Cohort.objects.filter(roles__person=person).distinct())
    context = {
        "feed": feed,
        "personal_url": base + reverse("program:personal_feed", kwargs={"token": feed.token}),
        "cohort_feeds": [
            {
                "cohort": cohort,
                "url": base
                + reverse("program:cohort_feed", kwargs={"token": feed.token, "slug": cohort.slug}),
            }
            for cohort in cohorts
        ],
    }
    return render(request, "program/feed_settings.html", context)


@member_required
@require_POST
def feed_renew(request: HttpRequest) -> HttpResponse:
    person = queries.person_of(request.user)
    if person is None:
        raise PermissionDenied
    services.renew_feed(person=person)
    messages.success(request, _("Nouvelle adresse créée : l’ancienne ne fonctionne plus."))
    return redirect("program:feed_settings")


def _ics_response(body: bytes) -> HttpResponse:
    response = HttpResponse(body, content_type="text/calendar; charset=utf-8")
    response["Cache-Control"] = "private, max-age=900"
    return response


def personal_feed(request: HttpRequest, token: str) -> HttpResponse:
    """The sessions a person is registered to or expected at (secret address, no login)."""
    feed = get_object_or_404(CalendarFeed.objects.select_related("person"), token=token)
    person = feed.person
    sessions = (
        queries.sessions_expecting(person)
        .filter(ends_at__gte=feed_window_start())
        .select_related("format", "cohort", "challenge")
        .order_by("starts_at", "pk")
    )
    return _ics_response(build_calendar(sessions, name=_("Mes séances EIG")))


def cohort_feed(request: HttpRequest, token: str, slug: str) -> HttpResponse:
    """A cohort's sessions visible to the feed's owner (secret address, no login)."""
    feed = get_object_or_404(CalendarFeed.objects.select_related("person"), token=token)
    cohort = get_object_or_404(Cohort, slug=slug)
    if not feed.person.cohort_roles.filter(cohort=cohort).exists():
        raise Http404
    sessions = (
        queries.sessions_for_person(feed.person)
        .filter(cohort=cohort, ends_at__gte=feed_window_start())
        .select_related("format", "cohort", "challenge")
        .order_by("starts_at", "pk")
    )
    return _ics_response(build_calendar(sessions, name=str(cohort)))


@coach_required
@limits_email_sending
def session_waitlist(request: HttpRequest, pk: int) -> HttpResponse:
    """The waiting list of a session: promote, remove, move up or down (coaches)."""
    session = get_object_or_404(Session.objects.select_related("format", "cohort"), pk=pk)
    if request.method == "POST":
        registration_id = parse_id(request.POST.get("registration"))
        action = request.POST.get("action", "")
        if registration_id is None:
            return HttpResponseBadRequest(_("Inscription inconnue : identifiant invalide."))
        if action not in ("promote", "remove", "up", "down"):
            return HttpResponseBadRequest(_("Action inconnue."))
        try:
            if action == "promote":
                registration = services.promote_from_waitlist(
                    session=session, registration_id=registration_id
                )
                messages.success(
                    request,
                    _("%(name)s a une place et en est prévenu·e par e-mail.")
                    % {"name": registration.person.name},
                )
            elif action == "remove":
                registration = services.remove_from_waitlist(
                    session=session, registration_id=registration_id
                )
                messages.success(
                    request,
                    _("%(name)s n’est plus sur la liste d’attente.")
                    % {"name": registration.person.name},
                )
            else:
                services.move_in_waitlist(
                    session=session,
                    registration_id=registration_id,
                    offset=-1 if action == "up" else 1,
                )
        except services.ProgramError as error:
            messages.error(request, str(error))
        return redirect("program:session_waitlist", pk=session.pk)
    context = {
        "session": session,
        "waitlist": list(queries.waitlisted_registrations(session)),
        "registered_count": session.registrations.filter(
            status=RegistrationStatus.REGISTERED
        ).count(),
    }
    return render(request, "program/session_waitlist.html", context)
