"""The indicators pages' filters: some cohorts (side by side) and maybe one phase (a GET form)."""

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _
from dsfr.forms import DsfrBaseForm

from magellan.directory.models import Cohort, PhaseKind

from ..registry import Filters


class FiltersForm(DsfrBaseForm):
    cohorts = forms.TypedMultipleChoiceField(
        label=_("Promotions"),
        help_text=_("Aucune cochée : toutes les promotions, côte à côte."),
        required=False,
        coerce=int,
        widget=forms.CheckboxSelectMultiple,
    )
    phase = forms.TypedChoiceField(
        label=_("Phase"),
        required=False,
        coerce=int,
        empty_value=None,
        choices=[("", _("Toutes les phases")), *PhaseKind.choices],
    )

    def __init__(self, *args: Any, cohorts: list[Cohort], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        field = self.fields["cohorts"]
        assert isinstance(field, forms.TypedMultipleChoiceField)  # noqa: S101 - set just above
        field.choices = [(c.pk, str(c)) for c in cohorts]

    def filters(self) -> Filters:
        """What the form asks for; all cohorts and phases while it is not valid."""
        if not self.is_valid():
            return Filters()
        return Filters(
            cohort_ids=tuple(sorted(self.cleaned_data["cohorts"])),
            phase_kind=self.cleaned_data["phase"],
        )
