"""Login forms, styled by django-dsfr."""

from django import forms
from django.contrib.auth.forms import AuthenticationForm
from django.utils.translation import gettext_lazy as _
from dsfr.forms import DsfrBaseForm


class PasswordLoginForm(AuthenticationForm, DsfrBaseForm):
    """Email and password."""

    username = forms.EmailField(
        label=_("Adresse e-mail"),
        widget=forms.EmailInput(attrs={"autocomplete": "email", "autofocus": True}),
    )
    password = forms.CharField(
        label=_("Mot de passe"),
        strip=False,
        widget=forms.PasswordInput(attrs={"autocomplete": "current-password"}),
    )


class LoginLinkForm(DsfrBaseForm):
    """Ask for a one-time login link by email."""

    email = forms.EmailField(
        label=_("Adresse e-mail"),
        help_text=_("Nous vous envoyons un lien de connexion à usage unique."),
        widget=forms.EmailInput(attrs={"autocomplete": "email"}),
    )
