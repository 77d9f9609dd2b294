"""Search and filter forms of the directory pages."""

from typing import TYPE_CHECKING, Any

from django import forms
from django.conf import settings
from django.db import models
from django.db.models import Model
from django.utils.functional import lazy
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _
from dsfr.forms import DsfrBaseForm

from magellan.core.uploads import megabytes

if TYPE_CHECKING:
    from django_stubs_ext import StrOrPromise

from .importers.people_csv import DEFAULT_PROFESSION, DEFAULT_ROLE, accepted_values
from .models import Administration, Cohort, Expertise, Person, Profession, Role, Theme


def _facet(model: type[Model], label: "StrOrPromise") -> forms.ModelChoiceField:
    """An optional filter on one of the directory's labels, chosen by slug."""
    return forms.ModelChoiceField(
        label=label,
        queryset=model.objects.all(),  # type: ignore[attr-defined]
        required=False,
        to_field_name="slug",
        empty_label=_("Toutes"),
    )


class ChallengeFilterForm(DsfrBaseForm):
    q = forms.CharField(label=_("Rechercher"), required=False)
    cohort = _facet(Cohort, _("Promotion"))
    administration = _facet(Administration, _("Administration"))
    theme = _facet(Theme, _("Thématique"))
    expertise = _facet(Expertise, _("Expertise recherchée"))


class PersonFilterForm(DsfrBaseForm):
    q = forms.CharField(label=_("Rechercher"), required=False)
    cohort = _facet(Cohort, _("Promotion"))
    role = forms.ChoiceField(
        label=_("Rôle"), choices=[("", _("Tous")), *Role.choices], required=False
    )
    profession = forms.ChoiceField(
        label=_("Métier"), choices=[("", _("Tous")), *Profession.choices], required=False
    )


class AdministrationFilterForm(DsfrBaseForm):
    q = forms.CharField(label=_("Rechercher (nom, sigle ou autre nom)"), required=False)


def _file_help() -> str:
    return gettext(
        "Colonnes : name (ou nom), email, profession, job_title, role, challenge, gender, public. "
        "UTF-8, séparateur « ; » ou « , ». %(size)s au plus."
    ) % {"size": megabytes(PeopleImportForm.max_size())}


class PeopleImportForm(DsfrBaseForm):
    """A cohort list to import (CSV), for coaches, of at most MAGELLAN_IMPORT_MAX_BYTES."""

    cohort = forms.ModelChoiceField(
        label=_("Promotion"), queryset=Cohort.objects.all(), to_field_name="slug"
    )
    file = forms.FileField(label=_("Fichier CSV"), help_text=lazy(_file_help, str)())
    dry_run = forms.BooleanField(
        label=_("Simulation : afficher le rapport sans rien enregistrer"),
        required=False,
        initial=True,
    )

    @staticmethod
    def accepted_values() -> dict[str, list[tuple[str, str]]]:
        """The values the role and profession columns take (the importer's)."""
        return accepted_values()

    @staticmethod
    def default_values() -> dict[str, str]:
        """What an empty role cell, and a new person's empty profession cell, become."""
        return {"role": str(DEFAULT_ROLE.label), "profession": str(DEFAULT_PROFESSION.label)}

    @staticmethod
    def max_size() -> int:
        """The largest file taken, in bytes (the setting, read now)."""
        return int(settings.MAGELLAN_IMPORT_MAX_BYTES)

    def clean_file(self) -> object:
        upload = self.cleaned_data["file"]
        if not upload.name.lower().endswith(".csv"):
            raise forms.ValidationError(_("Le fichier doit être au format CSV (extension .csv)."))
        if upload.size > self.max_size():
            raise forms.ValidationError(
                _("Le fichier dépasse %(size)s.") % {"size": megabytes(self.max_size())}
            )
        return upload


def _https_links(field: "models.Field[Any, Any]", **kwargs: Any) -> forms.Field | None:
    """Links typed without a scheme are taken as https."""
    if isinstance(field, models.URLField):
        kwargs["assume_scheme"] = "https"
    return field.formfield(**kwargs)


class ProfileForm(forms.ModelForm, DsfrBaseForm):
    """What a person declares about themself: bio, links, expertises, optional attributes, consent."""

    class Meta:
        model = Person
        formfield_callback = _https_links
        fields = (
            "job_title",
            "bio",
            "expertises",
            "linkedin_url",
            "github_url",
            "website_url",
            "gender",
            "is_public",
        )
        labels = {
            "gender": _("Genre"),
            "is_public": _("J’accepte d’apparaître dans l’annuaire public"),
        }
        help_texts = {
            "gender": _(
                "Déclaratif. Sert uniquement à composer des groupes divers ; jamais affiché."
            ),
            "is_public": _("Votre fiche, sans votre adresse e-mail, est alors visible de tous."),
        }
        widgets = {
            "expertises": forms.CheckboxSelectMultiple,
            "bio": forms.Textarea(attrs={"rows": 6}),
        }
