"""The values' home page, a challenge's values (status by phase, history, evidence), the form to
change a status and the declarations' form. Thin: rules in services/ and queries.py."""

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from magellan.core.decorators import allowed_by
from magellan.directory.models import Challenge, Cohort, Phase
from magellan.directory.permissions import is_coach
from magellan.directory.queries import person_of

from .. import permissions, queries
from ..forms.declarations import DeclarationsForm
from ..forms.statuses import StatusForm
from ..models import Declarations, Status, Value, ValueStatus
from ..services import declarations as declaration_services
from ..services import statuses as status_services
from ..services.base import ConflictError, ValuesError


def breadcrumb(challenge: Challenge | None = None) -> list[tuple[str, str]]:
    """Valeurs › the challenge's values (the pages of this app)."""
    links = [(_("Valeurs"), reverse("values:home"))]
    if challenge is not None:
        links.append((challenge.title, reverse("values:challenge", args=[challenge.slug])))
    return links


def viewable_challenge(request: HttpRequest, slug: str) -> Challenge:
    """The challenge, for its team and the coaches (404 when unknown, 403 for others)."""
    challenge = get_object_or_404(Challenge, slug=slug)
    if not permissions.can_view_values(request.user, challenge):
        raise PermissionDenied
    return challenge


def editable_challenge(request: HttpRequest, slug: str) -> Challenge:
    """The challenge, for its writers and the coaches (404 when unknown, 403 for others)."""
    challenge = get_object_or_404(Challenge, slug=slug)
    if not permissions.can_edit_values(request.user, challenge):
        raise PermissionDenied
    return challenge


@allowed_by(permissions.may_use_values)
def home(request: HttpRequest) -> HttpResponse:
    """Coaches: the cohorts, each to its dashboard. Team members: their challenges' values."""
    coach = is_coach(request.user)
    cohorts = (
        list(
            Cohort.objects.filter(challenges__isnull=False)
            .distinct()
            .order_by("-start_date", "-pk")
        )
        if coach
        else []
    )
    challenges = (
        [] if coach else list(queries.challenges_visible_to(request.user).order_by("title", "pk"))
    )
    return render(
        request,
        "values/values_home.html",
        {"is_coach": coach, "cohorts": cohorts, "challenges": challenges, "values": Value},
    )


@login_required
def challenge(request: HttpRequest, slug: str) -> HttpResponse:
    """The challenge's values: per value its status phase by phase with its history, and its
    evidence (datasets, declarations, repositories)."""
    found = viewable_challenge(request, slug)
    phases, rows = queries.challenge_values(found)
    return render(
        request,
        "values/values_challenge.html",
        {
            "challenge": found,
            "phases": phases,
            "rows": rows,
            "declarations": queries.declarations_of(found),
            "datasets": queries.datasets_of(found),
            "repositories": queries.repositories_of(found),
            "can_edit": permissions.can_edit_values(request.user, found),
            "breadcrumb": breadcrumb(),
            "values": Value,
        },
    )


@login_required
def status_edit(request: HttpRequest, slug: str, phase_pk: int, value: str) -> HttpResponse:
    """Change the challenge's status on a value in a phase (writers and coaches); a conflict keeps
    what the user typed and shows the status saved meanwhile."""
    found = editable_challenge(request, slug)
    phase = get_object_or_404(Phase.objects.select_related("cohort"), pk=phase_pk)
    if value not in Value.values or not found.cohorts.filter(pk=phase.cohort_id).exists():
        raise Http404
    record = ValueStatus.objects.filter(challenge=found, phase=phase, value=value).first()
    initial: dict[str, Any] = {
        "status": queries.status_of(record),
        "comment": record.comment if record else "",
        "version": record.version if record else 0,
    }
    form = StatusForm(request.POST or None, initial=initial)
    current = None
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            status_services.set_value_status(
                challenge=found,
                phase=phase,
                value=value,
                status=data["status"],
                comment=data["comment"],
                version=data.get("version") or 0,
                by=person_of(request.user),
            )
        except ConflictError as error:
            current = error.current
            fresh = request.POST.copy()
            fresh["version"] = str(getattr(current, "version", 0))
            form = StatusForm(fresh)
            form.is_valid()
            form.add_error(None, error.message)
        except ValuesError as error:
            form.add_error(
                "comment" if data["status"] == Status.NOT_APPLICABLE else None, error.message
            )
        else:
            messages.success(
                request,
                _("L’état « %(value)s » de la phase %(number)s est enregistré.")
                % {"value": Value(value).label, "number": phase.kind},
            )
            return redirect(reverse("values:challenge", args=[found.slug]) + f"#valeur-{value}")
    history = list(record.changes.select_related("changed_by")) if record else []
    return render(
        request,
        "values/values_status_edit.html",
        {
            "challenge": found,
            "phase": phase,
            "value": Value(value),
            "form": form,
            "current": current,
            "history": history,
            "breadcrumb": breadcrumb(found),
        },
    )


@login_required
def declarations_edit(request: HttpRequest, slug: str) -> HttpResponse:
    """Edit the challenge's declarations (writers and coaches); a conflict keeps the user's input."""
    found = editable_challenge(request, slug)
    existing = queries.declarations_of(found)
    instance = existing or Declarations(challenge=found, version=0)
    form = DeclarationsForm(
        request.POST or None, instance=instance, initial={"version": instance.version}
    )
    current = None
    if request.method == "POST" and form.is_valid():
        try:
            declaration_services.save_declarations(
                challenge=found,
                version=form.cleaned_data.get("version") or 0,
                by=person_of(request.user),
                today=timezone.localdate(),
                **form.declaration_fields(),
            )
        except ConflictError as error:
            current = error.current
            fresh = request.POST.copy()
            fresh["version"] = str(getattr(current, "version", 0))
            form = DeclarationsForm(fresh, instance=Declarations(challenge=found))
            form.is_valid()
            form.add_error(None, error.message)
        except ValuesError as error:
            form.add_error(None, error.message)
        else:
            messages.success(request, _("Les déclarations sont enregistrées."))
            return redirect(reverse("values:challenge", args=[found.slug]) + "#declarations")
    return render(
        request,
        "values/values_declarations_edit.html",
        {
            "challenge": found,
            "form": form,
            "current": current,
            "breadcrumb": breadcrumb(found),
        },
    )
