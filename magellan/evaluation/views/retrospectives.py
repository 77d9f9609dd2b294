"""The team's retrospective of a phase: read, edit (fellows and project owner while open), submit,
reopen (coaches), comment. Thin: rules in services/retrospectives.py, reads in queries.py."""

from typing import Any, cast

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from magellan.core.security import limits_email_sending
from magellan.directory.models import Challenge, Phase
from magellan.directory.queries import person_of
from magellan.logbook.queries import competences_of

from .. import permissions, queries
from ..forms.retrospectives import (
    ActionReviewForm,
    CommentForm,
    ObjectiveFormSet,
    RetrospectiveForm,
)
from ..models import Action, Retrospective
from ..services import retrospectives as services
from ..services.base import ConflictError, EvaluationError
from .indicators import breadcrumb


def _retrospective_link(challenge: Challenge, phase: Phase) -> tuple[str, str]:
    return (
        _("Rétrospective de l’équipe"),
        reverse("evaluation:retrospective", args=[challenge.slug, phase.pk]),
    )


def _challenge_and_phase(
    request: HttpRequest, slug: str, phase_pk: int, allowed: Any
) -> tuple[Challenge, Phase]:
    challenge = get_object_or_404(Challenge, slug=slug)
    if not allowed(request.user, challenge):
        raise PermissionDenied
    phase = get_object_or_404(
        Phase.objects.select_related("cohort"), pk=phase_pk, cohort__challenges=challenge
    )
    return challenge, phase


def _retrospective(challenge: Challenge, phase: Phase) -> Retrospective | None:
    return (
        Retrospective.objects.filter(challenge=challenge, phase=phase)
        .select_related("last_editor", "submitted_by")
        .first()
    )


def _window(challenge: Challenge, phase: Phase) -> dict[str, Any]:
    """The committee, the opening day, and whether the retrospective is open today."""
    committee = queries.committee_of(challenge, phase)
    return {
        "committee": committee,
        "opens_on": queries.retrospective_opens_on(committee) if committee else None,
        "is_open": queries.is_retrospective_open(committee, timezone.localdate()),
    }


def _reviewed(actions: list[Action], retrospective: Retrospective | None) -> list[Action]:
    """Each carried action with `review`, the retrospective's point on it (or None)."""
    reviews = {}
    if retrospective is not None:
        reviews = {review.action_id: review for review in retrospective.action_reviews.all()}
    today = timezone.localdate()
    for action in actions:
        action.review = reviews.get(action.pk)  # type: ignore[attr-defined]
        action.late = queries.is_late(action, today)  # type: ignore[attr-defined]
    return actions


def _carried(
    challenge: Challenge, phase: Phase, retrospective: Retrospective | None
) -> list[Action]:
    return list(queries.carried_actions(challenge, phase, retrospective).select_related("report"))


@login_required
def retrospective(request: HttpRequest, slug: str, phase_pk: int) -> HttpResponse:
    """The retrospective as written so far (team and coaches), its state and its comments."""
    challenge, phase = _challenge_and_phase(request, slug, phase_pk, permissions.can_view_challenge)
    found = _retrospective(challenge, phase)
    objectives = list(found.objectives.all()) if found else []
    comments = list(found.comments.select_related("author")) if found else []
    notes = found.competence_notes if found else {}
    can_write = permissions.can_write_team_documents(request.user, challenge)
    window = _window(challenge, phase)
    return render(
        request,
        "evaluation/retrospective_detail.html",
        {
            "challenge": challenge,
            "phase": phase,
            "retrospective": found,
            "objectives": objectives,
            "competences": [(c, notes.get(c, "")) for c in competences_of(phase)],
            "indicators": queries.indicators_of(challenge),
            "actions": _reviewed(_carried(challenge, phase, found), found),
            "comments": comments,
            "asks_outlook": services.asks_outlook(phase),
            "can_edit": can_write and window["is_open"] and not (found and found.is_submitted),
            "can_submit": can_write and found is not None and not found.is_submitted,
            "can_reopen": permissions.can_reopen_retrospective(request.user)
            and found is not None
            and found.is_submitted,
            "can_comment": found is not None
            and permissions.can_comment_retrospective(request.user, challenge),
            "comment_form": CommentForm(),
            "breadcrumb": breadcrumb(challenge),
            **window,
        },
    )


def _objective_initial(retrospective: Retrospective | None) -> list[dict[str, Any]]:
    if retrospective is None:
        return []
    return [
        {"pk": o.pk, "text": o.text, "status": o.status, "comment": o.comment}
        for o in retrospective.objectives.all()
    ]


def _forms(
    data: Any,
    retrospective: Retrospective | None,
    phase: Phase,
    actions: list[Action],
) -> tuple[RetrospectiveForm, Any, list[tuple[Action, ActionReviewForm]]]:
    competences = competences_of(phase)
    notes = retrospective.competence_notes if retrospective else {}
    initial: dict[str, Any] = {"version": retrospective.version if retrospective else None}
    if retrospective is not None:
        for name in (
            "successes",
            "difficulties",
            "learnings",
            "outlook_service",
            "outlook_fellows",
        ):
            initial[name] = getattr(retrospective, name)
    for index, competence in enumerate(competences):
        initial[f"competence_{index}"] = notes.get(competence, "")
    form = RetrospectiveForm(
        data,
        initial=initial,
        competences=competences,
        asks_outlook=services.asks_outlook(phase),
    )
    objectives = ObjectiveFormSet(
        data, initial=_objective_initial(retrospective), prefix="objectives"
    )
    reviews = [
        (
            action,
            ActionReviewForm(
                data,
                prefix=f"action-{action.pk}",
                initial=_review_initial(action),
            ),
        )
        for action in actions
    ]
    return form, objectives, reviews


def _review_initial(action: Action) -> dict[str, str]:
    """The retrospective's point on the action when it has one, else where the action stands."""
    review = getattr(action, "review", None)
    if review is not None:
        return {"status": review.status, "comment": review.comment}
    return {"status": action.status, "comment": action.status_comment}


def _cleaned_objectives(formset: Any) -> list[dict[str, Any]]:
    items = []
    for form in formset.forms:
        data = form.cleaned_data
        if not data:
            continue
        items.append(
            {
                "pk": data.get("pk"),
                "text": data.get("text", ""),
                "status": data.get("status"),
                "comment": data.get("comment", ""),
                "delete": bool(data.get("DELETE")),
            }
        )
    return items


@login_required
def retrospective_edit(request: HttpRequest, slug: str, phase_pk: int) -> HttpResponse:
    """Write the retrospective (fellows and project owner, while open and not submitted); a
    conflict with a teammate keeps the user's text and shows the saved version."""
    challenge, phase = _challenge_and_phase(
        request, slug, phase_pk, permissions.can_write_team_documents
    )
    found = _retrospective(challenge, phase)
    window = _window(challenge, phase)
    if not window["is_open"] or (found is not None and found.is_submitted):
        if found is not None and found.is_submitted:
            messages.error(
                request,
                _(
                    "La rétrospective est remise : elle ne se modifie plus, sauf si les coachs la rouvrent."
                ),
            )
        else:
            messages.info(request, _("La rétrospective n’est pas encore ouverte."))
        return redirect("evaluation:retrospective", slug=challenge.slug, phase_pk=phase.pk)
    actions = _reviewed(_carried(challenge, phase, found), found)
    data = request.POST if request.method == "POST" else None
    form, objectives, reviews = _forms(data, found, phase, actions)
    current: Retrospective | None = None
    if data is not None:
        valid = [form.is_valid(), objectives.is_valid(), *(f.is_valid() for _a, f in reviews)]
        if all(valid):
            try:
                services.save_retrospective(
                    challenge=challenge,
                    phase=phase,
                    version=form.cleaned_data.get("version"),
                    by=person_of(request.user),
                    successes=form.cleaned_data["successes"],
                    difficulties=form.cleaned_data["difficulties"],
                    learnings=form.cleaned_data["learnings"],
                    competence_notes=form.competence_notes(),
                    outlook_service=form.cleaned_data.get("outlook_service") or "",
                    outlook_fellows=form.cleaned_data.get("outlook_fellows") or "",
                    objectives=_cleaned_objectives(objectives),
                    action_reviews=[
                        {
                            "action": action,
                            "status": review.cleaned_data["status"],
                            "comment": review.cleaned_data.get("comment") or "",
                        }
                        for action, review in reviews
                    ],
                )
            except ConflictError as error:
                current = cast(Retrospective, error.current)
                fresh = request.POST.copy()
                fresh["version"] = str(current.version)
                form, objectives, reviews = _forms(fresh, found, phase, actions)
                form.is_valid()
                form.add_error(None, error.message)
            except EvaluationError as error:
                form.add_error(None, error.message)
            else:
                messages.success(request, _("La rétrospective est enregistrée."))
                return redirect("evaluation:retrospective", slug=challenge.slug, phase_pk=phase.pk)
    return render(
        request,
        "evaluation/retrospective_edit.html",
        {
            "challenge": challenge,
            "phase": phase,
            "retrospective": found,
            "current": current,
            "current_objectives": list(current.objectives.all()) if current else [],
            "form": form,
            "objectives": objectives,
            "reviews": reviews,
            "indicators": queries.indicators_of(challenge),
            "breadcrumb": breadcrumb(challenge, _retrospective_link(challenge, phase)),
            **window,
        },
    )


@require_POST
@login_required
@limits_email_sending
def retrospective_submit(request: HttpRequest, slug: str, phase_pk: int) -> HttpResponse:
    """Submit the retrospective to the coaches (fellows and project owner)."""
    challenge, phase = _challenge_and_phase(
        request, slug, phase_pk, permissions.can_write_team_documents
    )
    found = _retrospective(challenge, phase)
    if found is None:
        messages.error(request, _("La rétrospective n’est pas encore commencée : rien à remettre."))
    else:
        try:
            services.submit_retrospective(retrospective=found, by=person_of(request.user))
        except EvaluationError as error:
            messages.error(request, error.message)
        else:
            messages.success(request, _("La rétrospective est remise aux coachs."))
    return redirect("evaluation:retrospective", slug=challenge.slug, phase_pk=phase.pk)


@require_POST
@login_required
@limits_email_sending
def retrospective_reopen(request: HttpRequest, slug: str, phase_pk: int) -> HttpResponse:
    """Put a submitted retrospective back to draft (coaches)."""
    challenge, phase = _challenge_and_phase(
        request, slug, phase_pk, lambda user, _c: permissions.can_reopen_retrospective(user)
    )
    found = _retrospective(challenge, phase)
    if found is None:
        messages.error(request, _("La rétrospective n’est pas encore commencée."))
    else:
        try:
            services.reopen_retrospective(
                retrospective=found, by=person_of(request.user), actor=request.user
            )
        except EvaluationError as error:
            messages.error(request, error.message)
        else:
            messages.success(request, _("La rétrospective est rouverte ; l’équipe est prévenue."))
    return redirect("evaluation:retrospective", slug=challenge.slug, phase_pk=phase.pk)


@require_POST
@login_required
@limits_email_sending
def retrospective_comment(request: HttpRequest, slug: str, phase_pk: int) -> HttpResponse:
    """Comment on the retrospective (anyone who reads it)."""
    challenge, phase = _challenge_and_phase(
        request, slug, phase_pk, permissions.can_comment_retrospective
    )
    found = _retrospective(challenge, phase)
    form = CommentForm(request.POST)
    if found is None:
        messages.error(request, _("La rétrospective n’est pas encore commencée."))
    elif not form.is_valid():
        messages.error(request, _("Le commentaire est vide."))
    else:
        try:
            services.comment_retrospective(
                retrospective=found,
                by=person_of(request.user),
                body=form.cleaned_data["body"],
                actor=request.user,
            )
        except EvaluationError as error:
            messages.error(request, error.message)
        else:
            messages.success(request, _("Votre commentaire est publié."))
    return redirect("evaluation:retrospective", slug=challenge.slug, phase_pk=phase.pk)
