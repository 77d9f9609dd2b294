"""Forms of the directory pages: search and filters, the people import, profiles and coaches' edits."""

import datetime
from typing import TYPE_CHECKING, Any

from django import forms
from django.conf import settings
from django.db import models
from django.db.models import Model
from django.utils.functional import lazy
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _
from dsfr.forms import DsfrBaseForm

from magellan.core.dates import format_date
from magellan.core.uploads import is_plain_text, megabytes

if TYPE_CHECKING:
    from django_stubs_ext import StrOrPromise

from . import services
from .importers.people_csv import DEFAULT_PROFESSION, DEFAULT_ROLE, accepted_values
from .models import (
    Administration,
    Challenge,
    Cohort,
    Expertise,
    Person,
    Phase,
    Profession,
    Role,
    Theme,
)


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
        if not is_plain_text(upload):
            raise forms.ValidationError(
                _(
                    "Le fichier n’est pas un CSV en texte UTF-8 : enregistrez-le au format CSV UTF-8."
                )
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


# Coaches' edit forms -------------------------------------------------------------------------


class EditedSinceForm(forms.ModelForm):
    """A model form that carries the version of the row it started from (`services.version_of`).

    A save onto a row changed meanwhile is refused by the service (`services.EditConflictError`); the
    page then shows the current values and `typed_values()`, what the coach had typed.
    """

    seen = forms.CharField(widget=forms.HiddenInput, required=False)

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        if self.instance.pk is not None:
            self.fields["seen"].initial = services.version_of(self.instance)

    @property
    def seen_version(self) -> str:
        """The version the edit started from (`services.version_of`), as posted back."""
        return str(self.cleaned_data.get("seen") or "")

    def typed_values(self) -> list[tuple[str, str]]:
        """What the coach typed in each field they changed, as text: (label, value) pairs."""
        typed = []
        for name in self.changed_data:
            if name == "seen" or name not in self.cleaned_data:
                continue
            field = self.fields[name]
            typed.append((str(field.label), _as_text(field, self.cleaned_data[name])))
        return typed


def _as_text(field: forms.Field, value: Any) -> str:
    if isinstance(value, bool):
        return gettext("oui") if value else gettext("non")
    if isinstance(value, datetime.date):
        return format_date(value, "j F Y")
    if isinstance(field, forms.ModelMultipleChoiceField):
        return ", ".join(str(item) for item in value) or "—"
    if isinstance(field, forms.ChoiceField) and not isinstance(field, forms.ModelChoiceField):
        return str(dict(field.choices).get(value, value)) or "—"  # type: ignore[arg-type]
    return str(value) if value not in (None, "") else "—"


def _date_input() -> forms.DateInput:
    return forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")


def _add_refusals(form: forms.BaseForm, refusals: list[tuple[str, str]]) -> None:
    """Put a rule's (field, message) refusals on the form's fields (on the whole form otherwise)."""
    for name, message in refusals:
        form.add_error(name if name in form.fields else None, message)


class CohortForm(EditedSinceForm, DsfrBaseForm):
    """A cohort: number, variant, dates (its phases must stay inside them), description."""

    class Meta:
        model = Cohort
        fields = ("number", "variant", "start_date", "end_date", "description")
        widgets = {
            "start_date": _date_input(),
            "end_date": _date_input(),
            "description": forms.Textarea(attrs={"rows": 4}),
        }

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if self.instance.pk is not None and not self.errors:
            _add_refusals(
                self,
                services.cohort_dates_refusals(
                    start_date=data.get("start_date"),
                    end_date=data.get("end_date"),
                    phases=services.phase_dates(cohort=self.instance),
                ),
            )
        return data


class PhaseForm(EditedSinceForm, DsfrBaseForm):
    """A phase of a cohort: its kind and dates (`services.phase_refusals`), its competences."""

    class Meta:
        model = Phase
        fields = ("kind", "start_date", "end_date", "fellow_competences", "owner_competences")
        widgets = {
            "start_date": _date_input(),
            "end_date": _date_input(),
            "fellow_competences": forms.Textarea(attrs={"rows": 3}),
            "owner_competences": forms.Textarea(attrs={"rows": 3}),
        }

    def __init__(self, *args: Any, cohort: Cohort, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.instance.cohort = cohort

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if all(data.get(name) is not None for name in ("kind", "start_date", "end_date")):
            cohort = self.instance.cohort
            phase = services.PhaseDates(
                kind=data["kind"], start_date=data["start_date"], end_date=data["end_date"]
            )
            others = services.phase_dates(cohort=cohort, without=self.instance)
            _add_refusals(self, services.phase_refusals(cohort=cohort, phase=phase, others=others))
        return data


class AdministrationForm(EditedSinceForm, DsfrBaseForm):
    """An administration: its name (no other administration's, nor another's alias), acronym, site."""

    class Meta:
        model = Administration
        formfield_callback = _https_links
        fields = ("name", "acronym", "website")

    def clean_name(self) -> str:
        name = str(self.cleaned_data["name"]).strip()
        refusal = services.administration_name_refusal(name=name, administration=self.instance)
        if refusal:
            raise forms.ValidationError(refusal)
        return name


class AliasForm(DsfrBaseForm):
    """Another spelling of an administration (`services.alias_refusal`)."""

    name = forms.CharField(
        label=_("Autre nom"),
        max_length=255,
        help_text=_(
            "Une autre façon d’écrire son nom, reconnue par les imports (majuscules, accents et "
            "ponctuation ne comptent pas)."
        ),
    )

    def __init__(self, *args: Any, administration: Administration, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.administration = administration

    def clean_name(self) -> str:
        name = str(self.cleaned_data["name"]).strip()
        refusal = services.alias_refusal(administration=self.administration, name=name)
        if refusal:
            raise forms.ValidationError(refusal)
        return name


class ChallengeForm(EditedSinceForm, DsfrBaseForm):
    """A challenge: title, summary, description (Markdown), administration, town, cohorts, visibility."""

    class Meta:
        model = Challenge
        fields = (
            "title",
            "summary",
            "description",
            "administration",
            "town",
            "cohorts",
            "is_visible",
        )
        help_texts = {
            "description": _(
                "En Markdown : **gras**, *italique*, listes à tirets, titres précédés de ##, liens."
            ),
            "is_visible": _("Décochez pour que seuls les membres de la communauté le voient."),
        }
        widgets = {
            "summary": forms.Textarea(attrs={"rows": 3}),
            "description": forms.Textarea(attrs={"rows": 12}),
            "cohorts": forms.CheckboxSelectMultiple,
        }

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        administration = self.fields["administration"]
        if isinstance(administration, forms.ModelChoiceField):
            administration.empty_label = gettext("Non renseignée")


class TeamMemberForm(DsfrBaseForm):
    """Someone of the directory joining a challenge's team in a role (`services.team_member_refusal`)."""

    person = forms.ModelChoiceField(
        label=_("Personne"),
        queryset=Person.objects.order_by("name"),
        help_text=_(
            "Une personne absente de l’annuaire s’y ajoute d’abord (« Ajouter une personne »)."
        ),
    )
    role = forms.ChoiceField(
        label=_("Rôle dans l’équipe"),
        choices=[(role.value, role.label) for role in services.TEAM_ROLES],
    )

    def __init__(self, *args: Any, challenge: Challenge, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.challenge = challenge

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if data.get("person") is not None and data.get("role"):
            refusal = services.team_member_refusal(
                challenge=self.challenge, person=data["person"], role=data["role"]
            )
            if refusal:
                raise forms.ValidationError(refusal)
        return data


class PersonForm(EditedSinceForm, DsfrBaseForm):
    """A person of the directory: name, e-mail (one person each), profession, job title, consent."""

    class Meta:
        model = Person
        fields = ("name", "email", "profession", "job_title", "is_public")
        help_texts = {
            "email": _(
                "Jamais publique. Si la personne a un compte, son adresse de connexion ne change pas."
            ),
            "is_public": _(
                "Seulement si la personne y a consenti : sa fiche, sans son adresse e-mail, est "
                "alors visible de tous."
            ),
        }

    def clean_email(self) -> str:
        email = str(self.cleaned_data.get("email") or "").strip().lower()
        refusal = services.email_refusal(email=email, person=self.instance)
        if refusal:
            raise forms.ValidationError(refusal)
        return email


class CohortRoleForm(DsfrBaseForm):
    """A role of a person in a cohort (`services.cohort_role_refusal`)."""

    cohort = forms.ModelChoiceField(label=_("Promotion"), queryset=Cohort.objects.all())
    role = forms.ChoiceField(label=_("Rôle"), choices=Role.choices)

    def __init__(self, *args: Any, person: Person, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.person = person

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if data.get("cohort") is not None and data.get("role"):
            refusal = services.cohort_role_refusal(
                person=self.person, cohort=data["cohort"], role=data["role"]
            )
            if refusal:
                raise forms.ValidationError(refusal)
        return data
