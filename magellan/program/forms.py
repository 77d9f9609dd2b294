"""Forms of the program pages (DSFR rendering through DsfrBaseForm)."""

import datetime
from typing import Any

from django import forms
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext_lazy as _
from dsfr.forms import DsfrBaseForm

from magellan.directory.models import Person, Role

from .models import Format, Session
from .planning import PhaseAnchor, PlanRule

WEEKDAYS = [
    (0, _("lundi")),
    (1, _("mardi")),
    (2, _("mercredi")),
    (3, _("jeudi")),
    (4, _("vendredi")),
]
WEEKS = [(1, _("1er")), (2, _("2e")), (3, _("3e")), (4, _("4e")), (-1, _("dernier"))]


class FormatForm(forms.ModelForm, DsfrBaseForm):
    audience_roles = forms.MultipleChoiceField(
        label=_("Public"), choices=Role.choices, widget=forms.CheckboxSelectMultiple
    )

    class Meta:
        model = Format
        fields = [
            "name",
            "slug",
            "summary",
            "audience_roles",
            "registration_required",
            "frequency",
            "frequency_detail",
            "duration_minutes",
            "is_online",
            "default_capacity",
            "preparation",
            "follow_up",
            "grouping_mode",
            "group_size_min",
            "group_size_max",
            "position",
            "is_active",
        ]

    # Group sizes are checked by Format.clean (shared with the admin) and a database constraint.


class PlanForm(DsfrBaseForm):
    formats = forms.ModelMultipleChoiceField(
        label=_("Dispositifs"),
        queryset=Format.objects.active(),
        widget=forms.CheckboxSelectMultiple,
    )
    rule = forms.ChoiceField(label=_("Règle"), choices=PlanRule.choices)
    week = forms.TypedChoiceField(
        label=_("Semaine du mois (règle mensuelle)"), choices=WEEKS, coerce=int, initial=2
    )
    weekday = forms.TypedChoiceField(
        label=_("Jour de la semaine"), choices=WEEKDAYS, coerce=int, initial=1
    )
    anchor = forms.ChoiceField(
        label=_("Moment dans la phase (règle par phase)"),
        choices=PhaseAnchor.choices,
        initial=PhaseAnchor.MIDDLE,
    )
    start_time = forms.TimeField(
        label=_("Heure de début"),
        initial=datetime.time(14, 0),
        widget=forms.TimeInput(attrs={"type": "time"}, format="%H:%M"),
    )
    place = forms.CharField(label=_("Lieu (séances sur place)"), required=False, max_length=255)
    online_url = forms.URLField(
        label=_("Lien de visioconférence (séances en ligne)"),
        required=False,
        max_length=500,
        assume_scheme="https",
    )


class SessionForm(forms.ModelForm, DsfrBaseForm):
    starts_at = forms.DateTimeField(
        label=_("Début"),
        widget=forms.DateTimeInput(attrs={"type": "datetime-local"}, format="%Y-%m-%dT%H:%M"),
    )
    ends_at = forms.DateTimeField(
        label=_("Fin"),
        widget=forms.DateTimeInput(attrs={"type": "datetime-local"}, format="%Y-%m-%dT%H:%M"),
    )
    online_url = forms.URLField(
        label=_("Lien de visioconférence"), required=False, max_length=500, assume_scheme="https"
    )
    facilitators = forms.ModelMultipleChoiceField(
        label=_("Animation"),
        queryset=Person.objects.order_by("name"),
        required=False,
        help_text=_("Maintenez Ctrl (ou Cmd) pour en choisir plusieurs."),
    )

    class Meta:
        model = Session
        fields = [
            "format",
            "challenge",
            "title",
            "description",
            "starts_at",
            "ends_at",
            "place",
            "online_url",
            "capacity",
            "facilitators",
        ]

    def __init__(self, *args: Any, cohort: Any = None, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.cohort = cohort
        challenge_field = self.fields["challenge"]
        if cohort is not None and isinstance(challenge_field, forms.ModelChoiceField):
            challenge_field.queryset = cohort.challenges.order_by("title")
        facilitators = self.fields["facilitators"]
        if isinstance(facilitators, forms.ModelMultipleChoiceField):
            facilitators.queryset = (
                Person.objects.filter(cohort_roles__role__in=[Role.COACH, Role.MENTOR])
                .distinct()
                .order_by("name")
            )

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        starts_at, ends_at = data.get("starts_at"), data.get("ends_at")
        if starts_at and ends_at and ends_at <= starts_at:
            self.add_error("ends_at", _("La fin doit être après le début."))
        cohort = self.cohort
        if starts_at and cohort is not None and cohort.start_date and cohort.end_date:
            day = timezone.localdate(starts_at)
            if not cohort.start_date <= day <= cohort.end_date:
                self.add_error(
                    "starts_at",
                    _("La séance doit avoir lieu pendant la promotion (du %(start)s au %(end)s).")
                    % {
                        "start": date_format(cohort.start_date, "j F Y"),
                        "end": date_format(cohort.end_date, "j F Y"),
                    },
                )
        return data


class FeedbackForm(DsfrBaseForm):
    rating = forms.TypedChoiceField(
        label=_("Votre note"),
        choices=[(n, str(n)) for n in range(1, 6)],
        coerce=int,
        widget=forms.RadioSelect,
        help_text=_("De 1 (pas utile) à 5 (très utile)."),
    )
    comment = forms.CharField(
        label=_("Commentaire"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_("Visible uniquement par vous et les coachs."),
    )
