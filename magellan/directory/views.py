"""Directory pages: thin views over queries.py and permissions.py."""

from typing import Any

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.core.paginator import Page, Paginator
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _

from magellan.core.models import Job
from magellan.core.permissions import can_view_job
from magellan.core.uploads import accepts_upload

from . import permissions, queries, services, tasks
from .forms import (
    AdministrationFilterForm,
    ChallengeFilterForm,
    PeopleImportForm,
    PersonFilterForm,
    ProfileForm,
)
from .importers.report import kind_label
from .models import Administration, Challenge, Cohort, Person, Phase


def _paginate(request: HttpRequest, items: Any) -> tuple[Page[Any], str]:
    """The requested page and the current query string without `page`, for pagination links."""
    page = Paginator(items, settings.MAGELLAN_PAGE_SIZE).get_page(request.GET.get("page"))
    params = request.GET.copy()
    params.pop("page", None)
    encoded = params.urlencode()
    return page, (encoded + "&") if encoded else ""


def home(request: HttpRequest) -> HttpResponse:
    """A member's cohorts, challenges and phases; for the public, what Magellan is."""
    context: dict[str, Any] = {"is_member": permissions.is_member(request.user)}
    person = queries.person_of(request.user)
    context["person"] = person
    today = timezone.localdate()
    if person is not None:
        roles = list(person.cohort_roles.select_related("cohort").order_by("-cohort__number"))
        context["roles"] = roles
        context["memberships"] = queries.memberships_visible_to(person, request.user)
        current = [r.cohort for r in roles if r.cohort.is_current]
        phases = Phase.objects.filter(cohort__in=current, end_date__gte=today).select_related(
            "cohort"
        )
        context["upcoming_phases"] = list(phases.order_by("start_date")[:3])
    else:
        context["roles"] = []
        context["memberships"] = []
        context["upcoming_phases"] = []
    current_cohort = Cohort.objects.current(today).first() or Cohort.objects.first()
    context["current_cohort"] = current_cohort
    challenges = queries.challenges_visible_to(request.user)
    if current_cohort is not None:
        challenges = challenges.filter(cohorts=current_cohort)
    context["challenges"] = list(challenges[:6])
    return render(request, "directory/home.html", context)


def cohort_list(request: HttpRequest) -> HttpResponse:
    cohorts = queries.cohorts_with_stats()
    context = {"cohorts": cohorts, "can_manage": permissions.can_manage_directory(request.user)}
    return render(request, "directory/cohort_list.html", context)


def cohort_detail(request: HttpRequest, slug: str) -> HttpResponse:
    cohort = get_object_or_404(Cohort, slug=slug)
    challenges = queries.challenges_visible_to(request.user).filter(cohorts=cohort)
    people = queries.people_visible_to(request.user).filter(cohort_roles__cohort=cohort).distinct()
    context = {
        "cohort": cohort,
        "phases": cohort.phases.all(),
        "challenges": challenges,
        "people_count": people.count(),
        "can_manage": permissions.can_manage_directory(request.user),
    }
    return render(request, "directory/cohort_detail.html", context)


def challenge_list(request: HttpRequest) -> HttpResponse:
    form = ChallengeFilterForm(request.GET or None)
    challenges = queries.challenges_visible_to(request.user)
    if form.is_valid():
        data = form.cleaned_data
        challenges = queries.search_challenges(
            challenges,
            text=data["q"].strip(),
            cohort=data["cohort"],
            administration=data["administration"],
            theme=data["theme"],
            expertise=data["expertise"],
        )
    page, querystring = _paginate(request, challenges)
    context = {
        "form": form,
        "page_obj": page,
        "querystring_without_page": querystring,
        "can_manage": permissions.can_manage_directory(request.user),
    }
    return render(request, "directory/challenge_list.html", context)


def challenge_detail(request: HttpRequest, slug: str) -> HttpResponse:
    challenge = get_object_or_404(
        Challenge.objects.select_related("administration").prefetch_related(
            "cohorts", "themes", "expertises", "links"
        ),
        slug=slug,
    )
    if not permissions.can_view_challenge(request.user, challenge):
        raise Http404
    context = {
        "challenge": challenge,
        "team": queries.team_of(challenge, request.user),
        "can_manage": permissions.can_manage_directory(request.user),
    }
    return render(request, "directory/challenge_detail.html", context)


def person_list(request: HttpRequest) -> HttpResponse:
    form = PersonFilterForm(request.GET or None)
    people = queries.people_visible_to(request.user)
    if form.is_valid():
        data = form.cleaned_data
        people = queries.search_people(
            people,
            text=data["q"].strip(),
            cohort=data["cohort"],
            role=data["role"],
            profession=data["profession"],
        )
    page, querystring = _paginate(request, people)
    context = {
        "form": form,
        "page_obj": page,
        "querystring_without_page": querystring,
        "can_import": permissions.can_manage_directory(request.user),
    }
    return render(request, "directory/person_list.html", context)


def person_detail(request: HttpRequest, slug: str) -> HttpResponse:
    person = get_object_or_404(Person.objects.prefetch_related("expertises"), slug=slug)
    if not permissions.can_view_person(request.user, person):
        raise Http404
    context = {
        "person": person,
        "roles": person.cohort_roles.select_related("cohort"),
        "memberships": queries.memberships_visible_to(person, request.user),
        "show_contact": permissions.can_view_contact(request.user, person),
        "can_manage": permissions.can_manage_directory(request.user),
        "follow_up": (
            queries.follow_up_of(person)
            if permissions.can_view_follow_up(request.user, person)
            else None
        ),
    }
    return render(request, "directory/person_detail.html", context)


def administration_list(request: HttpRequest) -> HttpResponse:
    form = AdministrationFilterForm(request.GET or None)
    administrations = queries.administrations_with_stats(request.user)
    if form.is_valid():
        administrations = queries.search_administrations(
            administrations, text=form.cleaned_data["q"].strip()
        )
    page, querystring = _paginate(request, administrations)
    context = {
        "form": form,
        "page_obj": page,
        "querystring_without_page": querystring,
        "can_manage": permissions.can_manage_directory(request.user),
    }
    return render(request, "directory/administration_list.html", context)


def administration_detail(request: HttpRequest, slug: str) -> HttpResponse:
    administration = get_object_or_404(Administration, slug=slug)
    challenges = queries.challenges_visible_to(request.user).filter(administration=administration)
    context = {
        "administration": administration,
        "challenges": challenges,
        "can_manage": permissions.can_manage_directory(request.user),
    }
    return render(request, "directory/administration_detail.html", context)


@accepts_upload("MAGELLAN_IMPORT_MAX_BYTES")
@login_required
def people_import(request: HttpRequest) -> HttpResponse:
    """Coaches upload a cohort list; the import runs in the background."""
    if not permissions.is_coach(request.user):
        raise PermissionDenied
    form = PeopleImportForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        job = tasks.start_people_import(
            user=request.user,
            cohort=form.cleaned_data["cohort"],
            upload=form.cleaned_data["file"],
            dry_run=form.cleaned_data["dry_run"],
        )
        return redirect(job)
    return render(request, "directory/people_import.html", {"form": form})


@login_required
def import_result(request: HttpRequest, pk: int) -> HttpResponse:
    """The report of a finished import job."""
    job = get_object_or_404(Job, pk=pk, kind="directory.import_people")
    if not can_view_job(request.user, job):
        raise Http404
    counts = [
        {"kind": kind_label(kind), "created": c[0], "updated": c[1], "unchanged": c[2]}
        for kind, c in job.result.get("counts", {}).items()
    ]
    context = {"job": job, "counts": counts, "result": job.result}
    return render(request, "directory/import_result.html", context)


@login_required
def profile_edit(request: HttpRequest) -> HttpResponse:
    """A person edits what they declare about themself, including their consent to the public directory."""
    person = queries.person_of(request.user)
    if person is None:
        return render(request, "directory/profile_form.html", {"form": None, "person": None})
    form = ProfileForm(request.POST or None, instance=person)
    if request.method == "POST" and form.is_valid():
        services.update_profile(person=person, form=form)
        messages.success(request, _("Votre profil est enregistré."))
        return redirect(person)
    return render(request, "directory/profile_form.html", {"form": form, "person": person})
