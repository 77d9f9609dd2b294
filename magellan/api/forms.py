"""Forms of the API tokens pages (DSFR rendering through DsfrBaseForm); rules stay in services."""

import datetime
from typing import Any

from django import forms
from django.conf import settings
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from dsfr.forms import DsfrBaseForm

from . import queries
from .models import SCOPES, scope_label

DATE_INPUT = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")
DEFAULT_DAYS = 90


def _default_expiry() -> datetime.date:
    return timezone.localdate() + datetime.timedelta(
        days=min(DEFAULT_DAYS, settings.MAGELLAN_API_TOKEN_MAX_DAYS)
    )


class TokenForm(DsfrBaseForm):
    name = forms.CharField(
        label=_("Nom du jeton"),
        max_length=100,
        required=False,
        help_text=_("À quoi il sert : « Tableau de bord de l’équipe », « script d’export »…"),
    )
    scopes = forms.MultipleChoiceField(
        label=_("Droits"),
        choices=[(scope, scope_label(scope)) for scope in SCOPES],
        widget=forms.CheckboxSelectMultiple,
        help_text=_(
            "Le jeton ne lit et n’écrit que ce que votre compte peut lire et écrire dans les pages, "
            "et seulement dans les domaines cochés. L’écriture comprend la lecture."
        ),
    )
    expires_on = forms.DateField(
        label=_("Date d’expiration"),
        widget=DATE_INPUT,
        initial=_default_expiry,
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["expires_on"].help_text = _(
            "Le jeton cesse de fonctionner ce jour-là à 0 h ; au plus %(days)s jours après "
            "aujourd’hui."
        ) % {"days": settings.MAGELLAN_API_TOKEN_MAX_DAYS}

    def expires_at(self) -> datetime.datetime:
        """The expiry: the chosen day's start, Paris time."""
        day = self.cleaned_data["expires_on"]
        return timezone.make_aware(datetime.datetime.combine(day, datetime.time.min))


class ServiceTokenForm(TokenForm):
    service = forms.ModelChoiceField(
        label=_("Intégration existante"),
        queryset=queries.service_accounts(),
        required=False,
        empty_label=_("— Nouvelle intégration —"),
    )
    new_service = forms.CharField(
        label=_("Nom de la nouvelle intégration"),
        max_length=100,
        required=False,
        help_text=_("Un compte sans personne dans l’annuaire et sans mot de passe."),
    )

    field_order = ("service", "new_service", "name", "scopes", "expires_on")

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["service"].queryset = queries.service_accounts()

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean() or {}
        if cleaned.get("service") is None and not (cleaned.get("new_service") or "").strip():
            self.add_error(
                "new_service", _("Choisissez une intégration existante ou nommez la nouvelle.")
            )
        return cleaned
