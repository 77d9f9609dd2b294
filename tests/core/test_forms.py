"""set_help_text: a hint changed after DsfrBaseForm built its bound fields reaches the page."""

from django import forms
from dsfr.forms import DsfrBaseForm

from magellan.core.forms import set_help_text


class _Form(DsfrBaseForm):
    name = forms.CharField(label="Nom", help_text="Ancienne aide")

    def __init__(self, *args, hint: str = "", **kwargs):
        super().__init__(*args, **kwargs)
        if hint:
            set_help_text(self, "name", hint)


def test_a_hint_set_after_the_form_is_built_is_the_one_rendered():
    html = _Form(hint="Nouvelle aide")["name"].as_field_group()

    assert "Nouvelle aide" in html
    assert "Ancienne aide" not in html


def test_the_field_keeps_its_dsfr_styling_once_its_hint_changed():
    html = _Form(hint="Nouvelle aide")["name"].as_field_group()

    assert 'class="fr-input"' in html
