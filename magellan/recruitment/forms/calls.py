"""Forms of the calls, dossiers and applications pages (DSFR rendering); rules stay in services."""

from typing import Any

from django import forms
from django.conf import settings
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _
from dsfr.forms import DsfrBaseForm

from magellan.core.uploads import is_plain_text, megabytes
from magellan.directory.models import Administration, Challenge, Cohort, Profession

from ..models import Application, Call, CallStatus, ChallengeDossier, Criterion
from ..services import calls as services

DATE_INPUT = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")


class CallForm(forms.ModelForm, DsfrBaseForm):
    profiles = forms.MultipleChoiceField(
        label=_("Profils recherchés"),
        choices=Profession.choices,
        widget=forms.CheckboxSelectMultiple,
        required=False,
        help_text=_("Pour un appel à candidatures."),
    )
    version = forms.CharField(widget=forms.HiddenInput, required=False)

    class Meta:
        model = Call
        fields = (
            "cohort",
            "kind",
            "title",
            "description",
            "opens_on",
            "closes_on",
            "profiles",
            "reviews_per_application",
            "anonymous_preselection",
            "retention_days",
        )
        widgets = {
            "opens_on": DATE_INPUT,
            "closes_on": DATE_INPUT,
            "description": forms.Textarea(attrs={"rows": 5}),
        }

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        cohort = self.fields["cohort"]
        assert isinstance(cohort, forms.ModelChoiceField)  # noqa: S101
        cohort.queryset = Cohort.objects.order_by("-number")
        self.fields["reviews_per_application"].min_value = 1  # type: ignore[attr-defined]
        self.fields["reviews_per_application"].widget.attrs["min"] = 1
        if not self.instance.pk:
            self.fields["retention_days"].initial = settings.MAGELLAN_CANDIDATE_RETENTION_DAYS
            self.fields[
                "reviews_per_application"
            ].initial = settings.MAGELLAN_RECRUITMENT_REVIEWS_PER_APPLICATION
        else:
            del self.fields["kind"]
            self.fields["version"].initial = services.version_of(self.instance)

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if data.get("opens_on") and data.get("closes_on"):
            refusal = services.call_dates_refusal(
                opens_on=data["opens_on"], closes_on=data["closes_on"]
            )
            if refusal:
                self.add_error("closes_on", refusal)
        if self.instance.pk is None and data.get("kind") == "challenges" and data.get("profiles"):
            data["profiles"] = []
        return data


class CallStatusForm(DsfrBaseForm):
    status = forms.ChoiceField(label=_("Nouvel état"), choices=CallStatus.choices)


class CriterionForm(forms.ModelForm, DsfrBaseForm):
    class Meta:
        model = Criterion
        fields = ("label", "description", "scale_min", "scale_max", "weight", "position")
        widgets = {"description": forms.Textarea(attrs={"rows": 2})}

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        low, high = data.get("scale_min"), data.get("scale_max")
        if low is not None and high is not None and high <= low:
            self.add_error("scale_max", _("La note maximale doit dépasser la note minimale."))
        weight = data.get("weight")
        if weight is not None and weight <= 0:
            self.add_error("weight", _("Le poids doit être positif."))
        return data


CriterionFormSet = forms.modelformset_factory(
    Criterion, form=CriterionForm, extra=1, can_delete=True
)


class DossierForm(forms.ModelForm, DsfrBaseForm):
    profiles_wanted = forms.MultipleChoiceField(
        label=_("Profils recherchés"),
        choices=Profession.choices,
        widget=forms.CheckboxSelectMultiple,
        required=False,
    )
    version = forms.CharField(widget=forms.HiddenInput, required=False)

    class Meta:
        model = ChallengeDossier
        fields = (
            "title",
            "administration",
            "administration_name",
            "contact_name",
            "contact_email",
            "problem",
            "beneficiaries",
            "hypothesis",
            "risks",
            "value",
            "team",
            "profiles_wanted",
            "fellows_wanted",
            "openness",
        )
        widgets = {
            name: forms.Textarea(attrs={"rows": 4})
            for name in (
                "problem",
                "beneficiaries",
                "hypothesis",
                "risks",
                "value",
                "team",
                "openness",
            )
        }

    def __init__(self, *args: Any, by_owner: bool = False, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        administration = self.fields["administration"]
        assert isinstance(administration, forms.ModelChoiceField)  # noqa: S101
        administration.queryset = Administration.objects.order_by("name")
        if by_owner:
            del self.fields["administration"]
        if self.instance.pk:
            self.fields["version"].initial = services.version_of(self.instance)


class ApplicationForm(forms.ModelForm, DsfrBaseForm):
    wish_1 = forms.ModelChoiceField(
        label=_("Vœu 1"), queryset=Challenge.objects.none(), required=False
    )
    wish_2 = forms.ModelChoiceField(
        label=_("Vœu 2"), queryset=Challenge.objects.none(), required=False
    )
    wish_3 = forms.ModelChoiceField(
        label=_("Vœu 3"), queryset=Challenge.objects.none(), required=False
    )

    class Meta:
        model = Application
        fields = (
            "first_name",
            "last_name",
            "email",
            "phone",
            "gender",
            "profession",
            "skills",
            "experience",
            "motivation",
            "cv",
        )
        widgets = {
            name: forms.Textarea(attrs={"rows": 4})
            for name in ("skills", "experience", "motivation")
        }

    def __init__(self, *args: Any, call: Call, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.call = call
        challenges = call.cohort.challenges.order_by("title")
        for name in ("wish_1", "wish_2", "wish_3"):
            field = self.fields[name]
            assert isinstance(field, forms.ModelChoiceField)  # noqa: S101
            field.queryset = challenges
        for name in ("first_name", "last_name", "email"):
            self.fields[name].required = True
        self.fields["cv"].help_text = _("Un fichier PDF de %(size)s au plus.") % {
            "size": megabytes(int(settings.MAGELLAN_CANDIDATE_CV_MAX_BYTES))
        }

    def clean_cv(self) -> Any:
        upload = self.cleaned_data.get("cv")
        if upload and hasattr(upload, "size") and not getattr(upload, "_committed", False):
            refusal = services.cv_refusal(upload)
            if refusal:
                raise ValidationError(refusal)
        return upload

    def wishes(self) -> list[Challenge]:
        """The ranked wishes chosen, without gaps."""
        return [
            self.cleaned_data[name]
            for name in ("wish_1", "wish_2", "wish_3")
            if self.cleaned_data.get(name)
        ]

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        refusal = services.wishes_refusal(call=self.call, challenges=self.wishes())
        if refusal:
            self.add_error(None, refusal)
        return data


class ApplicationImportForm(DsfrBaseForm):
    file = forms.FileField(
        label=_("Fichier CSV"),
        help_text=_(
            "L’export de l’outil de formulaire, en UTF-8 : reference, prénom, nom, e-mail, "
            "téléphone, genre, métier, compétences, expérience, motivation, vœu 1, vœu 2, vœu 3."
        ),
    )
    dry_run = forms.BooleanField(
        label=_("Simulation : vérifier sans rien enregistrer"), required=False, initial=True
    )

    def clean_file(self) -> Any:
        upload = self.cleaned_data["file"]
        limit = int(settings.MAGELLAN_IMPORT_MAX_BYTES)
        if upload.size > limit:
            raise ValidationError(_("Le fichier dépasse %(size)s.") % {"size": megabytes(limit)})
        if not is_plain_text(upload):
            raise ValidationError(_("Ce n’est pas un fichier CSV (texte UTF-8)."))
        return upload
