"""Calls, their grids, challenge dossiers (with the owner's private link) and applications. Thin views."""

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from magellan.core.decorators import allowed_by
from magellan.core.downloads import download_response
from magellan.core.uploads import accepts_upload
from magellan.directory.importers.report import InvalidImportError
from magellan.directory.models import Gender, Profession

from .. import permissions, queries
from ..defaults import stages_of
from ..forms.calls import (
    ApplicationForm,
    ApplicationImportForm,
    CallForm,
    CallStatusForm,
    CriterionFormSet,
    DossierForm,
)
from ..importers import import_applications
from ..models import Application, Call, CallKind, ChallengeDossier, Criterion, Stage
from ..services import calls as services
from ..services.calls import RecruitmentError

coach_required = allowed_by(permissions.can_manage_recruitment)


def _profession_labels(values: list[str]) -> list[str]:
    return [str(Profession(v).label) for v in values if v in Profession.values]


def _gender_label(value: str) -> str:
    return str(Gender(value).label) if value in Gender.values else value


def _call(pk: int, kind: str | None = None) -> Call:
    call = get_object_or_404(Call.objects.select_related("cohort"), pk=pk)
    if kind is not None and call.kind != kind:
        raise Http404
    return call


# --- Calls ---------------------------------------------------------------------------------------


@login_required
def home(request: HttpRequest) -> HttpResponse:
    """Coaches: every call per cohort with its counts; a reviewer: the calls they review."""
    is_coach = permissions.can_manage_recruitment(request.user)
    reviewed = list(queries.calls_reviewed_by(request.user).order_by("-opens_on"))
    if not is_coach and not reviewed:
        raise PermissionDenied
    calls = list(queries.calls_with_counts()) if is_coach else []
    cohorts: dict[Any, list[Call]] = {}
    for call in calls:
        cohorts.setdefault(call.cohort, []).append(call)
    return render(
        request,
        "recruitment/call_list.html",
        {"is_coach": is_coach, "cohorts": cohorts.items(), "reviewed": reviewed},
    )


@coach_required
def call_create(request: HttpRequest) -> HttpResponse:
    form = CallForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            call = services.create_call(call=form.instance, by=request.user)
        except RecruitmentError as error:
            form.add_error(None, str(error))
        else:
            messages.success(request, _("L’appel est créé avec la grille du programme."))
            return redirect("recruitment:call_detail", call.pk)
    return render(request, "recruitment/call_form.html", {"form": form, "call": None})


@coach_required
def call_detail(request: HttpRequest, pk: int) -> HttpResponse:
    call = _call(pk)
    grids = [
        (
            Stage(stage),
            list(call.criteria.filter(stage=stage).order_by("position", "pk")),
            services.grid_locked(call=call, stage=stage),
        )
        for stage in stages_of(call.kind)
    ]
    context: dict[str, Any] = {
        "call": call,
        "grids": grids,
        "status_form": CallStatusForm(
            initial={"status": (services.TRANSITIONS[call.status] or (call.status,))[0]}
        ),
        "transitions": services.TRANSITIONS[call.status],
        "profile_labels": _profession_labels(call.profiles),
    }
    if call.kind == CallKind.CHALLENGES:
        context["dossiers"] = call.dossiers.select_related("administration", "challenge")
    else:
        context["applications"] = queries.applications_of(call)
    return render(request, "recruitment/call_detail.html", context)


@coach_required
def call_edit(request: HttpRequest, pk: int) -> HttpResponse:
    call = _call(pk)
    form = CallForm(request.POST or None, instance=call)
    if request.method == "POST" and form.is_valid():
        try:
            services.update_call(call=form.instance, seen=form.cleaned_data["version"])
        except RecruitmentError as error:
            form.add_error(None, str(error))
        else:
            messages.success(request, _("L’appel est enregistré."))
            return redirect("recruitment:call_detail", call.pk)
    return render(request, "recruitment/call_form.html", {"form": form, "call": call})


@require_POST
@coach_required
def call_status(request: HttpRequest, pk: int) -> HttpResponse:
    call = _call(pk)
    form = CallStatusForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Choisissez un état."))
    else:
        try:
            services.set_call_status(call=call, status=form.cleaned_data["status"])
        except RecruitmentError as error:
            messages.error(request, str(error))
        else:
            messages.success(
                request, _("L’appel est désormais « %(s)s ».") % {"s": call.get_status_display()}
            )
    return redirect("recruitment:call_detail", call.pk)


@coach_required
def call_criteria(request: HttpRequest, pk: int, stage: str) -> HttpResponse:
    """A stage's grid: criteria added, edited, removed while no review of it is submitted."""
    call = _call(pk)
    if stage not in stages_of(call.kind):
        raise Http404
    locked = services.grid_locked(call=call, stage=stage)
    queryset = Criterion.objects.filter(call=call, stage=stage).order_by("position", "pk")
    formset = CriterionFormSet(request.POST or None, queryset=queryset, prefix="criteria")
    if request.method == "POST" and not locked and formset.is_valid():
        kept = [
            form.instance
            for form in formset.forms
            if form not in formset.deleted_forms and (form.instance.pk or form.has_changed())
        ]
        deleted = [form.instance for form in formset.deleted_forms if form.instance.pk]
        try:
            with transaction.atomic():
                services.save_grid(call=call, stage=stage, criteria=kept, deleted=deleted)
        except RecruitmentError as error:
            messages.error(request, str(error))
        else:
            messages.success(request, _("La grille est enregistrée."))
            return redirect("recruitment:call_detail", call.pk)
    return render(
        request,
        "recruitment/call_criteria.html",
        {"call": call, "stage": Stage(stage), "formset": formset, "locked": locked},
    )


# --- Dossiers ------------------------------------------------------------------------------------


@coach_required
def dossier_create(request: HttpRequest, pk: int) -> HttpResponse:
    call = _call(pk, CallKind.CHALLENGES)
    form = DossierForm(request.POST or None, instance=ChallengeDossier(call=call))
    if request.method == "POST" and form.is_valid():
        try:
            dossier = services.create_dossier(dossier=form.instance)
        except RecruitmentError as error:
            form.add_error(None, str(error))
        else:
            messages.success(request, _("Le dossier est enregistré (brouillon)."))
            return redirect("recruitment:dossier_detail", dossier.pk)
    return render(
        request, "recruitment/dossier_form.html", {"form": form, "call": call, "dossier": None}
    )


def _visible_dossier(request: HttpRequest, pk: int) -> ChallengeDossier:
    visible = queries.dossiers_visible_to(request.user).select_related(
        "call__cohort", "administration", "challenge"
    )
    return get_object_or_404(visible, pk=pk)


@login_required
def dossier_detail(request: HttpRequest, pk: int) -> HttpResponse:
    """Coaches, and the reviewers assigned to the dossier (not conflicted)."""
    dossier = _visible_dossier(request, pk)
    return render(
        request,
        "recruitment/dossier_detail.html",
        {
            "dossier": dossier,
            "is_coach": permissions.can_manage_recruitment(request.user),
            "editable": services.dossier_editable(dossier, by_owner=False),
            "link": request.session.pop(f"dossier-link-{dossier.pk}", None),
            "profiles": _profession_labels(dossier.profiles_wanted),
        },
    )


@coach_required
def dossier_edit(request: HttpRequest, pk: int) -> HttpResponse:
    dossier = get_object_or_404(ChallengeDossier.objects.select_related("call"), pk=pk)
    form = DossierForm(request.POST or None, instance=dossier)
    if request.method == "POST" and form.is_valid():
        try:
            services.update_dossier(dossier=form.instance, seen=form.cleaned_data["version"])
        except RecruitmentError as error:
            form.add_error(None, str(error))
        else:
            messages.success(request, _("Le dossier est enregistré."))
            return redirect("recruitment:dossier_detail", dossier.pk)
    return render(
        request,
        "recruitment/dossier_form.html",
        {"form": form, "call": dossier.call, "dossier": dossier},
    )


@require_POST
@coach_required
def dossier_link(request: HttpRequest, pk: int) -> HttpResponse:
    """Make or renew the owner's private link; shown once on the dossier's page."""
    dossier = get_object_or_404(ChallengeDossier, pk=pk)
    try:
        token = services.issue_dossier_link(dossier=dossier)
    except RecruitmentError as error:
        messages.error(request, str(error))
    else:
        url = request.build_absolute_uri(reverse("recruitment:dossier_submit", args=[token]))
        request.session[f"dossier-link-{dossier.pk}"] = url
        messages.success(
            request,
            _("Le lien privé est prêt : copiez-le maintenant, il ne sera plus affiché."),
        )
    return redirect("recruitment:dossier_detail", dossier.pk)


@require_POST
@coach_required
def dossier_file(request: HttpRequest, pk: int) -> HttpResponse:
    """A coach records a dossier received otherwise as submitted."""
    dossier = get_object_or_404(ChallengeDossier, pk=pk)
    try:
        services.submit_dossier(dossier=dossier)
    except RecruitmentError as error:
        messages.error(request, str(error))
    else:
        messages.success(request, _("Le dossier est déposé."))
    return redirect("recruitment:dossier_detail", dossier.pk)


@require_POST
@coach_required
def dossier_accept(request: HttpRequest, pk: int) -> HttpResponse:
    dossier = get_object_or_404(ChallengeDossier, pk=pk)
    try:
        challenge = services.accept_dossier(dossier=dossier, by=request.user)
    except RecruitmentError as error:
        messages.error(request, str(error))
    else:
        messages.success(
            request,
            _("Le dossier est retenu : le défi « %(title)s » est créé dans la promotion.")
            % {"title": challenge.title},
        )
    return redirect("recruitment:dossier_detail", dossier.pk)


@require_POST
@coach_required
def dossier_reject(request: HttpRequest, pk: int) -> HttpResponse:
    dossier = get_object_or_404(ChallengeDossier, pk=pk)
    try:
        services.reject_dossier(dossier=dossier, by=request.user)
    except RecruitmentError as error:
        messages.error(request, str(error))
    else:
        messages.success(request, _("Le dossier n’est pas retenu."))
    return redirect("recruitment:dossier_detail", dossier.pk)


def dossier_submit(request: HttpRequest, token: str) -> HttpResponse:
    """The project owner's private page: fill the draft, save it, submit it; then read-only."""
    dossier = queries.dossier_for_token(token)
    if dossier is None:
        raise Http404
    editable = services.dossier_editable(dossier, by_owner=True)
    form = DossierForm(request.POST or None, instance=dossier, by_owner=True)
    if request.method == "POST" and editable and form.is_valid():
        try:
            with transaction.atomic():
                services.update_dossier(
                    dossier=form.instance, seen=form.cleaned_data["version"], by_owner=True
                )
                if "submit" in request.POST:
                    services.submit_dossier(dossier=dossier)
        except RecruitmentError as error:
            form.add_error(None, str(error))
        else:
            if "submit" in request.POST:
                messages.success(request, _("Votre dossier est déposé. Merci !"))
            else:
                messages.success(request, _("Votre brouillon est enregistré."))
            return redirect("recruitment:dossier_submit", token)
    return render(
        request,
        "recruitment/dossier_submit.html",
        {
            "dossier": dossier,
            "form": form,
            "editable": editable,
            "profiles": _profession_labels(dossier.profiles_wanted),
        },
    )


# --- Applications --------------------------------------------------------------------------------


@accepts_upload("MAGELLAN_CANDIDATE_CV_MAX_BYTES")
@coach_required
def application_create(request: HttpRequest, pk: int) -> HttpResponse:
    call = _call(pk, CallKind.FELLOWS)
    form = ApplicationForm(
        request.POST or None, request.FILES or None, instance=Application(call=call), call=call
    )
    if request.method == "POST" and form.is_valid():
        try:
            application = services.create_application(
                application=form.instance, wishes=form.wishes()
            )
        except RecruitmentError as error:
            form.add_error(None, str(error))
        else:
            messages.success(
                request,
                _("La candidature %(ref)s est enregistrée.") % {"ref": application.reference},
            )
            return redirect("recruitment:application_detail", application.pk)
    return render(request, "recruitment/application_form.html", {"form": form, "call": call})


def _visible_application(request: HttpRequest, pk: int) -> Application:
    visible = queries.applications_visible_to(request.user).select_related(
        "call__cohort", "challenge", "person"
    )
    return get_object_or_404(visible, pk=pk)


@login_required
def application_detail(request: HttpRequest, pk: int) -> HttpResponse:
    """Coaches, and the reviewers assigned (identity hidden during an anonymous preselection)."""
    application = _visible_application(request, pk)
    return render(
        request,
        "recruitment/application_detail.html",
        {
            "application": application,
            "wishes": application.wishes.select_related("challenge").order_by("rank"),
            "hidden": permissions.identity_hidden(request.user, application),
            "gender": _gender_label(application.gender),
            "is_coach": permissions.can_manage_recruitment(request.user),
        },
    )


@login_required
def application_cv(request: HttpRequest, pk: int) -> HttpResponse:
    """The CV, for those who may see the candidate's identity."""
    application = _visible_application(request, pk)
    if permissions.identity_hidden(request.user, application):
        raise PermissionDenied
    if not application.cv:
        raise Http404
    return download_response(
        application.cv, content_type="application/pdf", name=f"cv-{application.reference}.pdf"
    )


@accepts_upload("MAGELLAN_IMPORT_MAX_BYTES")
@coach_required
def application_import(request: HttpRequest, pk: int) -> HttpResponse:
    """Import the form tool's CSV export; a dry run first; all rows or none, row-by-row report."""
    call = _call(pk, CallKind.FELLOWS)
    form = ApplicationImportForm(request.POST or None, request.FILES or None)
    report, problems = None, []
    if request.method == "POST" and form.is_valid():
        upload = form.cleaned_data["file"]
        try:
            report = import_applications(
                upload.read(),
                call=call,
                dry_run=form.cleaned_data["dry_run"],
                display_name=upload.name or "CSV",
            )
        except InvalidImportError as error:
            problems = error.problems
    return render(
        request,
        "recruitment/application_import.html",
        {"call": call, "form": form, "report": report, "problems": problems},
    )
