"""Group pages for coaches: form, edit, publish, plan a series, see the encounters. Thin views."""

from django.contrib import messages
from django.http import Http404, HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.http import require_POST

from magellan.core.decorators import allowed_by
from magellan.core.security import limits_email_sending
from magellan.core.views import follow_job
from magellan.directory.models import Cohort
from magellan.program.models import Format, Session

from . import permissions, queries, services, tasks
from .explanations import explain
from .forms import MoveForm, SeedForm
from .models import Grouping, next_seed

coach_required = allowed_by(permissions.can_manage_groups)


def _group_session(pk: int) -> Session:
    session = get_object_or_404(Session.objects.select_related("format", "cohort"), pk=pk)
    if not queries.forms_groups(session):
        raise Http404
    return session


@coach_required
def cohort_groups(request: HttpRequest, slug: str) -> HttpResponse:
    cohort = get_object_or_404(Cohort, slug=slug)
    context = {
        "cohort": cohort,
        "sessions": queries.cohort_group_sessions(cohort),
        "formats": queries.group_formats(cohort),
    }
    return render(request, "grouping/cohort_groups.html", context)


def _next_seed(grouping: Grouping | None) -> int:
    return next_seed(grouping.seed if grouping else None)


@coach_required
def session_groups(request: HttpRequest, pk: int) -> HttpResponse:
    session = _group_session(pk)
    grouping = queries.working_grouping(session)
    published = None
    if grouping is not None and not grouping.is_published:
        published = queries.published_grouping(session)
    explanation = explain(grouping) if grouping else None
    context = {
        "session": session,
        "grouping": grouping,
        "published": published,
        "has_published": grouping is not None and (grouping.is_published or published is not None),
        "explanation": explanation,
        "groups": explanation.groups if explanation else (),
        "seed_form": SeedForm(initial={"seed": _next_seed(grouping)}),
        "expected_count": len(queries.expected_people(session)),
    }
    return render(request, "grouping/session_groups.html", context)


@coach_required
def session_reform(request: HttpRequest, pk: int) -> HttpResponse:
    """The confirmation asked before forming a new proposal for published groups."""
    session = _group_session(pk)
    published = queries.published_grouping(session)
    if published is None:
        return redirect("grouping:session_groups", pk=session.pk)
    grouping = queries.working_grouping(session)
    context = {
        "session": session,
        "published": published,
        "draft": grouping if grouping is not None and not grouping.is_published else None,
        "seed_form": SeedForm(initial={"seed": _next_seed(grouping), "confirm": True}),
    }
    return render(request, "grouping/session_reform.html", context)


@coach_required
@require_POST
def session_form(request: HttpRequest, pk: int) -> HttpResponse:
    session = _group_session(pk)
    form = SeedForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Demande incomplète : rechargez la page et réessayez."))
        return redirect("grouping:session_groups", pk=session.pk)
    if not form.cleaned_data["confirm"] and queries.has_published_groups(session):
        return redirect("grouping:session_reform", pk=session.pk)
    had_groups = Grouping.objects.filter(session=session).exists()
    job = tasks.start_forming_groups(
        session=session, seed=form.cleaned_data["seed"], user=request.user
    )
    return follow_job(
        request,
        job,
        result_url=reverse("grouping:session_groups", kwargs={"pk": session.pk}),
        success=_("Nouvelle proposition formée.") if had_groups else _("Groupes formés."),
    )


def _wants_json(request: HttpRequest) -> bool:
    """A move made by dragging (grouping/move.js) asks for JSON: it then reloads the groups."""
    return "application/json" in request.headers.get("Accept", "")


@coach_required
@require_POST
def member_move(request: HttpRequest, pk: int) -> HttpResponse:
    session = _group_session(pk)
    form = MoveForm(request.POST, session=session)
    if not form.is_valid():
        message = _("Choisissez une personne et un groupe de cette séance.")
        if _wants_json(request):
            return JsonResponse({"message": message}, status=400)
        messages.error(request, message)
        return redirect("grouping:session_groups", pk=session.pk)
    person, group = form.cleaned_data["person"], form.cleaned_data["group"]
    try:
        evaluation = services.move_member(grouping=group.grouping, person=person, group=group)
    except services.GroupingError as error:
        if _wants_json(request):
            return JsonResponse({"message": str(error)}, status=409)
        messages.error(request, str(error))
        return redirect("grouping:session_groups", pk=session.pk)
    text = _("%(person)s est maintenant dans le groupe %(number)s.") % {
        "person": person.name,
        "number": group.number,
    }
    level = "success"
    if evaluation.violations:
        level = "warning"
        text += " " + _(
            "Attention : %(count)s contrainte(s) non respectée(s), signalée(s) ci-dessous."
        ) % {"count": evaluation.violations}
    if _wants_json(request):
        return JsonResponse({"message": text, "level": level})
    getattr(messages, level)(request, text)
    url = reverse("grouping:session_groups", kwargs={"pk": session.pk})
    return redirect(f"{url}#groupe-{group.number}")


@coach_required
@require_POST
@limits_email_sending
def publish(request: HttpRequest, pk: int) -> HttpResponse:
    session = _group_session(pk)
    grouping = Grouping.objects.drafts().filter(session=session).first()
    if grouping is None:
        if queries.has_published_groups(session):
            messages.error(request, _("Ces groupes sont déjà publiés."))
        else:
            messages.error(request, _("Il n’y a aucun groupe à publier."))
        return redirect("grouping:session_groups", pk=session.pk)
    try:
        publication = tasks.publish_and_announce(grouping=grouping)
    except services.GroupingError as error:
        messages.error(request, str(error))
    else:
        if publication.changed is None:
            text = _("Groupes publiés : chaque participant voit le sien et reçoit un e-mail.")
        else:
            told = len(publication.changed) + len(publication.removed)
            text = ngettext(
                "Nouveaux groupes publiés : ils remplacent les précédents ; "
                "%(count)s personne dont le groupe a changé reçoit un e-mail.",
                "Nouveaux groupes publiés : ils remplacent les précédents ; "
                "%(count)s personnes dont le groupe a changé reçoivent un e-mail.",
                told,
            ) % {"count": told}
        messages.success(request, text)
    return redirect("grouping:session_groups", pk=session.pk)


@coach_required
@require_POST
def unpublish(request: HttpRequest, pk: int) -> HttpResponse:
    session = _group_session(pk)
    grouping = Grouping.objects.published().filter(session=session).first()
    if grouping is None:
        messages.error(request, _("Ces groupes ne sont pas publiés."))
        return redirect("grouping:session_groups", pk=session.pk)
    try:
        services.unpublish_grouping(grouping=grouping)
    except services.GroupingError as error:
        messages.error(request, str(error))
    else:
        messages.success(
            request, _("Groupes repassés en brouillon : les participants ne les voient plus.")
        )
    return redirect("grouping:session_groups", pk=session.pk)


@coach_required
@require_POST
def discard(request: HttpRequest, pk: int) -> HttpResponse:
    session = _group_session(pk)
    try:
        services.discard_draft(session=session)
    except services.GroupingError as error:
        messages.error(request, str(error))
    else:
        messages.success(
            request, _("Nouvelle proposition abandonnée : les groupes publiés restent en place.")
        )
    return redirect("grouping:session_groups", pk=session.pk)


@coach_required
def series(request: HttpRequest, slug: str, format_slug: str) -> HttpResponse:
    cohort = get_object_or_404(Cohort, slug=slug)
    format = get_object_or_404(Format, slug=format_slug)
    if format.grouping_mode not in queries.FORMING_MODES:
        raise Http404
    form = SeedForm(
        request.POST or None, initial={"seed": queries.next_series_seed(cohort, format)}
    )
    if request.method == "POST" and not form.is_valid():
        messages.error(request, _("Demande incomplète : rechargez la page et réessayez."))
        return redirect("grouping:series", slug=cohort.slug, format_slug=format.slug)
    if request.method == "POST":
        try:
            job = tasks.start_planning_series(
                cohort=cohort, format=format, seed=form.cleaned_data["seed"], user=request.user
            )
        except services.GroupingError as error:
            messages.error(request, str(error))
            return redirect("grouping:series", slug=cohort.slug, format_slug=format.slug)
        return follow_job(
            request,
            job,
            result_url=reverse(
                "grouping:series", kwargs={"slug": cohort.slug, "format_slug": format.slug}
            ),
        )
    sessions = queries.series_sessions(cohort, format)
    remaining = [s for s in sessions if s.starts_at > timezone.now()]
    context = {
        "cohort": cohort,
        "format": format,
        "sessions": sessions,
        "remaining": remaining,
        "planned": any(s.grouping_or_none for s in remaining),  # type: ignore[attr-defined]
        "form": form,
    }
    return render(request, "grouping/series.html", context)


@coach_required
def encounters(request: HttpRequest, slug: str) -> HttpResponse:
    cohort = get_object_or_404(Cohort, slug=slug)
    people = queries.cohort_fellows(cohort)
    summary = queries.cohort_encounters(cohort, before=timezone.now(), people=people)
    counts = sorted(row.met for row in summary.people)
    median = counts[len(counts) // 2] if counts else 0
    context = {"cohort": cohort, "summary": summary, "few_threshold": median // 2}
    return render(request, "grouping/encounters.html", context)
