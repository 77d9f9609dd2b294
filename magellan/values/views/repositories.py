"""A challenge's code repositories and their health checks: the list with each one's latest check
and the form to add one, a repository's page (the latest check criterion by criterion, the
history), « vérifier maintenant » and removal. Thin: rules in services/repositories.py."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from magellan.core.views import follow_job
from magellan.directory.models import Challenge
from magellan.directory.queries import person_of

from .. import permissions, queries
from ..forms.repositories import RepositoryForm
from ..models import HealthCheck, Repository
from ..services import repositories as services
from ..services.base import ValuesError


def breadcrumb(challenge: Challenge, *more: tuple[str, str]) -> list[tuple[str, str]]:
    """Valeurs › the challenge's values › … (the pages of this part)."""
    return [
        (_("Valeurs"), reverse("values:home")),
        (challenge.title, reverse("values:challenge", args=[challenge.slug])),
        *more,
    ]


@login_required
def repositories(request: HttpRequest, slug: str) -> HttpResponse:
    """The challenge's repositories with their latest check (team and coaches), and the form to
    add one (writers and coaches): adding one starts its first check."""
    challenge = get_object_or_404(Challenge, slug=slug)
    if not permissions.can_view_values(request.user, challenge):
        raise PermissionDenied
    can_edit = permissions.can_edit_values(request.user, challenge)
    form = RepositoryForm(request.POST or None, prefix="new") if can_edit else None
    if request.method == "POST":
        if form is None:
            raise PermissionDenied
        if form.is_valid():
            try:
                repository = services.add_repository(
                    challenge=challenge,
                    url=form.cleaned_data["url"],
                    licence=form.cleaned_data["licence"],
                    by=person_of(request.user),
                )
            except ValuesError as error:
                form.add_error(None, error.message)
            else:
                messages.success(
                    request, _("Le dépôt %(url)s est ajouté.") % {"url": repository.url}
                )
                return _follow(
                    request, services.request_check(repository=repository, by=request.user)
                )
    return render(
        request,
        "values/repositories_list.html",
        {
            "challenge": challenge,
            "repositories": queries.repositories_of(challenge),
            "form": form,
            "can_edit": can_edit,
            "breadcrumb": breadcrumb(challenge),
        },
    )


def repository_url(repository: Repository) -> str:
    return reverse("values:repository", kwargs={"pk": repository.pk})


def _follow(request: HttpRequest, check: HealthCheck) -> HttpResponse:
    """To the check's job page while it runs; to the repository's page once it has ended."""
    result_url = repository_url(check.repository)
    if check.job is None:
        return redirect(result_url)
    return follow_job(request, check.job, result_url=result_url)


def _repository_for(request: HttpRequest, pk: int, *, edit: bool) -> Repository:
    repository = get_object_or_404(Repository.objects.select_related("challenge"), pk=pk)
    allowed = permissions.can_edit_values if edit else permissions.can_view_values
    if not allowed(request.user, repository.challenge):
        raise PermissionDenied
    return repository


@login_required
def repository(request: HttpRequest, pk: int) -> HttpResponse:
    """A repository: its latest check, criterion by criterion (what failed, how to fix it), and
    the history of its checks."""
    found = _repository_for(request, pk, edit=False)
    checks = queries.checks_of(found)
    return render(
        request,
        "values/repositories_detail.html",
        {
            "challenge": found.challenge,
            "repository": found,
            "latest": checks[0] if checks else None,
            "checks": checks,
            "can_edit": permissions.can_edit_values(request.user, found.challenge),
            "breadcrumb": breadcrumb(
                found.challenge,
                (
                    _("Dépôts de code"),
                    reverse("values:repositories", args=[found.challenge.slug]),
                ),
            ),
        },
    )


@login_required
@require_POST
def repository_check(request: HttpRequest, pk: int) -> HttpResponse:
    """« Vérifier maintenant »: request a check and follow it on its job's page."""
    found = _repository_for(request, pk, edit=True)
    return _follow(request, services.request_check(repository=found, by=request.user))


@login_required
@require_POST
def repository_delete(request: HttpRequest, pk: int) -> HttpResponse:
    """Stop following a repository (writers and coaches)."""
    found = _repository_for(request, pk, edit=True)
    services.remove_repository(repository=found, by=person_of(request.user))
    messages.success(request, _("Le dépôt %(url)s n’est plus suivi.") % {"url": found.url})
    return redirect("values:repositories", slug=found.challenge.slug)
