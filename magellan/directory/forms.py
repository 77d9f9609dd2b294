"""Search and filter forms of the directory pages."""

from django import forms
from django.utils.translation import gettext_lazy as _
from dsfr.forms import DsfrBaseForm

from .models import Administration, Cohort, Expertise, Profession, Role, Theme


class ChallengeFilterForm(DsfrBaseForm):
    q = forms.CharField(label=_("Rechercher"), required=False)
    cohort = forms.ModelChoiceField(
        label=_("Promotion"),
        queryset=Cohort.objects.all(),
        required=False,
        to_field_name="slug",
        empty_label=_("Toutes"),
    )
    administration = forms.ModelChoiceField(
        label=_("Administration"),
        queryset=Administration.objects.all(),
        required=False,
        to_field_name="slug",
        empty_label=_("Toutes"),
    )
    theme = forms.ModelChoiceField(
        label=_("Thématique"),
        queryset=Theme.objects.all(),
        required=False,
        to_field_name="slug",
        empty_label=_("Toutes"),
    )
    expertise = forms.ModelChoiceField(
        label=_("Expertise recherchée"),
        queryset=Expertise.objects.all(),
        required=False,
        to_field_name="slug",
        empty_label=_("Toutes"),
    )


class PersonFilterForm(DsfrBaseForm):
    q = forms.CharField(label=_("Rechercher"), required=False)
    cohort = forms.ModelChoiceField(
        label=_("Promotion"),
        queryset=Cohort.objects.all(),
        required=False,
        to_field_name="slug",
        empty_label=_("Toutes"),
    )
    role = forms.ChoiceField(
        label=_("Rôle"), choices=[("", _("Tous")), *Role.choices], required=False
    )
    profession = forms.ChoiceField(
        label=_("Métier"), choices=[("", _("Tous")), *Profession.choices], required=False
    )


class PeopleImportForm(DsfrBaseForm):
    """A cohort list to import (CSV), for coaches."""

    MAX_SIZE = 2 * 1024 * 1024

    cohort = forms.ModelChoiceField(
        label=_("Promotion"), queryset=Cohort.objects.all(), to_field_name="slug"
    )
    file = forms.FileField(
        label=_("Fichier CSV"),
        help_text=_(
            "Colonnes : name (ou nom), email, profession, job_title, role, challenge, gender, public. "
            "UTF-8, séparateur « ; » ou « , »."
        ),
    )
    dry_run = forms.BooleanField(
        label=_("Simulation : afficher le rapport sans rien enregistrer"),
        required=False,
        initial=True,
    )

    def clean_file(self) -> object:
        upload = self.cleaned_data["file"]
        if not upload.name.lower().endswith(".csv"):
            raise forms.ValidationError(_("Le fichier doit être au format CSV (extension .csv)."))
        if upload.size > self.MAX_SIZE:
            raise forms.ValidationError(_("Le fichier dépasse 2 Mo."))
        return upload
