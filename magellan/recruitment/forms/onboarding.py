"""Forms of the onboarding pages (DSFR rendering through DsfrBaseForm); rules stay in services."""

from typing import Any

from django import forms
from django.forms import inlineformset_factory
from django.utils.translation import gettext_lazy as _
from dsfr.forms import DsfrBaseForm

from ..models import ChecklistItem, ChecklistTemplate, TemplateItem

DATE_INPUT = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")


class ItemForm(DsfrBaseForm):
    """One item of a checklist: done or not, with the two comments; `version` guards against overwrites."""

    done = forms.BooleanField(label=_("Fait"), required=False)
    successes = forms.CharField(
        label=_("Réussites"),
        required=False,
        max_length=5000,
        widget=forms.Textarea(attrs={"rows": 2}),
    )
    difficulties = forms.CharField(
        label=_("Difficultés, questions, besoins"),
        required=False,
        max_length=5000,
        widget=forms.Textarea(attrs={"rows": 2}),
    )
    version = forms.IntegerField(widget=forms.HiddenInput, min_value=1)

    @classmethod
    def for_item(cls, item: ChecklistItem, data: Any = None) -> "ItemForm":
        return cls(
            data,
            prefix=f"item-{item.pk}",
            initial={
                "done": item.done_at is not None,
                "successes": item.successes,
                "difficulties": item.difficulties,
                "version": item.version,
            },
        )


class StartForm(DsfrBaseForm):
    arrival_date = forms.DateField(
        label=_("Date d’arrivée"),
        required=False,
        widget=DATE_INPUT,
        help_text=_("Laissez vide pour prendre le début de la promotion."),
    )


class TemplateForm(forms.ModelForm, DsfrBaseForm):
    class Meta:
        model = ChecklistTemplate
        fields = ("name", "audience", "is_active")


class TemplateItemForm(forms.ModelForm, DsfrBaseForm):
    class Meta:
        model = TemplateItem
        fields = ("section", "label", "responsible", "due_days", "position")


def kept_items(formset: Any) -> list[TemplateItem]:
    """The items a template keeps: every filled form not marked for deletion."""
    return [
        form.instance
        for form in formset.forms
        if (form.has_changed() or form.instance.pk) and not form.cleaned_data.get("DELETE")
    ]


TemplateItemFormSet = inlineformset_factory(
    ChecklistTemplate,
    TemplateItem,
    form=TemplateItemForm,
    extra=3,
    can_delete=True,
)
