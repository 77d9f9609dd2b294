"""The coaches' pages that change the directory: thin views over services.py.

Every edit form carries the version of the row it started from; `_edit_page` is the one place
that turns a refused save into a re-displayed form (French message, nothing changed) and a
conflict into the current values, with what the coach had typed.
"""

from collections.abc import Callable
from typing import Any

from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from magellan.core.decorators import allowed_by

from . import permissions, services
from .forms import (
    AdministrationForm,
    AliasForm,
    ChallengeForm,
    CohortForm,
    CohortRoleForm,
    EditedSinceForm,
    PersonForm,
    PhaseForm,
    TeamMemberForm,
)
from .models import (
    Administration,
    AdministrationAlias,
    Challenge,
    ChallengeMembership,
    Cohort,
    CohortRole,
    Person,
    Phase,
)

coach_required = allowed_by(permissions.can_manage_directory)


def _edit_page(
    request: HttpRequest,
    form: EditedSinceForm,
    *,
    save: Callable[[Any], Any],
    template: str,
    context: dict[str, Any],
    done: str,
    fresh: Callable[[], EditedSinceForm | None] | None = None,
    back: str = "",
) -> HttpResponse:
    """Bind, save through `save`, and answer: the saved page, or the form with its French errors.

    On an edit conflict `fresh()` gives the form of the row as it is now (None: it was deleted,
    then the coach goes `back` with the message); the coach's typed values are listed beside it.
    """
    if request.method == "POST" and form.is_valid():
        try:
            saved = save(form)
        except services.EditConflictError as conflict:
            current = fresh() if fresh is not None and not conflict.gone else None
            if current is None:
                messages.error(request, str(conflict))
                return redirect(back or "/")
            context |= {"conflict": str(conflict), "typed": form.typed_values()}
            form = current
        except services.DirectoryError as error:
            form.add_error(None, str(error))
        else:
            messages.success(request, done)
            return redirect(saved)
    return render(request, template, {"conflict": "", "typed": []} | context | {"form": form})


def _cohort_or_404(slug: str) -> Cohort:
    return get_object_or_404(Cohort, slug=slug)


@coach_required
def cohort_create(request: HttpRequest) -> HttpResponse:
    form = CohortForm(request.POST or None)
    return _edit_page(
        request,
        form,
        save=lambda f: services.create_cohort(cohort=f.instance),
        template="directory/cohort_form.html",
        context={"cohort": None},
        done=_("La promotion est créée."),
    )


@coach_required
def cohort_edit(request: HttpRequest, slug: str) -> HttpResponse:
    cohort = _cohort_or_404(slug)
    form = CohortForm(request.POST or None, instance=cohort)
    return _edit_page(
        request,
        form,
        save=lambda f: services.update_cohort(cohort=f.instance, seen=f.seen_version),
        template="directory/cohort_form.html",
        context={"cohort": cohort},
        done=_("La promotion est enregistrée."),
        fresh=lambda: CohortForm(instance=Cohort.objects.filter(pk=cohort.pk).first()),
        back=cohort.get_absolute_url(),
    )


@coach_required
def phase_create(request: HttpRequest, slug: str) -> HttpResponse:
    cohort = _cohort_or_404(slug)
    form = PhaseForm(request.POST or None, cohort=cohort)
    return _edit_page(
        request,
        form,
        save=lambda f: services.create_phase(phase=f.instance).cohort,
        template="directory/phase_form.html",
        context={"cohort": cohort, "phase": None},
        done=_("La phase est ajoutée ; les séances de ses dates y sont rattachées."),
    )


def _phase_or_404(cohort: Cohort, pk: int) -> Phase:
    return get_object_or_404(Phase, cohort=cohort, pk=pk)


@coach_required
def phase_edit(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    cohort = _cohort_or_404(slug)
    phase = _phase_or_404(cohort, pk)

    def fresh() -> PhaseForm | None:
        current = Phase.objects.filter(pk=pk).first()
        return PhaseForm(instance=current, cohort=cohort) if current else None

    return _edit_page(
        request,
        PhaseForm(request.POST or None, instance=phase, cohort=cohort),
        save=lambda f: services.update_phase(phase=f.instance, seen=f.seen_version).cohort,
        template="directory/phase_form.html",
        context={"cohort": cohort, "phase": phase},
        done=_("La phase est enregistrée ; les séances suivent ses nouvelles dates."),
        fresh=fresh,
        back=cohort.get_absolute_url(),
    )


@coach_required
def phase_delete(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    """GET asks for confirmation; POST deletes (unless the phase changed since the question)."""
    cohort = _cohort_or_404(slug)
    phase = _phase_or_404(cohort, pk)
    if request.method == "POST":
        try:
            services.delete_phase(phase=phase, seen=request.POST.get("seen", ""))
        except services.DirectoryError as error:
            messages.error(request, str(error))
        else:
            messages.success(request, _("La phase est supprimée."))
        return redirect(cohort)
    context = {"cohort": cohort, "phase": phase, "seen": services.version_of(phase)}
    return render(request, "directory/phase_delete.html", context)


# Administrations and their other spellings ----------------------------------------------------


@coach_required
def administration_create(request: HttpRequest) -> HttpResponse:
    return _edit_page(
        request,
        AdministrationForm(request.POST or None),
        save=lambda f: services.create_administration(administration=f.instance),
        template="directory/administration_form.html",
        context={"administration": None},
        done=_("L’administration est créée."),
    )


@coach_required
def administration_edit(request: HttpRequest, slug: str) -> HttpResponse:
    administration = get_object_or_404(Administration, slug=slug)

    def fresh() -> AdministrationForm | None:
        current = Administration.objects.filter(pk=administration.pk).first()
        return AdministrationForm(instance=current) if current else None

    return _edit_page(
        request,
        AdministrationForm(request.POST or None, instance=administration),
        save=lambda f: services.update_administration(
            administration=f.instance, seen=f.seen_version
        ),
        template="directory/administration_form.html",
        context={"administration": administration},
        done=_("L’administration est enregistrée."),
        fresh=fresh,
        back=administration.get_absolute_url(),
    )


@coach_required
def administration_aliases(request: HttpRequest, slug: str) -> HttpResponse:
    """The other spellings of an administration; POST adds one."""
    administration = get_object_or_404(Administration, slug=slug)
    form = AliasForm(request.POST or None, administration=administration)
    if request.method == "POST" and form.is_valid():
        try:
            alias = services.add_alias(
                administration=administration, name=form.cleaned_data["name"]
            )
        except services.DirectoryError as error:
            form.add_error("name", str(error))
        else:
            messages.success(
                request, _("« %(name)s » est enregistré comme autre nom.") % {"name": alias.name}
            )
            return redirect("directory:administration_aliases", slug=administration.slug)
    context = {
        "administration": administration,
        "aliases": administration.aliases.order_by("name"),
        "form": form,
    }
    return render(request, "directory/administration_aliases.html", context)


@coach_required
@require_POST
def alias_delete(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    administration = get_object_or_404(Administration, slug=slug)
    alias = get_object_or_404(AdministrationAlias, administration=administration, pk=pk)
    services.delete_alias(alias=alias)
    messages.success(request, _("« %(name)s » n’est plus un autre nom.") % {"name": alias.name})
    return redirect("directory:administration_aliases", slug=administration.slug)


# Challenges and their teams ---------------------------------------------------------------------


@coach_required
def challenge_create(request: HttpRequest) -> HttpResponse:
    return _edit_page(
        request,
        ChallengeForm(request.POST or None),
        save=lambda f: services.create_challenge(
            challenge=f.instance, cohorts=f.cleaned_data["cohorts"]
        ),
        template="directory/challenge_form.html",
        context={"challenge": None},
        done=_("Le défi est créé."),
    )


@coach_required
def challenge_edit(request: HttpRequest, slug: str) -> HttpResponse:
    challenge = get_object_or_404(Challenge, slug=slug)

    def fresh() -> ChallengeForm | None:
        current = Challenge.objects.filter(pk=challenge.pk).first()
        return ChallengeForm(instance=current) if current else None

    return _edit_page(
        request,
        ChallengeForm(request.POST or None, instance=challenge),
        save=lambda f: services.update_challenge(
            challenge=f.instance, cohorts=f.cleaned_data["cohorts"], seen=f.seen_version
        ),
        template="directory/challenge_form.html",
        context={"challenge": challenge},
        done=_("Le défi est enregistré."),
        fresh=fresh,
        back=challenge.get_absolute_url(),
    )


@coach_required
def challenge_team(request: HttpRequest, slug: str) -> HttpResponse:
    """A challenge's whole team, for coaches; POST adds a member."""
    challenge = get_object_or_404(Challenge, slug=slug)
    form = TeamMemberForm(request.POST or None, challenge=challenge)
    if request.method == "POST" and form.is_valid():
        try:
            membership = services.add_team_member(
                challenge=challenge,
                person=form.cleaned_data["person"],
                role=form.cleaned_data["role"],
            )
        except services.DirectoryError as error:
            form.add_error(None, str(error))
        else:
            messages.success(
                request,
                _("%(person)s rejoint l’équipe (%(role)s).")
                % {"person": membership.person.name, "role": membership.get_role_display()},
            )
            return redirect("directory:challenge_team", slug=challenge.slug)
    team = challenge.memberships.select_related("person").order_by("role", "person__name")
    context = {"challenge": challenge, "team": team, "form": form}
    return render(request, "directory/challenge_team.html", context)


@coach_required
@require_POST
def membership_delete(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    challenge = get_object_or_404(Challenge, slug=slug)
    membership = get_object_or_404(
        ChallengeMembership.objects.select_related("person"), challenge=challenge, pk=pk
    )
    services.remove_team_member(membership=membership)
    messages.success(
        request,
        _("%(person)s ne fait plus partie de l’équipe (%(role)s).")
        % {"person": membership.person.name, "role": membership.get_role_display()},
    )
    return redirect("directory:challenge_team", slug=challenge.slug)


# People and their roles per cohort ------------------------------------------------------------


@coach_required
def person_create(request: HttpRequest) -> HttpResponse:
    return _edit_page(
        request,
        PersonForm(request.POST or None),
        save=lambda f: services.create_person(person=f.instance),
        template="directory/person_form.html",
        context={"person": None},
        done=_("La fiche est créée."),
    )


@coach_required
def person_edit(request: HttpRequest, slug: str) -> HttpResponse:
    person = get_object_or_404(Person, slug=slug)

    def fresh() -> PersonForm | None:
        current = Person.objects.filter(pk=person.pk).first()
        return PersonForm(instance=current) if current else None

    return _edit_page(
        request,
        PersonForm(request.POST or None, instance=person),
        save=lambda f: services.update_person(person=f.instance, seen=f.seen_version),
        template="directory/person_form.html",
        context={"person": person},
        done=_("La fiche est enregistrée."),
        fresh=fresh,
        back=person.get_absolute_url(),
    )


@coach_required
def person_roles(request: HttpRequest, slug: str) -> HttpResponse:
    """A person's roles in the cohorts; POST gives one more."""
    person = get_object_or_404(Person, slug=slug)
    form = CohortRoleForm(request.POST or None, person=person)
    if request.method == "POST" and form.is_valid():
        try:
            cohort_role = services.add_cohort_role(
                person=person, cohort=form.cleaned_data["cohort"], role=form.cleaned_data["role"]
            )
        except services.DirectoryError as error:
            form.add_error(None, str(error))
        else:
            messages.success(
                request,
                _("%(person)s est %(role)s de la %(cohort)s.")
                % {
                    "person": person.name,
                    "role": cohort_role.get_role_display(),
                    "cohort": cohort_role.cohort,
                },
            )
            return redirect("directory:person_roles", slug=person.slug)
    roles = person.cohort_roles.select_related("cohort")
    return render(
        request, "directory/person_roles.html", {"person": person, "roles": roles, "form": form}
    )


@coach_required
@require_POST
def role_delete(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    person = get_object_or_404(Person, slug=slug)
    cohort_role = get_object_or_404(
        CohortRole.objects.select_related("cohort"), person=person, pk=pk
    )
    services.remove_cohort_role(cohort_role=cohort_role)
    messages.success(
        request,
        _("%(person)s n’est plus %(role)s de la %(cohort)s.")
        % {
            "person": person.name,
            "role": cohort_role.get_role_display(),
            "cohort": cohort_role.cohort,
        },
    )
    return redirect("directory:person_roles", slug=person.slug)
