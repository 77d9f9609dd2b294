"""Forms of the jury's pages (DSFR rendering through DsfrBaseForm); rules stay in services/jury.py."""

import datetime
from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _
from dsfr.forms import DsfrBaseForm

from magellan.directory.models import Challenge, Person

from ..models import (
    Application,
    ApplicationStatus,
    ChallengeDossier,
    Criterion,
    Opinion,
    Review,
    ReviewerKind,
)

DATE_INPUT = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")


class PersonChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj: Any) -> str:
        return f"{obj.name} ({obj.email})" if obj.email else str(obj.name)


class ReviewerForm(DsfrBaseForm):
    member = PersonChoiceField(
        label=_("Un membre de la communauté"),
        queryset=Person.objects.filter(user__isnull=False).order_by("name"),
        required=False,
    )
    email = forms.EmailField(
        label=_("Ou l’adresse e-mail d’un·e expert·e invité·e"),
        required=False,
        help_text=_(
            "Un compte sans rôle est créé : la personne se connecte par lien de connexion."
        ),
    )
    kind = forms.ChoiceField(label=_("Qualité"), choices=ReviewerKind.choices)

    def clean(self) -> dict[str, Any]:
        data = super().clean()
        if bool(data.get("member")) == bool(data.get("email")):
            raise forms.ValidationError(
                _("Choisissez un membre ou donnez une adresse e-mail (l’un ou l’autre).")
            )
        return data


class ConflictsForm(DsfrBaseForm):
    """One checkbox and one reason per subject of the call, and « no other conflict »."""

    complete = forms.BooleanField(
        label=_("Je n’ai aucun autre conflit d’intérêts avec les dossiers de cet appel."),
        required=False,
    )

    def __init__(
        self, *args: Any, subjects: list[Any], declared: dict[int, str], **kwargs: Any
    ) -> None:
        super().__init__(*args, **kwargs)
        self.subjects = subjects
        for subject in subjects:
            self.fields[f"conflict_{subject.pk}"] = forms.BooleanField(
                label=describe_for_conflicts(subject),
                required=False,
                initial=subject.pk in declared,
            )
            self.fields[f"reason_{subject.pk}"] = forms.CharField(
                label=_("Raison (facultatif)"),
                max_length=255,
                required=False,
                initial=declared.get(subject.pk, ""),
            )
        self.order_fields([*(f for f in self.fields if f != "complete"), "complete"])

    def conflicts(self) -> dict[Any, str]:
        return {
            subject: self.cleaned_data.get(f"reason_{subject.pk}", "")
            for subject in self.subjects
            if self.cleaned_data.get(f"conflict_{subject.pk}")
        }

    def rows(self) -> list[tuple[Any, Any]]:
        return [(self[f"conflict_{s.pk}"], self[f"reason_{s.pk}"]) for s in self.subjects]


def describe_for_conflicts(subject: Application | ChallengeDossier) -> str:
    """What a reviewer needs to recognise a conflict, and nothing else: a dossier's title and
    administration; a candidate's name and profession."""
    if isinstance(subject, ChallengeDossier):
        administration = (
            subject.administration.name if subject.administration else subject.administration_name
        )
        return f"{subject.title} — {administration}" if administration else subject.title
    name = f"{subject.first_name} {subject.last_name}".strip() or subject.reference
    profession = subject.get_profession_display()
    return f"{name} — {profession}" if profession else name


class ReviewForm(DsfrBaseForm):
    """A score and an assessment per criterion of the stage, an overall opinion and comment."""

    opinion = forms.ChoiceField(
        label=_("Avis d’ensemble"),
        choices=[("", _("— à choisir —")), *Opinion.choices],
        required=False,
    )
    comment = forms.CharField(
        label=_("Appréciation d’ensemble"), widget=forms.Textarea(attrs={"rows": 4}), required=False
    )
    version = forms.IntegerField(widget=forms.HiddenInput, min_value=0)

    def __init__(
        self, *args: Any, criteria: list[Criterion], review: Review | None, **kwargs: Any
    ) -> None:
        super().__init__(*args, **kwargs)
        self.criteria = criteria
        scores = {s.criterion_id: s for s in review.scores.all()} if review else {}
        self.fields["version"].initial = review.version if review else 0
        if review is not None:
            self.fields["opinion"].initial = review.opinion
            self.fields["comment"].initial = review.comment
        for criterion in criteria:
            score = scores.get(criterion.pk)
            self.fields[f"score_{criterion.pk}"] = forms.IntegerField(
                label=_("%(criterion)s (note de %(min)s à %(max)s)")
                % {
                    "criterion": criterion.label,
                    "min": criterion.scale_min,
                    "max": criterion.scale_max,
                },
                help_text=criterion.description,
                required=False,
                initial=score.value if score else None,
            )
            self.fields[f"assessment_{criterion.pk}"] = forms.CharField(
                label=_("Appréciation"),
                widget=forms.Textarea(attrs={"rows": 2}),
                required=False,
                initial=score.assessment if score else "",
            )
        graded = [f for f in self.fields if f.startswith(("score_", "assessment_"))]
        self.order_fields([*graded, "opinion", "comment", "version"])

    def scores(self) -> dict[int, tuple[int | None, str]]:
        return {
            c.pk: (
                self.cleaned_data.get(f"score_{c.pk}"),
                self.cleaned_data.get(f"assessment_{c.pk}", ""),
            )
            for c in self.criteria
        }


class DecisionForm(DsfrBaseForm):
    status = forms.ChoiceField(
        label=_("Décision"),
        choices=[
            (ApplicationStatus.PRESELECTED, ApplicationStatus.PRESELECTED.label),
            (ApplicationStatus.NOT_PRESELECTED, ApplicationStatus.NOT_PRESELECTED.label),
            (ApplicationStatus.WAITING, ApplicationStatus.WAITING.label),
            (ApplicationStatus.NOT_SELECTED, ApplicationStatus.NOT_SELECTED.label),
        ],
    )
    challenge = forms.ModelChoiceField(
        label=_("Défi (liste d’attente)"), queryset=Challenge.objects.all(), required=False
    )


class SelectForm(DsfrBaseForm):
    challenge = forms.ModelChoiceField(label=_("Défi"), queryset=Challenge.objects.none())
    arrival_date = forms.DateField(label=_("Date d’arrivée"), widget=DATE_INPUT)

    def __init__(self, *args: Any, application: Application, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        field = self.fields["challenge"]
        assert isinstance(field, forms.ModelChoiceField)  # noqa: S101 - declared above
        field.queryset = Challenge.objects.filter(cohorts=application.call.cohort_id).order_by(
            "title"
        )
        wish = application.wishes.order_by("rank").first()
        if wish is not None:
            field.initial = wish.challenge_id
        start = application.call.cohort.start_date
        self.fields["arrival_date"].initial = start or datetime.date.today()
