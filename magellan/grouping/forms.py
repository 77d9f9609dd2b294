"""Forms of the group pages: a seed to (re)form groups, a move of one person."""

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _
from dsfr.forms import DsfrBaseForm

from magellan.directory.models import Person

from .models import Group, Grouping

MAX_SEED = 1_000_000


class SeedForm(DsfrBaseForm):
    seed = forms.IntegerField(
        label=_("Graine"),
        min_value=1,
        max_value=MAX_SEED,
        initial=1,
        help_text=_("Une autre graine donne d’autres groupes ; la même graine redonne les mêmes."),
    )


class MoveForm(DsfrBaseForm):
    person = forms.ModelChoiceField(label=_("Personne"), queryset=Person.objects.none())
    group = forms.ModelChoiceField(label=_("Vers le groupe"), queryset=Group.objects.none())

    def __init__(self, *args: Any, grouping: Grouping, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["person"].queryset = Person.objects.filter(group_memberships__grouping=grouping)
        self.fields["group"].queryset = grouping.groups.all()
