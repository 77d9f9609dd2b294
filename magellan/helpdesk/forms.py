"""Forms of the help-desk pages (DSFR rendering through DsfrBaseForm); rules stay in services."""

from typing import Any

from django import forms
from django.conf import settings
from django.core.files.uploadedfile import UploadedFile
from django.utils.translation import gettext_lazy as _
from dsfr.forms import DsfrBaseForm

from magellan.core.forms import set_help_text
from magellan.core.uploads import megabytes
from magellan.directory.models import Challenge, Cohort, Expertise, Person

from . import queries
from .filetypes import ACCEPTED_EXTENSIONS
from .models import Status, Urgency, WishedForm

DATETIME_INPUT = forms.DateTimeInput(attrs={"type": "datetime-local"}, format="%Y-%m-%dT%H:%M")


class MultipleFileInput(forms.ClearableFileInput):
    allow_multiple_selected = True


class MultipleFileField(forms.FileField):
    """Several files in one input; the help desk's service checks each (size, type)."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        kwargs.setdefault(
            "widget",
            MultipleFileInput(attrs={"accept": ",".join(f".{e}" for e in ACCEPTED_EXTENSIONS)}),
        )
        super().__init__(*args, **kwargs)

    def clean(self, data: Any, initial: Any = None) -> list[UploadedFile]:
        single = super().clean
        if isinstance(data, list | tuple):
            return [single(item, initial) for item in data if item]
        return [data] if data else []


def _files_help() -> str:
    return str(
        _(
            "Facultatif. PDF, images (PNG, JPEG, GIF, WebP) ou documents bureautiques (Word, "
            "Excel, PowerPoint, OpenDocument), %(size)s au plus chacun. Seules les personnes qui "
            "suivent la demande les voient."
        )
        % {"size": megabytes(int(settings.MAGELLAN_HELPDESK_ATTACHMENT_MAX_BYTES))}
    )


def _expertises() -> Any:
    return Expertise.objects.order_by("name")


class RequestForm(DsfrBaseForm):
    subject = forms.CharField(label=_("Sujet"), max_length=200)
    description = forms.CharField(
        label=_("Description"),
        widget=forms.Textarea(attrs={"rows": 8}),
        help_text=_(
            "Le contexte, ce que vous avez déjà essayé, ce que vous attendez. Markdown accepté."
        ),
    )
    expertises = forms.ModelMultipleChoiceField(
        label=_("Expertises"),
        queryset=Expertise.objects.none(),
        required=False,
        help_text=_("Elles orientent la demande vers les bonnes personnes."),
        widget=forms.CheckboxSelectMultiple,
    )
    challenge = forms.ModelChoiceField(
        label=_("Défi concerné"), queryset=Challenge.objects.none(), required=False
    )
    urgency = forms.ChoiceField(
        label=_("Urgence"),
        choices=Urgency.choices,
        initial=Urgency.NORMAL,
        widget=forms.RadioSelect,
    )
    wished_form = forms.ChoiceField(
        label=_("Forme souhaitée"),
        choices=WishedForm.choices,
        initial=WishedForm.WRITTEN,
        widget=forms.RadioSelect,
    )
    attachments = MultipleFileField(label=_("Pièces jointes"), required=False)

    def __init__(self, *args: Any, person: Person, coach: bool, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["expertises"].queryset = _expertises()
        set_help_text(self, "attachments", _files_help())
        challenge = self.fields["challenge"]
        assert isinstance(challenge, forms.ModelChoiceField)  # noqa: S101 - a programming error
        if coach:
            challenge.queryset = Challenge.objects.all()
            challenge.required = True
            set_help_text(self, "challenge", _("Vous déposez la demande pour l’équipe de ce défi."))
        else:
            challenge.queryset = Challenge.objects.filter(memberships__person=person).distinct()
            current = queries.current_challenge(person)
            if current is not None:
                challenge.initial = current.pk
        challenge.queryset = challenge.queryset.distinct().order_by("title")


class AssignForm(DsfrBaseForm):
    helpers = forms.ModelMultipleChoiceField(
        label=_("Aidant·es"),
        queryset=Person.objects.none(),
        widget=forms.CheckboxSelectMultiple,
    )

    def __init__(self, *args: Any, exclude: set[int], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["helpers"].queryset = (
            Person.objects.filter(helper_profile__is_active=True)
            .exclude(pk__in=exclude)
            .order_by("name", "pk")
        )


class PlanSessionForm(DsfrBaseForm):
    starts_at = forms.DateTimeField(label=_("Date et heure"), widget=DATETIME_INPUT)
    minutes = forms.IntegerField(
        label=_("Durée (minutes)"), min_value=15, max_value=480, initial=60
    )
    helper = forms.ModelChoiceField(label=_("Animée par"), queryset=Person.objects.none())
    place = forms.CharField(label=_("Lieu"), required=False, max_length=255)
    online_url = forms.URLField(
        label=_("Lien de visioconférence"), required=False, max_length=500, assume_scheme="https"
    )

    def __init__(self, *args: Any, helpers: list[Person], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        field = self.fields["helper"]
        assert isinstance(field, forms.ModelChoiceField)  # noqa: S101 - a programming error
        field.queryset = Person.objects.filter(pk__in=[h.pk for h in helpers]).order_by("name")
        if len(helpers) == 1:
            field.initial = helpers[0].pk


class ResolveForm(DsfrBaseForm):
    summary = forms.CharField(
        label=_("Résumé de la résolution"),
        widget=forms.Textarea(attrs={"rows": 5}),
        help_text=_("Ce qui a été trouvé, ce qui reste à faire. Markdown accepté."),
    )


class CommentForm(DsfrBaseForm):
    body = forms.CharField(
        label=_("Votre message"),
        max_length=10000,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_("Markdown accepté."),
    )


class ReopenForm(DsfrBaseForm):
    reason = forms.CharField(
        label=_("Pourquoi la rouvrir ?"),
        required=False,
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("Facultatif ; ajouté au fil de la demande."),
    )


class AttachForm(DsfrBaseForm):
    files = MultipleFileField(label=_("Ajouter des fichiers"))

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        set_help_text(self, "files", _files_help())


class HelperProfileForm(DsfrBaseForm):
    expertises = forms.ModelMultipleChoiceField(
        label=_("Mes expertises d’aidant·e"),
        queryset=Expertise.objects.none(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    is_active = forms.BooleanField(
        label=_("Je suis disponible pour aider"),
        required=False,
        initial=True,
        help_text=_("Décochez pour ne plus recevoir de demande (vos demandes en cours restent)."),
    )
    note = forms.CharField(
        label=_("Ce que je peux apporter"),
        required=False,
        max_length=1000,
        widget=forms.Textarea(attrs={"rows": 3}),
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["expertises"].queryset = _expertises()


class AddHelperForm(DsfrBaseForm):
    person = forms.ModelChoiceField(
        label=_("Personne"),
        queryset=Person.objects.none(),
        help_text=_(
            "Une personne de l’annuaire (ajoutez d’abord un·e expert·e sans rôle à l’annuaire)."
        ),
    )
    expertises = forms.ModelMultipleChoiceField(
        label=_("Ses expertises"),
        queryset=Expertise.objects.none(),
        widget=forms.CheckboxSelectMultiple,
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["person"].queryset = queries.helper_candidates()
        self.fields["expertises"].queryset = _expertises()


STATUS_FILTERS = [
    ("", _("En cours (nouvelles, prises en charge, séance planifiée)")),
    *Status.choices,
    ("all", _("Toutes")),
]


class QueueFilterForm(DsfrBaseForm):
    cohort = forms.ModelChoiceField(
        label=_("Promotion"),
        queryset=Cohort.objects.order_by("-number", "variant"),
        required=False,
        to_field_name="slug",
    )
    expertise = forms.ModelChoiceField(
        label=_("Expertise"),
        queryset=Expertise.objects.none(),
        required=False,
        to_field_name="slug",
    )
    status = forms.ChoiceField(label=_("État"), choices=STATUS_FILTERS, required=False)

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["expertise"].queryset = _expertises()
