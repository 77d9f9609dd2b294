"""Forms of the mentoring pages (DSFR rendering through DsfrBaseForm); rules stay in services."""

import datetime
import re
from typing import Any

from django import forms
from django.core.exceptions import ValidationError
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from dsfr.forms import DsfrBaseForm

from magellan.core.forms import set_help_text
from magellan.directory.models import Challenge, Cohort, Expertise, Person, Role

from . import queries, services
from .models import CAPACITY_AT_LEAST_ONE, HALF_DAYS, LANGUAGES, Level, Need, Offer, Proposal, Round

DATE_INPUT = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")
DATETIME_INPUT = forms.DateTimeInput(attrs={"type": "datetime-local"}, format="%Y-%m-%dT%H:%M")
AWAY_LINE = re.compile(
    r"^\s*(?:du\s+)?(\d{2}/\d{2}/\d{4})\s*(?:au|-|–)\s*(\d{2}/\d{2}/\d{4})\s*$", re.I
)


def _model_choice(field: forms.Field) -> forms.ModelChoiceField:
    """A model choice field of this form (to set its queryset)."""
    assert isinstance(field, forms.ModelChoiceField)  # noqa: S101 - a programming error, not input
    return field


def _expertises() -> Any:
    return Expertise.objects.order_by("name")


class OfferForm(forms.ModelForm, DsfrBaseForm):
    capacity = forms.IntegerField(
        label=_("Cycles en même temps"),
        min_value=1,
        max_value=20,
        initial=1,
        error_messages={"min_value": CAPACITY_AT_LEAST_ONE},
    )
    capacity_per_quarter = forms.IntegerField(
        label=_("Cycles par trimestre"),
        min_value=1,
        max_value=60,
        initial=2,
        error_messages={"min_value": CAPACITY_AT_LEAST_ONE},
    )
    expert_in = forms.ModelMultipleChoiceField(
        label=_("Expertises : niveau expert·e"),
        queryset=Expertise.objects.none(),
        required=False,
        help_text=_(
            "Ctrl (ou Cmd) + clic pour en choisir plusieurs ; au moins une expertise en tout."
        ),
    )
    confirmed_in = forms.ModelMultipleChoiceField(
        label=_("Expertises : niveau confirmé·e"), queryset=Expertise.objects.none(), required=False
    )
    practice_in = forms.ModelMultipleChoiceField(
        label=_("Expertises : niveau pratique"), queryset=Expertise.objects.none(), required=False
    )
    availability = forms.MultipleChoiceField(
        label=_("Disponibilités"),
        choices=HALF_DAYS,
        widget=forms.CheckboxSelectMultiple,
        help_text=_("Les demi-journées où vous pouvez tenir une séance."),
    )
    languages = forms.MultipleChoiceField(
        label=_("Langues"), choices=LANGUAGES, widget=forms.CheckboxSelectMultiple, required=False
    )
    away = forms.CharField(
        label=_("Absences"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("Une période par ligne, par exemple « du 01/08/2027 au 31/08/2027 »."),
    )

    field_order = ["pitch", "expert_in", "confirmed_in", "practice_in", "capacity"]

    class Meta:
        model = Offer
        fields = [
            "pitch",
            "capacity",
            "capacity_per_quarter",
            "availability",
            "mode",
            "place",
            "languages",
            "administration",
            "is_paused",
        ]
        widgets = {"pitch": forms.Textarea(attrs={"rows": 4})}

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        for name in ("expert_in", "confirmed_in", "practice_in"):
            _model_choice(self.fields[name]).queryset = _expertises()
        if self.instance.pk:
            by_level: dict[int, list[int]] = {}
            for item in self.instance.expertises.all():
                by_level.setdefault(item.level, []).append(item.expertise_id)
            self.initial.setdefault("expert_in", by_level.get(Level.EXPERT, []))
            self.initial.setdefault("confirmed_in", by_level.get(Level.CONFIRMED, []))
            self.initial.setdefault("practice_in", by_level.get(Level.PRACTICE, []))
            self.initial.setdefault(
                "away",
                "\n".join(
                    f"du {a.start_date:%d/%m/%Y} au {a.end_date:%d/%m/%Y}"
                    for a in self.instance.away_periods.all()
                ),
            )

    def clean_away(self) -> list[tuple[datetime.date, datetime.date]]:
        periods = []
        for line in (self.cleaned_data.get("away") or "").splitlines():
            if not line.strip():
                continue
            found = AWAY_LINE.match(line)
            try:
                if not found:
                    raise ValueError
                start, end = (
                    datetime.datetime.strptime(d, "%d/%m/%Y").date() for d in found.groups()
                )
            except ValueError:
                raise ValidationError(
                    _(
                        "« %(line)s » n’est pas une période : écrivez « du 01/08/2027 au 31/08/2027 »."
                    )
                    % {"line": line.strip()}
                ) from None
            if end < start:
                raise ValidationError(
                    _("Une absence finit avant de commencer : %(line)s") % {"line": line.strip()}
                )
            periods.append((start, end))
        return periods

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        levels = {
            "expert_in": Level.EXPERT,
            "confirmed_in": Level.CONFIRMED,
            "practice_in": Level.PRACTICE,
        }
        chosen: dict[int, tuple[Expertise, int]] = {}
        for name, level in levels.items():
            for expertise in data.get(name) or []:
                if expertise.pk in chosen:
                    self.add_error(
                        name,
                        _("« %(name)s » est choisie à deux niveaux.") % {"name": expertise.name},
                    )
                chosen[expertise.pk] = (expertise, level)
        if not chosen and not self.errors:
            self.add_error(
                "expert_in", _("Indiquez au moins une expertise, à l’un des trois niveaux.")
            )
        data["expertise_levels"] = list(chosen.values())
        return data


class NeedForm(forms.ModelForm, DsfrBaseForm):
    availability = forms.MultipleChoiceField(
        label=_("Disponibilités"),
        choices=HALF_DAYS,
        widget=forms.CheckboxSelectMultiple,
        help_text=_("Les demi-journées où vous pouvez tenir une séance."),
    )
    preference_1 = forms.ModelChoiceField(
        label=_("Préférence n° 1"), queryset=Person.objects.none(), required=False
    )
    preference_2 = forms.ModelChoiceField(
        label=_("Préférence n° 2"), queryset=Person.objects.none(), required=False
    )
    preference_3 = forms.ModelChoiceField(
        label=_("Préférence n° 3"), queryset=Person.objects.none(), required=False
    )

    class Meta:
        model = Need
        fields = [
            "main_expertise",
            "secondary_expertises",
            "description",
            "wished_start",
            "wished_end",
            "mode",
            "availability",
            "challenge",
        ]
        widgets = {
            "description": forms.Textarea(attrs={"rows": 6}),
            "wished_start": DATE_INPUT,
            "wished_end": DATE_INPUT,
        }
        help_texts = {
            "description": _(
                "Votre expression de besoins : ce que vous voulez apprendre ou débloquer, où vous en êtes. "
                "Seuls vous, les coachs et les personnes à qui votre besoin sera proposé la liront."
            ),
            "challenge": _(
                "Pour un cycle collectif avec toute l’équipe EIG du défi ; sinon laissez vide."
            ),
        }

    def __init__(
        self, *args: Any, person: Person | None, cohort: Cohort, coach: bool = False, **kwargs: Any
    ) -> None:
        super().__init__(*args, **kwargs)
        self.cohort = cohort
        _model_choice(self.fields["main_expertise"]).queryset = _expertises()
        _model_choice(self.fields["secondary_expertises"]).queryset = _expertises()
        self.fields["secondary_expertises"].required = False
        self.fields["description"].error_messages["required"] = services.DESCRIPTION_REQUIRED
        mentors = queries.mentor_choices()
        if person is not None:
            mentors = mentors.exclude(pk=person.pk)
        for rank in (1, 2, 3):
            _model_choice(self.fields[f"preference_{rank}"]).queryset = mentors
        if coach:
            self.fields["person"] = forms.ModelChoiceField(
                label=_("Pour"),
                queryset=Person.objects.filter(
                    cohort_roles__cohort=cohort, cohort_roles__role=Role.FELLOW
                )
                .distinct()
                .order_by("name"),
            )
            self.fields["allow_same_affiliation"] = forms.BooleanField(
                label=Need._meta.get_field("allow_same_affiliation").verbose_name,
                required=False,
                initial=self.instance.allow_same_affiliation,
            )
            _model_choice(self.fields["challenge"]).queryset = Challenge.objects.filter(
                cohorts=cohort
            ).order_by("title")
        else:
            _model_choice(self.fields["challenge"]).queryset = (
                Challenge.objects.filter(
                    memberships__person=person, memberships__role=Role.FELLOW
                ).order_by("title")
                if person is not None
                else Challenge.objects.none()
            )
        if self.instance.pk:
            if coach:
                self.initial.setdefault("person", self.instance.person_id)
            for preference in self.instance.preferences.all():
                self.initial.setdefault(f"preference_{preference.rank}", preference.mentor_id)

    def preferred(self) -> list[Person]:
        return [
            p
            for p in (self.cleaned_data.get(f"preference_{r}") for r in (1, 2, 3))
            if p is not None
        ]

    def _post_clean(self) -> None:
        """Once the instance carries the form's values, the service's rules say what is wrong."""
        super()._post_clean()
        if self.errors:
            return
        need = self.instance
        need.cohort = self.cohort
        if "person" in self.fields:
            need.person = self.cleaned_data["person"]
            need.allow_same_affiliation = self.cleaned_data.get("allow_same_affiliation", False)
        for message in services.need_refusals(need=need, preferred=self.preferred()):
            self.add_error(None, message)


class PairForm(DsfrBaseForm):
    need = forms.ModelChoiceField(label=_("Besoin"), queryset=Need.objects.none())
    mentor = forms.ModelChoiceField(label=_("Parrain ou marraine"), queryset=Person.objects.none())

    def __init__(self, *args: Any, round: Round, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        _model_choice(self.fields["need"]).queryset = round.needs.select_related(
            "person", "main_expertise"
        ).order_by("person__name")
        self.fields["need"].label_from_instance = lambda n: (
            f"{n.person.name} — {n.main_expertise.name}"
        )
        _model_choice(self.fields["mentor"]).queryset = Person.objects.filter(
            mentoring_offer__isnull=False
        ).order_by("name")


class SwapForm(DsfrBaseForm):
    first = forms.ModelChoiceField(
        label=_("Première proposition"), queryset=Proposal.objects.none()
    )
    second = forms.ModelChoiceField(
        label=_("Seconde proposition"), queryset=Proposal.objects.none()
    )

    def __init__(self, *args: Any, round: Round, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        drafts = queries.round_proposals(round).filter(status="draft")
        for name in ("first", "second"):
            _model_choice(self.fields[name]).queryset = drafts
            self.fields[name].label_from_instance = lambda p: (
                f"{p.need.person.name} ↔ {p.mentor.name}"
            )


def _future(value: datetime.datetime | None) -> datetime.datetime | None:
    if value is not None and value <= timezone.now():
        raise ValidationError(_("Choisissez une date à venir."))
    return value


class ScheduleForm(DsfrBaseForm):
    starts_at = forms.DateTimeField(label=_("Date et heure convenues"), widget=DATETIME_INPUT)
    place = forms.CharField(label=_("Lieu"), required=False, max_length=255)
    online_url = forms.URLField(
        label=_("Lien de visioconférence"), required=False, max_length=500, assume_scheme="https"
    )

    def clean_starts_at(self) -> datetime.datetime | None:
        return _future(self.cleaned_data.get("starts_at"))


class SlotsForm(DsfrBaseForm):
    slot_1 = forms.DateTimeField(label=_("Créneau 1"), widget=DATETIME_INPUT)
    slot_2 = forms.DateTimeField(label=_("Créneau 2"), widget=DATETIME_INPUT, required=False)
    slot_3 = forms.DateTimeField(label=_("Créneau 3"), widget=DATETIME_INPUT, required=False)

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        for name in ("slot_1", "slot_2", "slot_3"):
            if data.get(name) and data[name] <= timezone.now():
                self.add_error(name, _("Choisissez une date à venir."))
        return data

    def starts(self) -> list[datetime.datetime]:
        return [
            self.cleaned_data[n] for n in ("slot_1", "slot_2", "slot_3") if self.cleaned_data.get(n)
        ]


class PickForm(DsfrBaseForm):
    slot = forms.IntegerField(widget=forms.HiddenInput)
    place = forms.CharField(label=_("Lieu"), required=False, max_length=255)
    online_url = forms.URLField(
        label=_("Lien de visioconférence"), required=False, max_length=500, assume_scheme="https"
    )


class NoteForm(DsfrBaseForm):
    body = forms.CharField(
        label=_("Nouvelle note"), max_length=5000, widget=forms.Textarea(attrs={"rows": 4})
    )


class CycleFeedbackForm(DsfrBaseForm):
    rating = forms.TypedChoiceField(
        label=_("Note"),
        coerce=int,
        choices=[(i, str(i)) for i in range(1, 6)],
        widget=forms.RadioSelect,
        help_text=_("De 1 (pas utile) à 5 (très utile)."),
    )
    comment = forms.CharField(
        label=_("Commentaire"),
        required=False,
        max_length=3000,
        widget=forms.Textarea(attrs={"rows": 4}),
    )
    shared_with_mentor = forms.BooleanField(
        label=_("Montrer mon commentaire à mon parrain ou ma marraine"),
        required=False,
        help_text=_("Sinon, seuls les coachs le lisent."),
    )

    def __init__(self, *args: Any, is_mentor: bool, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        if is_mentor:
            del self.fields["shared_with_mentor"]
            set_help_text(
                self, "comment", _("Lu par les coachs ; la personne accompagnée ne le voit pas.")
            )
