"""Forms of the knowledge base (DSFR rendering through DsfrBaseForm); rules stay in services."""

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _
from dsfr.forms import DsfrBaseForm

from magellan.core.validators import validate_single_line
from magellan.directory.models import Expertise, PhaseKind

from .models import Guide, Visibility


class GuideFilterForm(DsfrBaseForm):
    q = forms.CharField(label=_("Rechercher"), required=False, max_length=200)
    phase = forms.TypedChoiceField(
        label=_("Phase"),
        choices=[("", _("Toutes")), *PhaseKind.choices],
        coerce=int,
        empty_value=None,
        required=False,
    )
    expertise = forms.ModelChoiceField(
        label=_("Expertise"),
        queryset=Expertise.objects.order_by("name"),
        required=False,
        to_field_name="slug",
        empty_label=_("Toutes"),
    )


class GuideForm(DsfrBaseForm):
    """A guide's text and classification; `version` is the one the edit started from."""

    title = forms.CharField(label=_("Titre"), max_length=200, validators=[validate_single_line])
    summary = forms.CharField(
        label=_("Résumé"),
        max_length=600,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("Deux ou trois phrases, affichées dans la liste des guides."),
    )
    body = forms.CharField(
        label=_("Contenu"),
        widget=forms.Textarea(attrs={"rows": 24}),
        help_text=_("En Markdown : ## pour un intertitre, - pour une liste, [texte](adresse)."),
    )
    phases = forms.TypedMultipleChoiceField(
        label=_("Phases du programme"),
        choices=PhaseKind.choices,
        coerce=int,
        widget=forms.CheckboxSelectMultiple,
        required=False,
    )
    expertises = forms.ModelMultipleChoiceField(
        label=_("Expertises"),
        queryset=Expertise.objects.order_by("name"),
        widget=forms.CheckboxSelectMultiple,
        required=False,
    )
    visibility = forms.ChoiceField(
        label=_("Visibilité"),
        choices=Visibility.choices,
        widget=forms.RadioSelect,
        initial=Visibility.MEMBERS,
    )
    note = forms.CharField(
        label=_("Note de modification (facultative)"),
        max_length=255,
        required=False,
        validators=[validate_single_line],
        help_text=_("Ce qui a changé et pourquoi, pour l’historique."),
    )
    version = forms.IntegerField(widget=forms.HiddenInput, required=False)

    @classmethod
    def for_guide(cls, guide: Guide, data: Any = None) -> "GuideForm":
        """The form of an existing guide, filled with its current state."""
        initial = {
            "title": guide.title,
            "summary": guide.summary,
            "body": guide.body,
            "phases": [phase.kind for phase in guide.phases.all()],
            "expertises": list(guide.expertises.all()),
            "visibility": guide.visibility,
            "version": guide.version,
        }
        return cls(data, initial=initial)


class LinkForm(DsfrBaseForm):
    label = forms.CharField(label=_("Libellé"), max_length=200, validators=[validate_single_line])
    url = forms.URLField(label=_("Adresse"), max_length=500, assume_scheme="https")


class GuideUseForm(DsfrBaseForm):
    """Pick a published guide the user may read."""

    guide = forms.ModelChoiceField(label=_("Guide"), queryset=Guide.objects.none())

    def __init__(self, *args: Any, guides: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        field = self.fields["guide"]
        assert isinstance(field, forms.ModelChoiceField)  # noqa: S101 - declared just above
        field.queryset = guides


class FileForm(DsfrBaseForm):
    file = forms.FileField(
        label=_("Fichier"),
        help_text=_("PDF, image ou document bureautique ; le type est vérifié d’après le contenu."),
    )


class ConversionForm(DsfrBaseForm):
    """What goes into a guide made from a help request or a question, beyond its main text
    (attachments: help requests only)."""

    include_comments = forms.BooleanField(label=_("Reprendre les échanges"), required=False)
    include_attachments = forms.BooleanField(
        label=_("Reprendre les pièces jointes"), required=False
    )
    include_name = forms.BooleanField(label=_("Nommer son auteur ou son autrice"), required=False)

    def __init__(self, *args: Any, with_attachments: bool = True, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        if not with_attachments:
            del self.fields["include_attachments"]

    def options(self) -> dict[str, bool]:
        data = self.cleaned_data if self.is_bound and self.is_valid() else {}
        return {name: bool(data.get(name)) for name in self.fields}


class ConsentForm(DsfrBaseForm):
    """The parts of their help request or question the author lets the coaches put in a guide."""

    allow_comments = forms.BooleanField(label=_("Les échanges"), required=False)
    allow_attachments = forms.BooleanField(label=_("Les pièces jointes"), required=False)
    allow_name = forms.BooleanField(label=_("Mon nom"), required=False)

    def __init__(self, *args: Any, with_attachments: bool = True, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        if not with_attachments:
            del self.fields["allow_attachments"]

    def options(self) -> dict[str, bool]:
        data = self.cleaned_data if self.is_bound and self.is_valid() else self.initial
        return {name: bool(data.get(name)) for name in self.fields}

    def as_draft_options(self) -> dict[str, bool]:
        """The same choice, as the options of services.draft_from."""
        return {name.replace("allow_", "include_"): value for name, value in self.options().items()}
