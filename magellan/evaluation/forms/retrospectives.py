"""Forms of the retrospective pages (DSFR rendering); the rules stay in services/retrospectives.py."""

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _
from dsfr.forms import DsfrBaseForm

from ..models import ActionStatus, ObjectiveStatus


class RetrospectiveForm(DsfrBaseForm):
    successes = forms.CharField(
        label=_("Réussites"), widget=forms.Textarea(attrs={"rows": 4}), required=False
    )
    difficulties = forms.CharField(
        label=_("Difficultés et risques"), widget=forms.Textarea(attrs={"rows": 4}), required=False
    )
    learnings = forms.CharField(
        label=_("Apprentissages"), widget=forms.Textarea(attrs={"rows": 4}), required=False
    )
    outlook_service = forms.CharField(
        label=_("Pérennisation du service après le programme"),
        help_text=_("Qui fera vivre le service, avec quels moyens et quel budget ?"),
        widget=forms.Textarea(attrs={"rows": 3}),
        required=False,
    )
    outlook_fellows = forms.CharField(
        label=_("Pérennisation des EIG"),
        help_text=_("L’administration prévoit-elle de garder les EIG, et sous quelle forme ?"),
        widget=forms.Textarea(attrs={"rows": 3}),
        required=False,
    )
    version = forms.IntegerField(widget=forms.HiddenInput, required=False)

    def __init__(
        self, *args: Any, competences: list[str], asks_outlook: bool, **kwargs: Any
    ) -> None:
        super().__init__(*args, **kwargs)
        self.competences = competences
        for index, competence in enumerate(competences):
            self.fields[f"competence_{index}"] = forms.CharField(
                label=competence,
                help_text=_("Comment l’équipe l’a exercée pendant la phase."),
                widget=forms.Textarea(attrs={"rows": 2}),
                required=False,
            )
        if not asks_outlook:
            del self.fields["outlook_service"]
            del self.fields["outlook_fellows"]

    def text_fields(self) -> list[Any]:
        return [self[name] for name in ("successes", "difficulties", "learnings")]

    def competence_fields(self) -> list[Any]:
        return [self[f"competence_{index}"] for index in range(len(self.competences))]

    def outlook_fields(self) -> list[Any]:
        return [
            self[name] for name in ("outlook_service", "outlook_fellows") if name in self.fields
        ]

    def competence_notes(self) -> dict[str, str]:
        return {
            competence: self.cleaned_data.get(f"competence_{index}") or ""
            for index, competence in enumerate(self.competences)
        }


class ObjectiveForm(DsfrBaseForm):
    pk = forms.IntegerField(widget=forms.HiddenInput, required=False)
    text = forms.CharField(label=_("Objectif"), max_length=500)
    status = forms.ChoiceField(label=_("État"), choices=ObjectiveStatus.choices)
    comment = forms.CharField(
        label=_("Commentaire"), widget=forms.Textarea(attrs={"rows": 2}), required=False
    )


ObjectiveFormSet = forms.formset_factory(ObjectiveForm, extra=1, can_delete=True)


class ActionReviewForm(DsfrBaseForm):
    status = forms.ChoiceField(label=_("État"), choices=ActionStatus.choices)
    comment = forms.CharField(
        label=_("Où en est-elle ?"), widget=forms.Textarea(attrs={"rows": 2}), required=False
    )


class CommentForm(DsfrBaseForm):
    body = forms.CharField(
        label=_("Votre commentaire"),
        help_text=_("Markdown accepté."),
        widget=forms.Textarea(attrs={"rows": 3}),
    )
