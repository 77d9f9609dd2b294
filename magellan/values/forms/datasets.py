"""The form of a dataset (rules in services/datasets.py)."""

import datetime
from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _
from dsfr.forms import DsfrBaseForm

from ..models import Dataset
from ..services.datasets import DATASET_FIELDS
from .base import https_links


class DatasetForm(forms.ModelForm, DsfrBaseForm):
    # The dataset's `updated_at` as read (ISO 8601): the optimistic check of an edit.
    seen_at = forms.CharField(widget=forms.HiddenInput, required=False)

    class Meta:
        formfield_callback = https_links
        model = Dataset
        fields = DATASET_FIELDS
        help_texts = {
            "url": _("Sa page, par exemple sur data.gouv.fr."),
            "update_frequency": _("Par exemple : quotidienne, mensuelle, ponctuelle."),
        }

    def dataset_fields(self) -> dict[str, Any]:
        """The cleaned fields the service takes."""
        return {name: self.cleaned_data.get(name) for name in DATASET_FIELDS}

    def seen_at_value(self) -> datetime.datetime | None:
        try:
            return datetime.datetime.fromisoformat(self.cleaned_data.get("seen_at") or "")
        except ValueError:
            return None

    def validate_unique(self) -> None:
        """One dataset per address and challenge is the service's rule."""
