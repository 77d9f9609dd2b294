"""Forms of the privacy app."""

from django import forms
from django.utils.translation import gettext_lazy as _
from dsfr.forms import DsfrBaseForm


class ErasureRequestForm(DsfrBaseForm):
    reason = forms.CharField(
        label=_("Pourquoi demandez-vous l’effacement ? (facultatif)"),
        required=False,
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 4}),
    )
    confirm = forms.BooleanField(
        label=_(
            "Je comprends que mon compte sera fermé et mes données personnelles effacées ou "
            "anonymisées, sans retour possible."
        ),
        required=True,
    )


class RefusalForm(DsfrBaseForm):
    reason = forms.CharField(
        label=_("Motif du refus (envoyé à la personne)"),
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 4}),
    )
