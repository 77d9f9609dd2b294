"""The form to add a code repository (rules in services/repositories.py)."""

from django import forms
from django.utils.translation import gettext_lazy as _
from dsfr.forms import DsfrBaseForm


class RepositoryForm(DsfrBaseForm):
    url = forms.CharField(
        label=_("Adresse du dépôt git"),
        max_length=500,
        help_text=_(
            "L’adresse de clonage en https, par exemple https://github.com/etalab/mon-projet.git "
            "ou https://gitlab.com/organisation/projet.git."
        ),
    )
    licence = forms.CharField(
        label=_("Licence déclarée"),
        max_length=60,
        required=False,
        help_text=_("Son identifiant SPDX, par exemple MIT, EUPL-1.2 ou AGPL-3.0-or-later."),
    )
