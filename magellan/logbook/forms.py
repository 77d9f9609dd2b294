"""Forms of the logbook pages (DSFR rendering through DsfrBaseForm); the rules stay in services."""

import datetime
import re
from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _
from dsfr.forms import DsfrBaseForm
from dsfr.utils import dsfr_input_class_attr

from .models import SKILLS, Entry, GoalsStatus, Level, Staying

MONTH = re.compile(r"^\s*(\d{4})-(\d{1,2})\s*$")
LEVEL_CHOICES = [("", _("je ne me prononce pas")), *[(str(v), label) for v, label in Level.choices]]


def _choice(field: forms.Field) -> forms.ChoiceField:
    """A choice field of this form (to set its choices)."""
    assert isinstance(field, forms.ChoiceField)  # noqa: S101 - a programming error, not input
    return field


class EntryForm(forms.ModelForm, DsfrBaseForm):
    month = forms.CharField(
        label=_("Mois"),
        widget=forms.TextInput(attrs={"type": "month"}),
        help_text=_("Au format AAAA-MM, par exemple 2026-12 : ce mois-ci ou un mois passé."),
    )
    skills = forms.MultipleChoiceField(
        label=_("Compétences mobilisées hors de ma spécialité ce mois-ci"),
        choices=SKILLS,
        widget=forms.CheckboxSelectMultiple,
        required=False,
    )
    needs = forms.CharField(
        label=_("Mes besoins"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_(
            "Un besoin par ligne (10 au plus). Depuis l’entrée, chacun peut devenir une demande d’aide "
            "ou un besoin de mentorat."
        ),
    )
    version = forms.IntegerField(widget=forms.HiddenInput, required=False)

    class Meta:
        model = Entry
        fields = [
            "previous_goals_status",
            "previous_goals_comment",
            "goals",
            "learnt",
            "skills",
            "skills_other",
            "staying",
            "staying_why",
            "notes",
        ]
        widgets = {
            "goals": forms.Textarea(attrs={"rows": 4}),
            "previous_goals_status": forms.RadioSelect,
            "previous_goals_comment": forms.Textarea(attrs={"rows": 3}),
            "learnt": forms.Textarea(attrs={"rows": 4}),
            "staying": forms.RadioSelect,
            "staying_why": forms.Textarea(attrs={"rows": 3}),
            "notes": forms.Textarea(attrs={"rows": 4}),
        }
        help_texts = {
            "goals": _(
                "Deux ou trois objectifs concrets, d’apprentissage ou de parcours (Markdown)."
            ),
            "previous_goals_status": _(
                "Dans l’ensemble ; laissez vide pour votre première entrée."
            ),
            "learnt": _("Ce que vous savez faire ou comprenez maintenant, et à quelle occasion."),
            "staying_why": _(
                "Cette réponse compte, en nombre seulement, dans l’indicateur de la promotion."
            ),
        }

    def __init__(
        self, *args: Any, competences: list[str], ratings: dict[str, int], **kwargs: Any
    ) -> None:
        super().__init__(*args, **kwargs)
        _choice(self.fields["previous_goals_status"]).choices = [
            ("", _("pas d’objectifs le mois dernier")),
            *GoalsStatus.choices,
        ]
        _choice(self.fields["staying"]).choices = [("", _("sans réponse")), *Staying.choices]
        self.competences = competences
        for index, competence in enumerate(competences):
            name = f"competence_{index}"
            self.fields[name] = forms.ChoiceField(
                label=competence,
                choices=LEVEL_CHOICES,
                required=False,
                widget=forms.RadioSelect,
                initial=str(ratings.get(competence, "")),
            )
            dsfr_input_class_attr(self[name])
        if self.instance.pk is not None:
            del self.fields["month"]
            self.fields["version"].initial = self.instance.version
            self.fields["needs"].initial = "\n".join(
                need.text for need in self.instance.needs.all() if not need.is_turned
            )
        else:
            self.fields["month"].initial = f"{self.instance.month:%Y-%m}"

    def clean_month(self) -> datetime.date:
        match = MONTH.match(self.cleaned_data["month"])
        if not match or not 1 <= int(match[2]) <= 12:
            raise forms.ValidationError(
                _("Indiquez le mois au format AAAA-MM, par exemple 2026-12.")
            )
        return datetime.date(int(match[1]), int(match[2]), 1)

    def rating_fields(self) -> list[Any]:
        return [self[f"competence_{index}"] for index in range(len(self.competences))]

    def _fields(self, *names: str) -> list[Any]:
        return [self[name] for name in names if name in self.fields]

    def sections(self) -> list[tuple[str, list[Any]]]:
        """The parts of the page, in the order of the monthly hour: look back, then ahead."""
        return [
            (str(_("Le mois")), self._fields("month")),
            (
                str(_("Le mois dernier")),
                self._fields("previous_goals_status", "previous_goals_comment"),
            ),
            (str(_("Ce mois-ci")), self._fields("goals", "learnt", "skills", "skills_other")),
            (str(_("Les compétences de la phase")), self.rating_fields()),
            (str(_("Après le programme")), self._fields("staying", "staying_why")),
            (str(_("Mes besoins et mes notes")), self._fields("needs", "notes")),
        ]

    def ratings(self) -> list[tuple[str, int | None]]:
        """(competence, level or None) in the phase's order."""
        return [
            (
                competence,
                int(value) if (value := self.cleaned_data.get(f"competence_{i}")) else None,
            )
            for i, competence in enumerate(self.competences)
        ]

    def need_texts(self) -> list[str]:
        return [
            line for line in (self.cleaned_data.get("needs") or "").splitlines() if line.strip()
        ]
