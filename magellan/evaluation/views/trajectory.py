"""The evaluation's home page and a challenge's trajectory (the page and its PDF)."""

from typing import Any

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from magellan.core.decorators import allowed_by
from magellan.core.downloads import attachment_response
from magellan.directory.models import Challenge, Cohort
from magellan.directory.permissions import is_coach

from .. import charts, documents, permissions, queries, scale
from ..models import ActionStatus, Axis


def _may_use_evaluation(user: Any) -> bool:
    """The coaches, and the members of a challenge's team (fellows, project owner, sponsor)."""
    return is_coach(user) or bool(queries.my_teams(user))


@allowed_by(_may_use_evaluation)
def home(request: HttpRequest) -> HttpResponse:
    """Coaches: each cohort's phases (to its overview) and every late action. Team members:
    their challenges' trajectories and their late actions."""
    today = timezone.localdate()
    coach = is_coach(request.user)
    if coach:
        challenge_ids = None
        cohorts = list(
            Cohort.objects.filter(phases__isnull=False)
            .distinct()
            .prefetch_related("phases")
            .order_by("-start_date", "-pk")
        )
        challenges: list[Challenge] = []
    else:
        challenge_ids = list(queries.my_teams(request.user))
        cohorts = []
        challenges = list(Challenge.objects.filter(pk__in=challenge_ids).order_by("title", "pk"))
    return render(
        request,
        "evaluation/trajectory_home.html",
        {
            "is_coach": coach,
            "cohorts": cohorts,
            "challenges": challenges,
            "late_actions": list(queries.late_actions(today, challenge_ids=challenge_ids)),
        },
    )


def _viewable_challenge(request: HttpRequest, slug: str) -> Challenge:
    challenge = get_object_or_404(Challenge, slug=slug)
    if not permissions.can_view_challenge(request.user, challenge):
        raise PermissionDenied
    return challenge


def _phase_label(kind: int) -> str:
    return _("Phase %(number)s") % {"number": kind}


def trajectory_context(request: HttpRequest, challenge: Challenge) -> dict[str, Any]:
    """What the page and its PDF both show (one context: the same content)."""
    trajectory = queries.trajectory_of(challenge, today=timezone.localdate(), user=request.user)
    steps = trajectory.steps
    axes = [
        {
            "label": axis.label,
            "cells": [
                {"level": step.levels[axis.value], "label": scale.label(step.levels[axis.value])}
                for step in steps
            ],
        }
        for axis in Axis
    ]
    axes_chart = charts.plot_axis_levels(
        [_phase_label(step.phase.kind) for step in steps],
        [
            charts.Series(label=str(axis.label), points=[s.levels[axis.value] for s in steps])
            for axis in Axis
        ],
        title=_("Niveau de chaque axe d’impact, phase après phase (%(lowest)s à %(highest)s)")
        % {"lowest": scale.labels()[0], "highest": scale.labels()[-1]},
        chart_id="axes-chart",
    )
    indicators = [
        {
            "series": series,
            "chart": charts.plot_indicator(
                [(v.measured_on, v.value) for v in series.values],
                target=series.indicator.target_value,
                title=_("Valeurs de l’indicateur « %(title)s » au fil du temps")
                % {"title": series.indicator.title},
                chart_id=f"indicator-{series.indicator.pk}-chart",
                target_label=_("Cible : %(target)s")
                % {"target": charts.format_number(series.indicator.target_value)}
                if series.indicator.target_value is not None
                else "",
            )
            if series.values
            else None,
        }
        for series in trajectory.indicators
    ]
    action_groups = [
        (_("En retard"), trajectory.late, "late"),
        (_("À faire ou en cours"), trajectory.open, "open"),
        (_("Faites"), trajectory.done, "done"),
        (_("Abandonnées"), trajectory.dropped, "dropped"),
    ]
    return {
        "breadcrumb": [(_("Évaluation"), reverse("evaluation:home"))],
        "action_groups": action_groups,
        "challenge": challenge,
        "trajectory": trajectory,
        "steps": steps,
        "axes": axes,
        "axes_chart": axes_chart,
        "scale_size": scale.size(),
        "indicators": indicators,
        "is_coach": is_coach(request.user),
        "can_update_actions": permissions.can_update_actions(request.user, challenge),
        "action_statuses": ActionStatus.choices,
        "today": timezone.localdate(),
    }


@login_required
def challenge(request: HttpRequest, slug: str) -> HttpResponse:
    """The challenge's trajectory: its phases side by side, the axes' levels across phases, its
    indicators over time and its actions (late, open, done)."""
    found = _viewable_challenge(request, slug)
    return render(request, "evaluation/trajectory_page.html", trajectory_context(request, found))


@login_required
def trajectory_pdf(request: HttpRequest, slug: str) -> HttpResponse:
    """The trajectory page as a tagged PDF (the same partials, printed)."""
    found = _viewable_challenge(request, slug)
    context = trajectory_context(request, found) | {"print": True}
    pdf = documents.render_pdf("evaluation/trajectory_print.html", context, request=request)
    return attachment_response(
        pdf,
        content_type="application/pdf",
        name=f"trajectoire-{found.slug}-{timezone.localdate():%Y-%m-%d}.pdf",
    )
