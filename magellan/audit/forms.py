"""Audit forms: the login log's filter."""

from django import forms
from django.utils.translation import gettext_lazy as _
from dsfr.forms import DsfrBaseForm


class LoginFilterForm(DsfrBaseForm):
    email = forms.CharField(
        label=_("Adresse e-mail (ou une partie)"), max_length=254, required=False
    )
