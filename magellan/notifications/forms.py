"""The preferences form: one radio group per kind of notification."""

from typing import Any

from django import forms
from dsfr.forms import DsfrBaseForm

from . import kinds
from .models import Frequency


class PreferencesForm(DsfrBaseForm):
    """« Tout de suite », « Dans un récapitulatif quotidien » or « Jamais », per kind."""

    def __init__(self, *args: Any, initial_frequencies: dict[str, str], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        for value, kind in kinds.KINDS.items():
            self.fields[value] = forms.ChoiceField(
                label=str(kind.label),
                choices=Frequency.choices,
                widget=forms.RadioSelect,
                initial=initial_frequencies.get(value, kind.default),
            )

    def frequencies(self) -> dict[str, str]:
        return {value: self.cleaned_data[value] for value in kinds.KINDS}
