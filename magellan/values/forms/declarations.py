"""The form of a challenge's declarations (rules in services/declarations.py)."""

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _
from dsfr.forms import DsfrBaseForm

from ..models import Declarations
from ..services.declarations import DECLARATION_FIELDS
from .base import https_links

_DATE = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")


class DeclarationsForm(forms.ModelForm, DsfrBaseForm):
    version = forms.IntegerField(widget=forms.HiddenInput, required=False)
    rgaa_rate = forms.DecimalField(
        label=_("Taux de conformité RGAA (%)"),
        required=False,
        min_value=0,
        max_value=100,
        decimal_places=2,
        help_text=_("Le taux de critères respectés publié par l’audit, de 0 à 100."),
    )
    rgesn_score = forms.DecimalField(
        label=_("Score RGESN (%)"), required=False, min_value=0, max_value=100, decimal_places=2
    )

    class Meta:
        formfield_callback = https_links
        model = Declarations
        fields = DECLARATION_FIELDS
        widgets = {
            "rgaa_audit_date": _DATE,
            "rgesn_date": _DATE,
            "apis": forms.Textarea(attrs={"rows": 3}),
        }
        help_texts = {
            "rgaa_compliance": _(
                "Totalement conforme à 100 %, partiellement à partir de 50 %, non conforme en "
                "dessous ; laissez vide pour le déduire du taux."
            ),
            "algorithm_notice_url": _(
                "Obligatoire pour l’administration quand le service prend des décisions "
                "individuelles fondées sur un algorithme."
            ),
        }

    def declaration_fields(self) -> dict[str, Any]:
        """The cleaned fields the service takes."""
        return {name: self.cleaned_data.get(name) for name in DECLARATION_FIELDS}
