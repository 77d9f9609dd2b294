"""Group pages for coaches: form, edit, publish, plan a series, see the encounters. Thin views."""

from collections.abc import Callable
from functools import wraps
from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from magellan.core.models import JobStatus
from magellan.directory.models import Cohort, Profession
from magellan.program.models import Format, Session

from . import permissions, queries, services, tasks
from .forms import MAX_SEED, MoveForm, SeedForm
from .models import Grouping

View = Callable[..., HttpResponse]
PROFESSIONS = dict(Profession.choices)


def coach_required(view: View) -> View:
    """Coaches only: anonymous users go to the login page, other members get a 403."""

    @login_required
    @wraps(view)
    def wrapped(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        if not permissions.can_manage_groups(request.user):
            raise PermissionDenied
        return view(request, *args, **kwargs)

    return wrapped


def _group_session(pk: int) -> Session:
    session = get_object_or_404(Session.objects.select_related("format", "cohort"), pk=pk)
    if not queries.forms_groups(session):
        raise Http404
    return session


def _explained_groups(grouping: Grouping) -> tuple[Any, list[dict[str, Any]]]:
    """The grouping's evaluation and, per group, its members with their participant data."""
    evaluation, participants = services.evaluate_grouping(grouping)
    scores = {score.number: score for score in evaluation.groups}
    groups = []
    for group in grouping.groups.all():
        score = scores.get(group.number)
        members = [
            {
                "person": member.person,
                "participant": participants.get(str(member.person_id)),
                "new": score.new_encounters.get(str(member.person_id), 0) if score else 0,
            }
            for member in group.members.all()
        ]
        names = {str(m.person_id): m.person.name for m in group.members.all()}
        counts = score.counts if score else {}
        groups.append(
            {
                "group": group,
                "members": members,
                "score": score,
                "professions": [
                    (PROFESSIONS.get(value, value), count)
                    for value, count in counts.get("profession", {}).items()
                ],
                "administrations": sorted(counts.get("administration", {}).items()),
                "new_total": sum(score.new_encounters.values()) // 2 if score else 0,
                "violations": [
                    {"violation": v, "names": [names.get(i, i) for i in v.ids]}
                    for v in (score.violations if score else ())
                ],
                "repeat_names": [
                    (names.get(a, a), names.get(b, b))
                    for a, b in (score.repeat_pairs if score else ())
                ],
            }
        )
    return evaluation, groups


@coach_required
def cohort_groups(request: HttpRequest, slug: str) -> HttpResponse:
    cohort = get_object_or_404(Cohort, slug=slug)
    context = {
        "cohort": cohort,
        "sessions": queries.cohort_group_sessions(cohort),
        "formats": queries.group_formats(cohort),
    }
    return render(request, "grouping/cohort_groups.html", context)


@coach_required
def session_groups(request: HttpRequest, pk: int) -> HttpResponse:
    session = _group_session(pk)
    grouping = queries.grouping_with_members(session)
    evaluation, groups = _explained_groups(grouping) if grouping else (None, [])
    next_seed = grouping.seed % MAX_SEED + 1 if grouping else 1
    context = {
        "session": session,
        "grouping": grouping,
        "evaluation": evaluation,
        "groups": groups,
        "seed_form": SeedForm(initial={"seed": next_seed}),
        "expected_count": len(queries.expected_people(session)),
    }
    return render(request, "grouping/session_groups.html", context)


@coach_required
@require_POST
def session_form(request: HttpRequest, pk: int) -> HttpResponse:
    session = _group_session(pk)
    form = SeedForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("La graine doit être un nombre entier entre 1 et 1 000 000."))
        return redirect("grouping:session_groups", pk=session.pk)
    job = tasks.start_forming_groups(
        session=session, seed=form.cleaned_data["seed"], user=request.user
    )
    job.refresh_from_db()
    if job.status == JobStatus.FAILED:
        messages.error(request, job.error)
        return redirect("grouping:session_groups", pk=session.pk)
    if job.is_finished:
        messages.success(
            request, _("Groupes formés (graine %(seed)s).") % {"seed": form.cleaned_data["seed"]}
        )
        return redirect("grouping:session_groups", pk=session.pk)
    return redirect(job.get_absolute_url())


@coach_required
@require_POST
def member_move(request: HttpRequest, pk: int) -> HttpResponse:
    session = _group_session(pk)
    grouping = get_object_or_404(Grouping, session=session)
    form = MoveForm(request.POST, grouping=grouping)
    if not form.is_valid():
        messages.error(request, _("Choisissez une personne et un groupe de cette séance."))
        return redirect("grouping:session_groups", pk=session.pk)
    person, group = form.cleaned_data["person"], form.cleaned_data["group"]
    try:
        evaluation = services.move_member(grouping=grouping, person=person, group=group)
    except services.GroupingError as error:
        messages.error(request, str(error))
        return redirect("grouping:session_groups", pk=session.pk)
    text = _("%(person)s est maintenant dans le groupe %(number)s.") % {
        "person": person.name,
        "number": group.number,
    }
    if evaluation.violations:
        messages.warning(
            request,
            text
            + " "
            + _("Attention : %(count)s contrainte(s) non respectée(s), signalée(s) ci-dessous.")
            % {"count": evaluation.violations},
        )
    else:
        messages.success(request, text)
    return redirect(f"{grouping.get_absolute_url()}#groupe-{group.number}")


@coach_required
@require_POST
def publish(request: HttpRequest, pk: int) -> HttpResponse:
    session = _group_session(pk)
    grouping = get_object_or_404(Grouping, session=session)
    try:
        tasks.publish_and_announce(grouping=grouping)
    except services.GroupingError as error:
        messages.error(request, str(error))
    else:
        messages.success(
            request, _("Groupes publiés : chaque participant voit le sien et reçoit un e-mail.")
        )
    return redirect("grouping:session_groups", pk=session.pk)


@coach_required
@require_POST
def unpublish(request: HttpRequest, pk: int) -> HttpResponse:
    session = _group_session(pk)
    grouping = get_object_or_404(Grouping, session=session)
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
def series(request: HttpRequest, slug: str, format_slug: str) -> HttpResponse:
    cohort = get_object_or_404(Cohort, slug=slug)
    format = get_object_or_404(Format, slug=format_slug)
    if format.grouping_mode not in queries.FORMING_MODES:
        raise Http404
    form = SeedForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            job = tasks.start_planning_series(
                cohort=cohort, format=format, seed=form.cleaned_data["seed"], user=request.user
            )
        except services.GroupingError as error:
            messages.error(request, str(error))
            return redirect("grouping:series", slug=cohort.slug, format_slug=format.slug)
        job.refresh_from_db()
        if job.status == JobStatus.FAILED:
            messages.error(request, job.error)
        elif job.is_finished:
            messages.success(request, job.message)
        else:
            return redirect(job.get_absolute_url())
        return redirect("grouping:series", slug=cohort.slug, format_slug=format.slug)
    sessions = queries.series_sessions(cohort, format)
    context = {
        "cohort": cohort,
        "format": format,
        "sessions": sessions,
        "remaining": [s for s in sessions if s.starts_at > timezone.now()],
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
