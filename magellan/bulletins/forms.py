"""Forms of the bulletin pages (DSFR rendering through DsfrBaseForm); rules stay in services."""

from typing import Any

from django import forms
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _
from dsfr.forms import DsfrBaseForm

from .models import MOOD_EMOJI, Bulletin, Mood


def mood_choices() -> list[tuple[int, Any]]:
    """Each mood by its text label; the emoji only decorates (hidden from screen readers)."""
    return [
        (
            mood.value,
            format_html('<span aria-hidden="true">{}</span> {}', MOOD_EMOJI[mood], mood.label),
        )
        for mood in Mood
    ]


class BulletinForm(forms.ModelForm, DsfrBaseForm):
    mood = forms.TypedChoiceField(
        label=_("Humeur de l’équipe cette semaine"),
        choices=mood_choices,
        coerce=int,
        widget=forms.RadioSelect,
    )
    open_request = forms.BooleanField(
        label=_("Ouvrir une demande d’aide au bureau d’aide avec ce besoin"),
        help_text=_("Elle est suivie par l’équipe et les coachs, et reliée à ce bulletin."),
        required=False,
    )
    version = forms.IntegerField(widget=forms.HiddenInput, required=False)

    class Meta:
        model = Bulletin
        fields = (
            "mood",
            "priority",
            "ups_and_downs",
            "help_needed",
            "help_is_private",
            "key_date",
            "key_date_description",
        )
        widgets = {
            "priority": forms.Textarea(attrs={"rows": 3}),
            "ups_and_downs": forms.Textarea(attrs={"rows": 3}),
            "help_needed": forms.Textarea(attrs={"rows": 3}),
            "key_date": forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
        }

    def __init__(self, *args: Any, has_request: bool = False, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.order_fields(
            [
                "mood",
                "priority",
                "ups_and_downs",
                "help_needed",
                "open_request",
                "help_is_private",
                "key_date",
                "key_date_description",
            ]
        )
        if has_request:
            del self.fields["open_request"]


class SubscriptionForm(DsfrBaseForm):
    subscribed = forms.BooleanField(
        label=_("Recevoir chaque semaine le récapitulatif des bulletins de ma promotion"),
        required=False,
    )


class TeamSettingsForm(DsfrBaseForm):
    webhook_url = forms.URLField(
        label=_("Adresse du webhook entrant de discussion (Tchap, Mattermost, Slack)"),
        help_text=_(
            "Facultatif. Les rappels du dernier jour ouvré y sont postés en plus de l’e-mail. "
            "Laissez vide pour n’utiliser que l’e-mail."
        ),
        max_length=500,
        required=False,
        assume_scheme="https",
    )
