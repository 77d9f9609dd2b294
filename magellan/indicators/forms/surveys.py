"""The follow-up survey's form (DSFR rendering); the rules stay in services/surveys.py."""

from django import forms
from django.utils.translation import gettext_lazy as _
from dsfr.forms import DsfrBaseForm

from ..models import Employment, Maintainer, ProductStatus, SurveyAnswer


class SurveyAnswerForm(DsfrBaseForm):
    employment = forms.ChoiceField(
        label=_("Où travaillez-vous aujourd’hui ?"),
        choices=Employment.choices,
        widget=forms.RadioSelect,
    )
    role = forms.CharField(
        label=_("Votre fonction"),
        help_text=_("Par exemple : cheffe de produit, développeur, responsable data."),
        max_length=200,
        required=False,
    )
    product_status = forms.ChoiceField(
        label=_("Où en est le produit de votre défi ?"),
        choices=ProductStatus.choices,
        widget=forms.RadioSelect,
    )
    carried_by = forms.CharField(
        label=_("Qui porte le produit aujourd’hui ?"),
        help_text=_("Le service ou la personne qui en est responsable, si vous le savez."),
        max_length=200,
        required=False,
    )
    maintained_by = forms.ChoiceField(
        label=_("Qui le maintient ?"),
        choices=Maintainer.choices,
        widget=forms.RadioSelect,
    )
    comment = forms.CharField(
        label=_("Un commentaire ?"),
        widget=forms.Textarea(attrs={"rows": 4}),
        max_length=5000,
        required=False,
    )
    version = forms.IntegerField(widget=forms.HiddenInput, required=False)

    @classmethod
    def initial_of(cls, answer: SurveyAnswer) -> dict[str, object]:
        """The form's initial values from a stored answer."""
        return {
            "employment": answer.employment,
            "role": answer.role,
            "product_status": answer.product_status,
            "carried_by": answer.carried_by,
            "maintained_by": answer.maintained_by,
            "comment": answer.comment,
            "version": answer.version,
        }
