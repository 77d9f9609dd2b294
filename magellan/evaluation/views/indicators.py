"""The challenge's indicators: the list by theme with the latest value and the values, the form
to add one, to edit one, and to record a value. Thin: rules in services/indicators.py."""

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _

from magellan.directory.models import Challenge
from magellan.directory.queries import person_of

from .. import permissions, queries
from ..forms.indicators import IndicatorForm, IndicatorValueForm
from ..models import Indicator, IndicatorTheme
from ..services import indicators as services
from ..services.base import ConflictError, EvaluationError


def breadcrumb(challenge: Challenge, *more: tuple[str, str]) -> list[tuple[str, str]]:
    """Évaluation › the challenge's trajectory › … (the pages of this part)."""
    return [
        (_("Évaluation"), reverse("evaluation:home")),
        (challenge.title, reverse("evaluation:challenge", args=[challenge.slug])),
        *more,
    ]


def _indicators_link(challenge: Challenge) -> tuple[str, str]:
    return (_("Indicateurs d’impact"), reverse("evaluation:indicators", args=[challenge.slug]))


def _by_theme(indicators: list[Indicator]) -> list[tuple[Any, list[Indicator]]]:
    themes = []
    for theme in IndicatorTheme:
        of_theme = [indicator for indicator in indicators if indicator.theme == theme]
        themes.append((theme.label, of_theme))
    return themes


@login_required
def indicators(request: HttpRequest, slug: str) -> HttpResponse:
    """The challenge's indicators by theme (team and coaches), with the form to add one."""
    challenge = get_object_or_404(Challenge, slug=slug)
    if not permissions.can_view_challenge(request.user, challenge):
        raise PermissionDenied
    can_edit = permissions.can_edit_indicators(request.user, challenge)
    form = IndicatorForm(request.POST or None, prefix="new") if can_edit else None
    if request.method == "POST":
        if form is None:
            raise PermissionDenied
        if form.is_valid():
            try:
                indicator = services.save_indicator(
                    challenge=challenge, by=person_of(request.user), **form.method_fields()
                )
            except EvaluationError as error:
                form.add_error(None, error.message)
            else:
                messages.success(request, _("L’indicateur « %s » est ajouté.") % indicator.title)
                return redirect("evaluation:indicators", slug=challenge.slug)
    found = queries.indicators_of(challenge)
    return render(
        request,
        "evaluation/indicators_list.html",
        {
            "challenge": challenge,
            "themes": _by_theme(found),
            "count": len(found),
            "form": form,
            "can_edit": can_edit,
            "breadcrumb": breadcrumb(challenge),
        },
    )


def _indicator_for(request: HttpRequest, pk: int) -> Indicator:
    indicator = get_object_or_404(Indicator.objects.select_related("challenge"), pk=pk)
    if not permissions.can_edit_indicators(request.user, indicator.challenge):
        raise PermissionDenied
    return indicator


@login_required
def indicator_edit(request: HttpRequest, pk: int) -> HttpResponse:
    """Edit an indicator's method (writers and coaches); a conflict keeps the user's text."""
    indicator = _indicator_for(request, pk)
    current = None
    form = IndicatorForm(
        request.POST or None, instance=indicator, initial={"version": indicator.version}
    )
    if request.method == "POST" and form.is_valid():
        try:
            services.save_indicator(
                challenge=indicator.challenge,
                indicator=indicator,
                version=form.cleaned_data.get("version"),
                by=person_of(request.user),
                **form.method_fields(),
            )
        except ConflictError as error:
            current = error.current
            fresh = request.POST.copy()
            fresh["version"] = str(getattr(current, "version", ""))
            form = IndicatorForm(fresh, instance=Indicator(challenge=indicator.challenge))
            form.is_valid()
            form.add_error(None, error.message)
        except EvaluationError as error:
            form.add_error(None, error.message)
        else:
            messages.success(request, _("L’indicateur est enregistré."))
            return redirect("evaluation:indicators", slug=indicator.challenge.slug)
    return render(
        request,
        "evaluation/indicators_edit.html",
        {
            "indicator": indicator,
            "challenge": indicator.challenge,
            "form": form,
            "current": current,
            "breadcrumb": breadcrumb(indicator.challenge, _indicators_link(indicator.challenge)),
        },
    )


@login_required
def indicator_value_add(request: HttpRequest, pk: int) -> HttpResponse:
    """Record a value of an indicator (writers and coaches): date, value, source."""
    indicator = _indicator_for(request, pk)
    form = IndicatorValueForm(request.POST or None, prefix="value")
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            services.record_indicator_value(
                indicator=indicator,
                measured_on=data["measured_on"],
                value=data["value"],
                source=data["source"],
                comment=data.get("comment") or "",
                by=person_of(request.user),
            )
        except EvaluationError as error:
            form.add_error("measured_on", error.message)
        else:
            messages.success(request, _("La valeur est enregistrée."))
            return redirect(
                reverse("evaluation:indicators", args=[indicator.challenge.slug])
                + f"#indicateur-{indicator.pk}"
            )
    return render(
        request,
        "evaluation/indicators_value.html",
        {
            "indicator": indicator,
            "challenge": indicator.challenge,
            "form": form,
            "values": list(indicator.values.all()),
            "breadcrumb": breadcrumb(indicator.challenge, _indicators_link(indicator.challenge)),
        },
    )
