"""Forms of the community pages (DSFR rendering through DsfrBaseForm); rules stay in services."""

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _
from dsfr.forms import DsfrBaseForm

from magellan.directory.models import Expertise

MARKDOWN_HELP = _("Mise en forme en Markdown : **gras**, *italique*, listes, [lien](https://…).")


class QuestionForm(DsfrBaseForm):
    title = forms.CharField(label=_("Titre"), max_length=200)
    body = forms.CharField(
        label=_("Votre question"), widget=forms.Textarea(attrs={"rows": 8}), help_text=MARKDOWN_HELP
    )
    expertises = forms.ModelMultipleChoiceField(
        label=_("Expertises concernées"),
        queryset=Expertise.objects.none(),
        required=False,
        help_text=_("Les membres qui ont ces expertises sont prévenus."),
        widget=forms.CheckboxSelectMultiple,
    )
    version = forms.IntegerField(widget=forms.HiddenInput, required=False)

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        field = self.fields["expertises"]
        assert isinstance(field, forms.ModelMultipleChoiceField)  # noqa: S101 - set just above
        field.queryset = Expertise.objects.order_by("name")


class AnswerForm(DsfrBaseForm):
    body = forms.CharField(
        label=_("Votre réponse"), widget=forms.Textarea(attrs={"rows": 6}), help_text=MARKDOWN_HELP
    )
    version = forms.IntegerField(widget=forms.HiddenInput, required=False)


class CommentForm(DsfrBaseForm):
    body = forms.CharField(
        label=_("Votre commentaire"), max_length=2000, widget=forms.Textarea(attrs={"rows": 2})
    )
    answer = forms.IntegerField(widget=forms.HiddenInput, required=False)


class ModerationForm(DsfrBaseForm):
    reason = forms.CharField(
        label=_("Motif du masquage"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("Son auteur reçoit ce motif. Inutile pour rétablir un message."),
    )
