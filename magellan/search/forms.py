from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _
from dsfr.forms import DsfrBaseForm


class SearchForm(DsfrBaseForm):
    """The results page's form: the words, and the kinds of content to show (with their counts)."""

    q = forms.CharField(
        label=_("Rechercher"),
        help_text=_(
            'Des mots, une expression entre guillemets (« "données ouvertes" »), un mot à exclure précédé d’un tiret.'
        ),
    )
    type = forms.MultipleChoiceField(
        label=_("Types de contenus"),
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )

    def __init__(self, *args: Any, choices: list[tuple[str, str]], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["type"].choices = choices
