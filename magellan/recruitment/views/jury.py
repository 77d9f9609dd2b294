"""The jury's pages: the coaches' jury of a call (reviewers, assignment per stage), a reviewer's
conflicts and reviews, the ranking with its decisions and CSV export, the inclusive-recruitment
guide. Thin views: rules in services/jury.py, visibility in permissions.py and queries.py."""

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from magellan.core.decorators import allowed_by
from magellan.core.downloads import attachment_response
from magellan.exports import writers

from .. import permissions, queries
from ..forms.jury import ConflictsForm, DecisionForm, ReviewerForm, ReviewForm, SelectForm
from ..models import (
    Application,
    ApplicationStatus,
    Assignment,
    Call,
    Review,
    Reviewer,
    Stage,
)
from ..ranking import ranking_groups
from ..services import jury as services

coach_required = allowed_by(permissions.can_manage_recruitment)


def _call(pk: int) -> Call:
    return get_object_or_404(Call.objects.select_related("cohort"), pk=pk)


def _seat(request: HttpRequest, call: Call) -> Reviewer:
    """The user's seat on the call's jury: coaches who are not on it get a 403, others a 404."""
    reviewer = permissions.reviewer_of(request.user, call)
    if reviewer is None:
        if permissions.can_manage_recruitment(request.user):
            raise PermissionDenied
        raise Http404
    return reviewer


def _stage(call: Call, stage: str) -> str:
    if stage not in services.stages_of(call):
        raise Http404
    return stage


# --- The coaches' jury page ----------------------------------------------------------------------


@coach_required
def jury(request: HttpRequest, pk: int) -> HttpResponse:
    """A call's jury: its reviewers and their declarations, the assignment of each stage."""
    call = _call(pk)
    reviewers = list(queries.reviewers_of(call))
    for reviewer in reviewers:
        seats = list(reviewer.assignments.all())
        reviewer.assigned = len(seats)  # type: ignore[attr-defined]
        reviewer.submitted = sum(  # type: ignore[attr-defined]
            1 for a in seats if hasattr(a, "review") and a.review.submitted_at
        )
    stages = []
    for stage in services.stages_of(call):
        assignments = Assignment.objects.filter(reviewer__call=call, stage=stage)
        stages.append(
            {
                "value": stage,
                "label": Stage(stage).label,
                "subjects": len(services.subjects_to_review(call, stage)),
                "assignments": assignments.count(),
                "submitted": assignments.filter(review__submitted_at__isnull=False).count(),
            }
        )
    return render(
        request,
        "recruitment/jury_call.html",
        {"call": call, "reviewers": reviewers, "stages": stages, "form": ReviewerForm()},
    )


@coach_required
def reviewer_add(request: HttpRequest, pk: int) -> HttpResponse:
    """Seat a member or an invited expert on the call's jury."""
    call = _call(pk)
    form = ReviewerForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        member = form.cleaned_data["member"]
        try:
            reviewer = services.add_reviewer(
                call=call,
                kind=form.cleaned_data["kind"],
                user=member.user if member else None,
                email=form.cleaned_data["email"] or "",
            )
        except services.JuryError as error:
            form.add_error(None, str(error))
        else:
            messages.success(request, _("%(user)s fait partie du jury.") % {"user": reviewer.user})
            return redirect("recruitment:jury", pk=call.pk)
    return render(request, "recruitment/jury_reviewer_form.html", {"call": call, "form": form})


@coach_required
@require_POST
def reviewer_remove(request: HttpRequest, pk: int) -> HttpResponse:
    """Take a reviewer off the jury (none of their reviews submitted)."""
    reviewer = get_object_or_404(Reviewer.objects.select_related("user"), pk=pk)
    try:
        services.remove_reviewer(reviewer=reviewer)
    except services.JuryError as error:
        messages.error(request, str(error))
    else:
        messages.success(
            request, _("%(user)s ne fait plus partie du jury.") % {"user": reviewer.user}
        )
    return redirect("recruitment:jury", pk=reviewer.call_id)


@coach_required
@require_POST
def assign(request: HttpRequest, pk: int, stage: str) -> HttpResponse:
    """Assign the stage's subjects to the jury (exact, balanced, conflicts excluded)."""
    call = _call(pk)
    _stage(call, stage)
    try:
        outcome = services.assign_reviewers(call=call, stage=stage)
    except services.JuryError as error:
        messages.error(request, str(error))
    else:
        messages.success(
            request,
            _(
                "%(created)s attributions faites, %(kept)s gardées (une évaluation est "
                "commencée) ; de %(min)s à %(max)s par membre du jury."
            )
            % {
                "created": outcome.created,
                "kept": outcome.kept,
                "min": outcome.min_load,
                "max": outcome.max_load,
            },
        )
    return redirect("recruitment:jury", pk=call.pk)


# --- A reviewer's pages --------------------------------------------------------------------------


@login_required
def conflicts(request: HttpRequest, pk: int) -> HttpResponse:
    """A reviewer declares their conflicts of interest on the call's dossiers or candidates."""
    call = _call(pk)
    reviewer = _seat(request, call)
    subjects = services.subjects_to_review(call, services.stages_of(call)[0])
    declared = {
        int(c.application_id or c.dossier_id or 0): c.reason for c in reviewer.conflicts.all()
    }
    form = ConflictsForm(request.POST or None, subjects=subjects, declared=declared)
    if request.method == "POST" and form.is_valid():
        try:
            services.declare_conflicts(
                reviewer=reviewer,
                conflicts=form.conflicts(),
                complete=form.cleaned_data["complete"],
            )
        except services.JuryError as error:
            form.add_error(None, str(error))
        else:
            messages.success(request, _("Vos conflits d’intérêts sont enregistrés."))
            return redirect("recruitment:jury_reviews", pk=call.pk)
    return render(
        request,
        "recruitment/jury_conflicts.html",
        {"call": call, "reviewer": reviewer, "form": form},
    )


def _label_for(user: Any, assignment: Assignment) -> str:
    subject = services.subject_of(assignment)
    if assignment.application_id is None:
        return services.subject_label(subject)
    call = assignment.reviewer.call
    if permissions.hides_identity(user, call, assignment.stage):
        return services.subject_label(subject)
    application = assignment.application
    assert application is not None  # noqa: S101 - checked above
    name = f"{application.first_name} {application.last_name}".strip()
    return f"{application.reference} — {name}" if name else application.reference


@login_required
def jury_reviews(request: HttpRequest, pk: int) -> HttpResponse:
    """A reviewer's assignments on a call, and where each review stands."""
    call = _call(pk)
    reviewer = _seat(request, call)
    assignments = list(
        queries.assignments_visible_to(request.user)
        .filter(reviewer=reviewer)
        .order_by("stage", "pk")
    )
    rows = [
        {
            "assignment": a,
            "label": _label_for(request.user, a),
            "review": getattr(a, "review", None),
        }
        for a in assignments
    ]
    return render(
        request,
        "recruitment/jury_reviews.html",
        {"call": call, "reviewer": reviewer, "rows": rows},
    )


@login_required
def review(request: HttpRequest, pk: int) -> HttpResponse:
    """The assigned reviewer scores the subject; once submitted, they see the others' reviews."""
    assignment = get_object_or_404(
        Assignment.objects.select_related(
            "reviewer__call__cohort", "reviewer__user", "application", "dossier__administration"
        ),
        pk=pk,
    )
    call = assignment.reviewer.call
    if not permissions.can_review(request.user, assignment):
        if (
            assignment.reviewer.user_id == request.user.pk
            and assignment.reviewer.conflicts_declared_at is None
        ):
            messages.info(request, _("Déclarez d’abord vos conflits d’intérêts."))
            return redirect("recruitment:conflicts", pk=call.pk)
        if permissions.can_manage_recruitment(request.user):
            raise PermissionDenied
        raise Http404
    current = Review.objects.filter(assignment=assignment).prefetch_related("scores").first()
    criteria = services.criteria_of(assignment)
    submitted = current is not None and current.submitted_at is not None
    form = None
    if not submitted:
        form = ReviewForm(request.POST or None, criteria=criteria, review=current)
        if request.method == "POST" and form.is_valid():
            try:
                services.save_review(
                    assignment=assignment,
                    by=request.user,
                    scores=form.scores(),
                    opinion=form.cleaned_data["opinion"],
                    comment=form.cleaned_data["comment"],
                    version=form.cleaned_data["version"],
                    submit="submit" in request.POST,
                )
            except services.JuryError as error:
                form.add_error(None, str(error))
            else:
                if "submit" in request.POST:
                    messages.success(request, _("Votre évaluation est remise."))
                else:
                    messages.success(request, _("Votre brouillon est enregistré."))
                return redirect("recruitment:review", pk=assignment.pk)
    others: list[Review] = []
    if submitted:
        subject_filter = (
            {"assignment__application_id": assignment.application_id}
            if assignment.application_id
            else {"assignment__dossier_id": assignment.dossier_id}
        )
        others = list(
            Review.objects.filter(
                assignment__stage=assignment.stage, submitted_at__isnull=False, **subject_filter
            )
            .exclude(assignment=assignment)
            .select_related("assignment__reviewer__user__person")
            .prefetch_related("scores__criterion")
            .order_by("submitted_at")
        )
    return render(
        request,
        "recruitment/review_form.html",
        {
            "call": call,
            "assignment": assignment,
            "subject": services.subject_of(assignment),
            "label": _label_for(request.user, assignment),
            "hidden": permissions.hides_identity(request.user, call, assignment.stage),
            "criteria": criteria,
            "form": form,
            "review": current,
            "submitted": submitted,
            "others": others,
            "is_coach": permissions.can_manage_recruitment(request.user),
        },
    )


# --- Ranking and decisions -----------------------------------------------------------------------


@coach_required
def ranking(request: HttpRequest, pk: int, stage: str) -> HttpResponse:
    """The stage's ranking per challenge and profile, with the disagreement flag and decisions."""
    call = _call(pk)
    _stage(call, stage)
    return render(
        request,
        "recruitment/ranking.html",
        {
            "call": call,
            "stage": Stage(stage),
            "stages": [Stage(s) for s in services.stages_of(call)],
            "groups": ranking_groups(call, stage),
            "statuses": ApplicationStatus,
        },
    )


@coach_required
def ranking_export(request: HttpRequest, pk: int, stage: str) -> HttpResponse:
    """The stage's ranking as CSV (UTF-8 with BOM, `;`)."""
    call = _call(pk)
    _stage(call, stage)
    headers = [
        _("Groupe"),
        _("Référence"),
        _("Nom"),
        _("Moyenne pondérée"),
        _("Évaluations remises"),
        _("Écart entre évaluateurs"),
        _("Désaccord"),
        _("Décision"),
        _("Rang en liste d’attente"),
    ]
    rows = []
    for group in ranking_groups(call, stage):
        for row in group.rows:
            subject = row.subject
            if isinstance(subject, Application):
                name = f"{subject.first_name} {subject.last_name}".strip()
                reference = subject.reference
            else:
                name, reference = subject.title, str(subject.pk)
            rows.append(
                [
                    group.title,
                    reference,
                    name,
                    round(row.mean, 2) if row.mean is not None else "",
                    row.reviews,
                    round(row.spread, 2) if row.spread is not None else "",
                    _("oui") if row.disagreement else "",
                    subject.get_status_display(),
                    getattr(subject, "waiting_rank", None) or "",
                ]
            )
    return attachment_response(
        writers.to_csv(headers, rows),
        content_type="text/csv; charset=utf-8",
        name=f"classement-{call.pk}-{stage}-{timezone.localdate():%Y-%m-%d}.csv",
    )


def _ranking_of(application: Application) -> str:
    stage = (
        Stage.PRESELECTION
        if application.status in (ApplicationStatus.RECEIVED, ApplicationStatus.NOT_PRESELECTED)
        else Stage.INTERVIEW
    )
    return reverse("recruitment:ranking", args=[application.call_id, stage])


@coach_required
@require_POST
def decide(request: HttpRequest, pk: int) -> HttpResponse:
    """Record a decision on an application from the ranking."""
    application = get_object_or_404(Application, pk=pk)
    form = DecisionForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Choisissez une décision dans la liste."))
        return redirect(_ranking_of(application))
    try:
        application = services.decide_application(
            application=application,
            status=form.cleaned_data["status"],
            challenge=form.cleaned_data["challenge"],
        )
    except services.JuryError as error:
        messages.error(request, str(error))
    else:
        messages.success(
            request,
            _("%(reference)s : %(decision)s.")
            % {"reference": application.reference, "decision": application.get_status_display()},
        )
    return redirect(_ranking_of(application))


@coach_required
@require_POST
def waiting_move(request: HttpRequest, pk: int) -> HttpResponse:
    """Move an application within its challenge's waiting list."""
    application = get_object_or_404(Application, pk=pk)
    try:
        rank = int(request.POST.get("rank", ""))
    except ValueError:
        messages.error(request, _("Donnez un rang (un nombre entier)."))
        return redirect(_ranking_of(application))
    try:
        application = services.move_in_waiting_list(application=application, rank=rank)
    except services.JuryError as error:
        messages.error(request, str(error))
    else:
        messages.success(
            request,
            _("%(reference)s est n° %(rank)s de la liste d’attente.")
            % {"reference": application.reference, "rank": application.waiting_rank},
        )
    return redirect(_ranking_of(application))


@coach_required
def select(request: HttpRequest, pk: int) -> HttpResponse:
    """Recruit a candidate: their directory entry, fellow role, challenge and onboarding."""
    application = get_object_or_404(Application.objects.select_related("call__cohort"), pk=pk)
    if application.person_id is not None:
        messages.info(request, _("Cette personne a déjà été recrutée."))
        return redirect(_ranking_of(application))
    form = SelectForm(request.POST or None, application=application)
    if request.method == "POST" and form.is_valid():
        try:
            person = services.select_candidate(
                application=application,
                challenge=form.cleaned_data["challenge"],
                arrival_date=form.cleaned_data["arrival_date"],
                by=request.user,
            )
        except services.JuryError as error:
            form.add_error(None, str(error))
        else:
            messages.success(
                request,
                _("%(name)s rejoint la promotion : sa liste d’intégration est prête.")
                % {"name": person.name},
            )
            return redirect(_ranking_of(application))
    return render(
        request,
        "recruitment/ranking_select.html",
        {"application": application, "call": application.call, "form": form},
    )


# --- The guide -----------------------------------------------------------------------------------


@allowed_by(permissions.can_read_jury_guide)
def guide_inclusive(request: HttpRequest) -> HttpResponse:
    """Guidance for juries on inclusive recruitment."""
    return render(request, "recruitment/guide_inclusive.html")
