"""Coaches manage the directory here, with search and filters."""

from typing import Any

from django import forms
from django.contrib import admin, messages
from django.db import models
from django.db.models import QuerySet
from django.forms.models import BaseInlineFormSet
from django.http import HttpRequest
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from magellan.program.services import rederive_phases

from . import services
from .models import (
    Administration,
    AdministrationAlias,
    Challenge,
    ChallengeLink,
    ChallengeMembership,
    Cohort,
    CohortRole,
    Expertise,
    Person,
    Phase,
    Theme,
    normalize_label,
)

# Links typed without a scheme are taken as https (as on the directory's pages).
HTTPS_LINKS: dict[type, dict[str, Any]] = {models.URLField: {"assume_scheme": "https"}}


class PhaseFormSet(BaseInlineFormSet):
    """The cohort's phases as edited together: each checked by `services.phase_refusals`
    against the cohort's dates as submitted and the other phases of the formset."""

    def clean(self) -> None:
        super().clean()
        rows = [
            form
            for form in self.forms
            if not (self.can_delete and form.cleaned_data.get("DELETE"))
            and all(
                form.cleaned_data.get(f) is not None for f in ("kind", "start_date", "end_date")
            )
        ]
        dates = [
            services.PhaseDates(
                kind=form.cleaned_data["kind"],
                start_date=form.cleaned_data["start_date"],
                end_date=form.cleaned_data["end_date"],
            )
            for form in rows
        ]
        for index, form in enumerate(rows):
            others = dates[:index] + dates[index + 1 :]
            for field, message in services.phase_refusals(
                cohort=self.instance, phase=dates[index], others=others
            ):
                form.add_error(field, message)


class PhaseInline(admin.TabularInline):
    model = Phase
    formset = PhaseFormSet
    extra = 0


@admin.register(Cohort)
class CohortAdmin(admin.ModelAdmin):
    list_display = ("__str__", "start_date", "end_date")
    search_fields = ("variant", "slug")
    prepopulated_fields = {"slug": ("number", "variant")}
    inlines = [PhaseInline]

    def save_related(self, request: HttpRequest, form: Any, formsets: Any, change: bool) -> None:
        """Once the phases are saved, the cohort's sessions take the phase of their date again."""
        super().save_related(request, form, formsets, change)
        rederive_phases(cohort=form.instance)


class AliasFormSet(BaseInlineFormSet):
    """Other spellings checked by `services.alias_refusal`, and against each other."""

    def clean(self) -> None:
        super().clean()
        keys: set[str] = set()
        for form in self.forms:
            name = form.cleaned_data.get("name")
            if not name or (self.can_delete and form.cleaned_data.get("DELETE")):
                continue
            refusal = services.alias_refusal(
                administration=self.instance, name=name, alias=form.instance
            )
            key = normalize_label(name)
            if refusal is None and key in keys:
                refusal = _("« %(text)s » figure deux fois.") % {"text": name}
            keys.add(key)
            if refusal:
                form.add_error("name", refusal)


class AliasInline(admin.TabularInline):
    model = AdministrationAlias
    formset = AliasFormSet
    extra = 1
    fields = ("name",)


class AdministrationAdminForm(forms.ModelForm):
    def clean_name(self) -> str:
        name = str(self.cleaned_data["name"]).strip()
        refusal = services.administration_name_refusal(name=name, administration=self.instance)
        if refusal:
            raise forms.ValidationError(refusal)
        return name


@admin.register(Administration)
class AdministrationAdmin(admin.ModelAdmin):
    form = AdministrationAdminForm
    formfield_overrides = HTTPS_LINKS
    list_display = ("name", "acronym")
    search_fields = ("name", "acronym", "aliases__name")
    prepopulated_fields = {"slug": ("name",)}
    inlines = [AliasInline]


@admin.register(Theme, Expertise)
class LabelAdmin(admin.ModelAdmin):
    list_display = ("name",)
    search_fields = ("name",)
    prepopulated_fields = {"slug": ("name",)}


class LinkInline(admin.TabularInline):
    model = ChallengeLink
    formfield_overrides = HTTPS_LINKS
    extra = 0


class MembershipAdminForm(forms.ModelForm):
    def clean_role(self) -> str:
        role = str(self.cleaned_data["role"])
        refusal = services.team_role_refusal(role=role)
        if refusal:
            raise forms.ValidationError(refusal)
        return role


class MembershipInline(admin.TabularInline):
    model = ChallengeMembership
    form = MembershipAdminForm
    extra = 0
    autocomplete_fields = ("person",)


@admin.register(Challenge)
class ChallengeAdmin(admin.ModelAdmin):
    list_display = ("title", "administration", "is_visible")
    list_filter = ("cohorts", "is_visible", "themes")
    search_fields = ("title", "summary", "administration__name")
    prepopulated_fields = {"slug": ("title",)}
    autocomplete_fields = ("administration",)
    filter_horizontal = ("cohorts", "themes", "expertises")
    inlines = [LinkInline, MembershipInline]


class CohortRoleInline(admin.TabularInline):
    model = CohortRole
    extra = 0


class PersonAdminForm(forms.ModelForm):
    def clean_email(self) -> str:
        email = str(self.cleaned_data.get("email") or "").strip().lower()
        refusal = services.email_refusal(email=email, person=self.instance)
        if refusal:
            raise forms.ValidationError(refusal)
        return email


@admin.register(Person)
class PersonAdmin(admin.ModelAdmin):
    form = PersonAdminForm
    formfield_overrides = HTTPS_LINKS
    list_display = ("name", "profession", "email", "is_public")
    list_filter = ("profession", "is_public", "cohort_roles__role", "cohort_roles__cohort")
    search_fields = ("name", "email", "job_title")
    prepopulated_fields = {"slug": ("name",)}
    autocomplete_fields = ("user",)
    filter_horizontal = ("expertises",)
    inlines = [CohortRoleInline]
    actions = ["grant_coach_access"]

    @admin.action(description=_("Donner l’accès coach (administration)"))
    def grant_coach_access(self, request: HttpRequest, queryset: QuerySet[Person]) -> None:
        granted = sum(
            services.grant_coach_access(person=person) for person in queryset.select_related("user")
        )
        skipped = queryset.count() - granted
        self.message_user(
            request,
            ngettext(
                "%(n)d personne a reçu l’accès coach.",
                "%(n)d personnes ont reçu l’accès coach.",
                granted,
            )
            % {"n": granted},
            messages.SUCCESS,
        )
        if skipped:
            self.message_user(
                request,
                ngettext(
                    "%(n)d personne n’a pas de compte : créez-le d’abord.",
                    "%(n)d personnes n’ont pas de compte : créez-les d’abord.",
                    skipped,
                )
                % {"n": skipped},
                messages.WARNING,
            )


@admin.register(CohortRole)
class CohortRoleAdmin(admin.ModelAdmin):
    list_display = ("person", "cohort", "role")
    list_filter = ("role", "cohort")
    search_fields = ("person__name",)
    autocomplete_fields = ("person",)


@admin.register(ChallengeMembership)
class ChallengeMembershipAdmin(admin.ModelAdmin):
    form = MembershipAdminForm
    list_display = ("person", "challenge", "role")
    list_filter = ("role",)
    search_fields = ("person__name", "challenge__title")
    autocomplete_fields = ("person", "challenge")
