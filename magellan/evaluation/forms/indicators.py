"""Forms of the indicators page (DSFR rendering); the rules stay in services/indicators.py."""

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _
from dsfr.forms import DsfrBaseForm

from ..models import Indicator, IndicatorValue


class IndicatorForm(forms.ModelForm, DsfrBaseForm):
    version = forms.IntegerField(widget=forms.HiddenInput, required=False)

    class Meta:
        model = Indicator
        fields = (
            "theme",
            "title",
            "description",
            "hypothesis",
            "measure",
            "method",
            "unit",
            "target",
            "target_value",
        )
        widgets = {
            "description": forms.Textarea(attrs={"rows": 3}),
            "hypothesis": forms.Textarea(attrs={"rows": 3}),
            "measure": forms.Textarea(attrs={"rows": 2}),
            "method": forms.Textarea(attrs={"rows": 2}),
        }
        help_texts = {
            "hypothesis": _(
                "« Faire/changer … va … parce que … » : ce que l’équipe fait, l’effet attendu, "
                "et pourquoi."
            ),
            "target": _("La cible en mots, par exemple « moins de 20 jours d’ici juin »."),
            "target_value": _("Facultatif : la cible en chiffre, tracée sur le graphique."),
        }

    def method_fields(self) -> dict[str, Any]:
        """The cleaned fields the service takes."""
        return {name: self.cleaned_data.get(name) for name in self.Meta.fields}


class IndicatorValueForm(forms.ModelForm, DsfrBaseForm):
    class Meta:
        model = IndicatorValue
        fields = ("measured_on", "value", "source", "comment")
        widgets = {
            "measured_on": forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
        }
        help_texts = {
            "source": _("D’où vient la valeur : outil, tableau de bord, enquête…"),
        }

    def validate_unique(self) -> None:
        """One value a day is the service's rule (its message on the date field)."""
