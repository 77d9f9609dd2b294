"""Forms of the program pages (DSFR rendering through DsfrBaseForm)."""

import datetime
from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _
from dsfr.forms import DsfrBaseForm

from magellan.core.validators import validate_single_line
from magellan.directory.models import Challenge, Cohort, Person, PhaseKind, Role

from . import queries, services
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
            facilitators.queryset = queries.facilitator_candidates()

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        starts_at, ends_at = data.get("starts_at"), data.get("ends_at")
        if starts_at and ends_at and ends_at <= starts_at:
            self.add_error("ends_at", _("La fin doit être après le début."))
        if starts_at and self.cohort is not None:
            refusal = services.cohort_date_refusal(cohort=self.cohort, starts_at=starts_at)
            if refusal is not None:
                self.add_error("starts_at", refusal)
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


class CalendarFilterForm(DsfrBaseForm):
    """What the calendar shows: a cohort, a format, a challenge, a facilitator, a phase."""

    promotion = forms.ModelChoiceField(
        label=_("Promotion"),
        queryset=Cohort.objects.order_by("-number", "variant"),
        to_field_name="slug",
        required=False,
        empty_label=_("Toutes"),
    )
    dispositif = forms.ModelChoiceField(
        label=_("Dispositif"),
        queryset=Format.objects.order_by("position", "name"),
        to_field_name="slug",
        required=False,
        empty_label=_("Tous"),
    )
    defi = forms.ModelChoiceField(
        label=_("Défi"),
        queryset=Challenge.objects.order_by("title"),
        to_field_name="slug",
        required=False,
        empty_label=_("Tous"),
    )
    animation = forms.ModelChoiceField(
        label=_("Animation"),
        queryset=Person.objects.none(),
        to_field_name="slug",
        required=False,
        empty_label=_("Tout le monde"),
    )
    phase = forms.TypedChoiceField(
        label=_("Phase"),
        choices=[("", _("Toutes")), *PhaseKind.choices],
        coerce=int,
        empty_value=None,
        required=False,
    )

    def __init__(self, *args: Any, challenges: Any = None, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        animation = self.fields["animation"]
        if isinstance(animation, forms.ModelChoiceField):
            animation.queryset = queries.facilitator_candidates()
        defi = self.fields["defi"]
        if challenges is not None and isinstance(defi, forms.ModelChoiceField):
            defi.queryset = challenges

    def filter(self, sessions: Any) -> Any:
        """The sessions that match the chosen filters (all of them when the form is invalid)."""
        if not self.is_valid():
            return sessions
        data = self.cleaned_data
        if data.get("promotion"):
            sessions = sessions.filter(cohort=data["promotion"])
        if data.get("dispositif"):
            sessions = sessions.filter(format=data["dispositif"])
        if data.get("defi"):
            sessions = sessions.filter(challenge=data["defi"])
        if data.get("animation"):
            sessions = sessions.filter(facilitators=data["animation"])
        if data.get("phase"):
            sessions = sessions.filter(phase__kind=data["phase"])
        return sessions


class BulkAction:
    MOVE = "deplacer"
    TIME = "horaire"
    PLACE = "lieu"
    FACILITATORS = "animation"
    CANCEL = "annuler"


class BulkEditForm(DsfrBaseForm):
    """One change for the selected sessions: move by N days, set the time, the place, the
    facilitators, or cancel them."""

    action = forms.ChoiceField(
        label=_("Modification"),
        widget=forms.RadioSelect,
        choices=[
            (BulkAction.MOVE, _("Déplacer de quelques jours")),
            (BulkAction.TIME, _("Changer l’heure de début (même jour, même durée)")),
            (BulkAction.PLACE, _("Changer le lieu")),
            (BulkAction.FACILITATORS, _("Changer l’animation")),
            (BulkAction.CANCEL, _("Annuler ces séances")),
        ],
    )
    days = forms.IntegerField(
        label=_("Nombre de jours"),
        help_text=_("7 pour une semaine plus tard, −7 pour une semaine plus tôt."),
        min_value=-366,
        max_value=366,
        required=False,
    )
    start_time = forms.TimeField(
        label=_("Nouvelle heure de début"),
        widget=forms.TimeInput(attrs={"type": "time"}, format="%H:%M"),
        required=False,
    )
    place = forms.CharField(
        label=_("Nouveau lieu"), max_length=255, required=False, validators=[validate_single_line]
    )
    facilitators = forms.ModelMultipleChoiceField(
        label=_("Nouvelle animation"),
        queryset=Person.objects.none(),
        required=False,
        help_text=_("Maintenez Ctrl (ou Cmd) pour en choisir plusieurs."),
    )
    confirm = forms.BooleanField(
        label=_("Je confirme l’annulation : chaque personne attendue sera prévenue par e-mail."),
        required=False,
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        facilitators = self.fields["facilitators"]
        if isinstance(facilitators, forms.ModelMultipleChoiceField):
            facilitators.queryset = queries.facilitator_candidates()

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        action = data.get("action")
        if action == BulkAction.MOVE and not data.get("days"):
            self.add_error("days", _("Indiquez de combien de jours déplacer les séances."))
        if action == BulkAction.TIME and data.get("start_time") is None:
            self.add_error("start_time", _("Indiquez la nouvelle heure de début."))
        if action == BulkAction.PLACE and not data.get("place"):
            self.add_error("place", _("Indiquez le nouveau lieu."))
        if action == BulkAction.FACILITATORS and not data.get("facilitators"):
            self.add_error("facilitators", _("Choisissez au moins une personne."))
        if action == BulkAction.CANCEL and not data.get("confirm"):
            self.add_error("confirm", _("Cochez la case pour confirmer l’annulation."))
        return data
