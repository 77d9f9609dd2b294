"""The coaches' report of a challenge's phase (page, edit, publish, acknowledge, PDF) and an
action's status. A report someone may not see (a draft for the team, another challenge's report)
does not exist for them: 404."""

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from magellan.core.downloads import attachment_response
from magellan.core.security import limits_email_sending
from magellan.directory.models import Challenge, Phase
from magellan.directory.queries import person_of

from .. import documents, permissions, queries, scale
from ..forms.reports import (
    AcknowledgeForm,
    ActionFormSet,
    ActionStatusForm,
    ReportForm,
    action_initial,
    action_rows,
)
from ..models import Action, ActionStatus, Axis, Report
from ..services.actions import set_action_status
from ..services.base import ConflictError, EvaluationError
from ..services.reports import acknowledge_report, publish_refusals, publish_report, save_report
from .indicators import breadcrumb


def _challenge_and_phase(slug: str, phase_pk: int) -> tuple[Challenge, Phase]:
    challenge = get_object_or_404(Challenge, slug=slug)
    phase = get_object_or_404(
        Phase.objects.select_related("cohort"), pk=phase_pk, cohort__challenges=challenge
    )
    return challenge, phase


def _report(request: HttpRequest, challenge: Challenge, phase: Phase) -> Report | None:
    """The report as the user may see it (None: none they may see)."""
    return (
        queries.reports_visible_to(request.user)
        .select_related("last_editor", "published_by", "acknowledged_by")
        .prefetch_related("assessments", "actions", "authors")
        .filter(challenge=challenge, phase=phase)
        .first()
    )


def _visible_report(request: HttpRequest, slug: str, phase_pk: int) -> Report:
    challenge, phase = _challenge_and_phase(slug, phase_pk)
    report = _report(request, challenge, phase)
    if report is None:
        raise Http404
    return report


def _report_url(challenge: Challenge, phase: Phase) -> str:
    return reverse("evaluation:report", args=[challenge.slug, phase.pk])


def report_body(report: Report, *, today: Any) -> dict[str, Any]:
    """What the page and its PDF both show: each axis with its level's label, the actions with
    their late mark."""
    by_axis = {a.axis: a for a in report.assessments.all()}
    axes = []
    for axis in Axis:
        assessment = by_axis.get(axis.value)
        level = assessment.level if assessment else None
        axes.append(
            {
                "label": axis.label,
                "level": level,
                "level_label": scale.label(level),
                "comment": assessment.comment if assessment else "",
            }
        )
    actions = [
        {"action": action, "late": queries.is_late(action, today)}
        for action in report.actions.all()
    ]
    return {"axes": axes, "actions": actions, "scale_size": scale.size()}


@login_required
def report(request: HttpRequest, slug: str, phase_pk: int) -> HttpResponse:
    challenge, phase = _challenge_and_phase(slug, phase_pk)
    current = _report(request, challenge, phase)
    can_write = permissions.can_write_reports(request.user)
    if current is None and not can_write:
        raise Http404
    context: dict[str, Any] = {
        "challenge": challenge,
        "phase": phase,
        "report": current,
        "committee": queries.committee_of(challenge, phase),
        "can_write": can_write,
        "breadcrumb": breadcrumb(challenge),
    }
    if current is not None:
        for action in current.actions.all():
            action.report = current  # is_late reads it: no query per action
        context |= report_body(current, today=timezone.localdate())
        context |= {
            "can_edit": can_write and not current.is_published,
            "refusals": publish_refusals(current) if can_write and not current.is_published else [],
            "can_acknowledge": permissions.can_acknowledge_report(request.user, current)
            and current.acknowledged_at is None,
            "can_update_actions": current.is_published
            and permissions.can_update_actions(request.user, challenge),
            "acknowledge_form": AcknowledgeForm(),
            "status_choices": ActionStatus.choices,
            "next": request.get_full_path(),
        }
    return render(request, "evaluation/report_detail.html", context)


@login_required
def report_edit(request: HttpRequest, slug: str, phase_pk: int) -> HttpResponse:
    challenge, phase = _challenge_and_phase(slug, phase_pk)
    current = _report(request, challenge, phase)
    if not permissions.can_write_reports(request.user):
        if current is None:
            raise Http404
        raise PermissionDenied
    if request.method != "POST" and current is not None and current.is_published:
        # A POST goes on to the service, which refuses it: the form comes back with the coach's
        # text (published meanwhile by another coach: nothing they wrote is lost).
        messages.warning(request, _("Ce rapport est publié : il ne se modifie plus."))
        return redirect(_report_url(challenge, phase))
    conflict: Report | None = None
    if request.method == "POST":
        form = ReportForm(request.POST)
        formset = ActionFormSet(request.POST, prefix="actions")
        if form.is_valid() and formset.is_valid():
            try:
                save_report(
                    challenge=challenge,
                    phase=phase,
                    version=form.cleaned_data["version"],
                    by=person_of(request.user),
                    strengths=form.cleaned_data["strengths"],
                    recommendations=form.cleaned_data["recommendations"],
                    assessments=form.assessments(),
                    actions=action_rows(formset),
                )
            except ConflictError as error:
                form.add_error(None, error.message)
                conflict = error.current if isinstance(error.current, Report) else None
            except EvaluationError as error:
                form.add_error(None, error.message)
            else:
                messages.success(request, _("Le rapport est enregistré."))
                return redirect(_report_url(challenge, phase))
    else:
        form = ReportForm(initial=ReportForm.initial_for(current))
        formset = ActionFormSet(initial=action_initial(current), prefix="actions")
    if conflict is not None:
        conflict = Report.objects.prefetch_related("assessments", "actions").get(pk=conflict.pk)
        # The form now starts from the version shown beside it: saving again, once the coach has
        # merged what they want to keep, replaces it knowingly.
        form.data = form.data.copy()
        form.data["version"] = str(conflict.version)
    return render(
        request,
        "evaluation/report_form.html",
        {
            "challenge": challenge,
            "phase": phase,
            "report": current,
            "form": form,
            "formset": formset,
            "conflict": conflict,
            "conflict_body": report_body(conflict, today=timezone.localdate())
            if conflict
            else None,
            "breadcrumb": breadcrumb(
                challenge, (_("Rapport d’évaluation"), _report_url(challenge, phase))
            ),
        },
    )


def _writer_report(request: HttpRequest, slug: str, phase_pk: int) -> Report:
    report = _visible_report(request, slug, phase_pk)
    if not permissions.can_write_reports(request.user):
        raise PermissionDenied
    return report


@require_POST
@login_required
@limits_email_sending
def report_publish(request: HttpRequest, slug: str, phase_pk: int) -> HttpResponse:
    current = _writer_report(request, slug, phase_pk)
    try:
        publish_report(report=current, by=person_of(request.user))
    except EvaluationError as error:
        messages.error(request, error.message)
    else:
        messages.success(
            request, _("Le rapport est publié : l’équipe, le porteur et le sponsor sont prévenus.")
        )
    return redirect(_report_url(current.challenge, current.phase))


@require_POST
@login_required
@limits_email_sending
def report_acknowledge(request: HttpRequest, slug: str, phase_pk: int) -> HttpResponse:
    current = _visible_report(request, slug, phase_pk)
    person = person_of(request.user)
    if person is None or not permissions.can_acknowledge_report(request.user, current):
        raise PermissionDenied
    form = AcknowledgeForm(request.POST)
    form.is_valid()
    try:
        acknowledge_report(report=current, by=person, text=form.cleaned_data.get("text", ""))
    except EvaluationError as error:
        messages.error(request, error.message)
    else:
        messages.success(
            request, _("Le bilan interne de l’équipe est noté ; les coachs le savent.")
        )
    return redirect(_report_url(current.challenge, current.phase))


@login_required
def report_pdf(request: HttpRequest, slug: str, phase_pk: int) -> HttpResponse:
    current = _visible_report(request, slug, phase_pk)
    for action in current.actions.all():
        action.report = current
    context = {
        "challenge": current.challenge,
        "phase": current.phase,
        "report": current,
        "committee": queries.committee_of(current.challenge, current.phase),
        **report_body(current, today=timezone.localdate()),
    }
    content = documents.render_pdf("evaluation/report_print.html", context, request=request)
    name = f"rapport-{current.challenge.slug}-phase-{current.phase.kind}.pdf"
    return attachment_response(content, content_type="application/pdf", name=name)


@require_POST
@login_required
def action_status(request: HttpRequest, pk: int) -> HttpResponse:
    action = get_object_or_404(
        Action.objects.select_related("report__challenge", "report__phase"), pk=pk
    )
    challenge = action.report.challenge
    if not permissions.can_view_report(request.user, action.report):
        raise Http404
    if not permissions.can_update_actions(request.user, challenge):
        raise PermissionDenied
    form = ActionStatusForm(request.POST)
    if form.is_valid():
        try:
            set_action_status(
                action=action,
                status=form.cleaned_data["status"],
                comment=form.cleaned_data["comment"],
                by=person_of(request.user),
            )
        except EvaluationError as error:
            messages.error(request, error.message)
        else:
            messages.success(request, _("L’état de l’action est enregistré."))
    else:
        messages.error(request, _("Choisissez un état de la liste."))
    target = request.POST.get("next", "")
    if not url_has_allowed_host_and_scheme(
        target, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        target = _report_url(challenge, action.report.phase)
    return redirect(target)
