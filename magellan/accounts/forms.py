"""Login forms, styled by django-dsfr."""

from typing import Any

from django import forms
from django.contrib.auth.forms import AuthenticationForm
from django.utils.translation import gettext_lazy as _
from dsfr.forms import DsfrBaseForm


def email_address_field(**kwargs: Any) -> forms.EmailField:
    """The e-mail address field of every login form, with its French messages."""
    return forms.EmailField(
        label=_("Adresse e-mail"),
        error_messages={
            "required": _("Saisissez une adresse e-mail."),
            "invalid": _("Saisissez une adresse e-mail valide, au format nom@domaine.fr."),
        },
        **kwargs,
    )


class PasswordLoginForm(AuthenticationForm, DsfrBaseForm):
    """Email and password."""

    username = email_address_field(
        widget=forms.EmailInput(attrs={"autocomplete": "email", "autofocus": True}),
    )
    password = forms.CharField(
        label=_("Mot de passe"),
        strip=False,
        widget=forms.PasswordInput(attrs={"autocomplete": "current-password"}),
        error_messages={"required": _("Saisissez votre mot de passe.")},
    )

    # Django's own says "un adresse e-mail" and calls both fields case-sensitive; the address is not.
    error_messages = {
        **AuthenticationForm.error_messages,
        "invalid_login": _(
            "Cette adresse e-mail et ce mot de passe ne correspondent à aucun compte. "
            "Vérifiez-les (le mot de passe distingue majuscules et minuscules), ou recevez "
            "un lien de connexion."
        ),
    }


class LoginLinkForm(DsfrBaseForm):
    """Ask for a one-time login link by email."""

    email = email_address_field(
        help_text=_("Nous vous envoyons un lien de connexion à usage unique."),
        widget=forms.EmailInput(attrs={"autocomplete": "email"}),
    )
