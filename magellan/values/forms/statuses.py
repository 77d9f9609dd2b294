"""The form to change a value's status in a phase (rules in services/statuses.py)."""

from django import forms
from django.utils.translation import gettext_lazy as _
from dsfr.forms import DsfrBaseForm

from ..models import Status


class StatusForm(DsfrBaseForm):
    status = forms.ChoiceField(label=_("État"), choices=Status.choices, widget=forms.RadioSelect)
    comment = forms.CharField(
        label=_("Commentaire ou raison"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("Obligatoire quand la valeur ne s’applique pas : dites pourquoi."),
    )
    version = forms.IntegerField(widget=forms.HiddenInput, required=False)
