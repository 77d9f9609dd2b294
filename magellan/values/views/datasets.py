"""A challenge's datasets: add, edit, remove (writers and coaches). Thin: rules in
services/datasets.py."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from magellan.directory.queries import person_of

from .. import permissions
from ..forms.datasets import DatasetForm
from ..models import Dataset
from ..services import datasets as services
from ..services.base import ConflictError, ValuesError
from .challenge import breadcrumb, editable_challenge


def _back(dataset_or_slug: Dataset | str) -> str:
    slug = dataset_or_slug if isinstance(dataset_or_slug, str) else dataset_or_slug.challenge.slug
    return reverse("values:challenge", args=[slug]) + "#donnees"


def _editable_dataset(request: HttpRequest, pk: int) -> Dataset:
    dataset = get_object_or_404(Dataset.objects.select_related("challenge"), pk=pk)
    if not permissions.can_edit_values(request.user, dataset.challenge):
        raise PermissionDenied
    return dataset


@login_required
def dataset_add(request: HttpRequest, slug: str) -> HttpResponse:
    """Add a dataset to the challenge's open data."""
    challenge = editable_challenge(request, slug)
    form = DatasetForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            dataset = services.add_dataset(
                challenge=challenge, by=person_of(request.user), **form.dataset_fields()
            )
        except ValuesError as error:
            form.add_error(None, error.message)
        else:
            messages.success(request, _("Le jeu de données « %s » est ajouté.") % dataset.title)
            return redirect(_back(challenge.slug))
    return render(
        request,
        "values/values_dataset_form.html",
        {
            "challenge": challenge,
            "form": form,
            "dataset": None,
            "breadcrumb": breadcrumb(challenge),
        },
    )


@login_required
def dataset_edit(request: HttpRequest, pk: int) -> HttpResponse:
    """Edit a dataset; a change saved meanwhile is shown and the user's input kept."""
    dataset = _editable_dataset(request, pk)
    form = DatasetForm(
        request.POST or None,
        instance=dataset,
        initial={"seen_at": dataset.updated_at.isoformat()},
    )
    current = None
    if request.method == "POST" and form.is_valid():
        try:
            services.update_dataset(
                dataset=dataset,
                seen_at=form.seen_at_value(),
                by=person_of(request.user),
                **form.dataset_fields(),
            )
        except ConflictError as error:
            current = error.current
            fresh = request.POST.copy()
            fresh["seen_at"] = (
                current.updated_at.isoformat() if isinstance(current, Dataset) else ""
            )
            form = DatasetForm(fresh, instance=Dataset(challenge=dataset.challenge))
            form.is_valid()
            form.add_error(None, error.message)
        except ValuesError as error:
            form.add_error(None, error.message)
        else:
            messages.success(request, _("Le jeu de données est enregistré."))
            return redirect(_back(dataset))
    return render(
        request,
        "values/values_dataset_form.html",
        {
            "challenge": dataset.challenge,
            "form": form,
            "dataset": dataset,
            "current": current,
            "breadcrumb": breadcrumb(dataset.challenge),
        },
    )


@require_POST
@login_required
def dataset_delete(request: HttpRequest, pk: int) -> HttpResponse:
    """Stop following a dataset (POST)."""
    dataset = _editable_dataset(request, pk)
    services.remove_dataset(dataset=dataset, by=person_of(request.user))
    messages.success(request, _("Le jeu de données « %s » n’est plus suivi.") % dataset.title)
    return redirect(_back(dataset))
