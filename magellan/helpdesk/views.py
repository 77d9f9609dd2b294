"""Help-desk pages: asking, my requests and my queue, a request's page and its actions, the
coaches' queue with its figures, helper profiles, attachments. Thin views over the services."""

from collections.abc import Callable
from typing import Any

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from magellan.core.decorators import allowed_by
from magellan.core.downloads import download_response
from magellan.core.security import limits_email_sending
from magellan.core.uploads import accepts_upload
from magellan.directory.models import Person
from magellan.directory.permissions import is_coach
from magellan.directory.queries import person_of

from . import permissions, queries, services
from .forms import (
    AddHelperForm,
    AssignForm,
    AttachForm,
    CommentForm,
    HelperProfileForm,
    PlanSessionForm,
    QueueFilterForm,
    ReopenForm,
    RequestForm,
    ResolveForm,
)
from .models import Attachment, HelperProfile, HelpRequest

coach_required = allowed_by(permissions.can_manage_helpdesk)
UPLOAD_SETTING = "MAGELLAN_HELPDESK_UPLOAD_MAX_BYTES"


def _person(request: HttpRequest) -> Person:
    person = person_of(request.user)
    if person is None:
        raise PermissionDenied
    return person


def _visible(request: HttpRequest, pk: int) -> HelpRequest:
    """The request, or a 404 for whoever may not see it (not even that it exists)."""
    help_request = get_object_or_404(queries.with_detail_data(HelpRequest.objects.all()), pk=pk)
    if not permissions.can_view_request(request.user, help_request):
        raise Http404
    return help_request


# --- Member pages ----------------------------------------------------------------------------


@allowed_by(permissions.can_use_helpdesk)
def home(request: HttpRequest) -> HttpResponse:
    """My requests (asked, my team's, those I help with) and, for helpers, my queue."""
    person = person_of(request.user)
    sections: dict[str, list[HelpRequest]] = {"asked": [], "team": [], "helped": []}
    queue: list[HelpRequest] = []
    profile = None
    if person is not None:
        sections = queries.my_requests(person)
        queue = list(queries.queue_for(person))
        profile = HelperProfile.objects.filter(person=person).first()
    return render(
        request,
        "helpdesk/home.html",
        {
            **sections,
            "queue": queue,
            "profile": profile,
            "can_ask": permissions.can_ask_help(request.user),
            "can_be_helper": permissions.can_be_helper(request.user),
            "is_coach": permissions.can_manage_helpdesk(request.user),
        },
    )


@accepts_upload(UPLOAD_SETTING)
@allowed_by(permissions.can_ask_help)
@limits_email_sending
def request_create(request: HttpRequest) -> HttpResponse:
    person = _person(request)
    coach = is_coach(request.user)
    form = RequestForm(request.POST or None, request.FILES or None, person=person, coach=coach)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            help_request = services.open_help_request(
                author=person,
                subject=data["subject"],
                description=data["description"],
                expertises=data["expertises"],
                challenge=data["challenge"],
                urgency=data["urgency"],
                wished_form=data["wished_form"],
                attachments=data["attachments"],
                by=request.user,
            )
        except services.HelpdeskError as error:
            form.add_error(None, str(error))
        else:
            messages.success(
                request, _("Votre demande est envoyée : les coachs et les aidant·es la verront.")
            )
            return redirect(help_request)
    return render(request, "helpdesk/request_form.html", {"form": form, "coach": coach})


def _detail_context(
    request: HttpRequest, help_request: HelpRequest, **forms: Any
) -> dict[str, Any]:
    user = request.user
    helpers = [a.helper for a in help_request.assignments.all()]
    coach = is_coach(user)
    can = {
        "comment": permissions.can_comment(user, help_request),
        "assign": permissions.can_assign(user, help_request),
        "plan": permissions.can_plan_session(user, help_request),
        "resolve": permissions.can_resolve(user, help_request),
        "close": permissions.can_close(user, help_request),
        "withdraw": permissions.can_withdraw(user, help_request),
        "reopen": permissions.can_reopen(user, help_request),
    }
    exclude = queries.team_ids(help_request) | {h.pk for h in helpers}
    return {
        "help_request": help_request,
        "helpers": helpers,
        "comments": list(queries.comments_of(help_request)),
        "events": list(queries.events_of(help_request)),
        "attachments": list(queries.attachments_of(help_request)),
        "sessions": list(queries.sessions_of(help_request)),
        "can": can,
        # A form sent back with a refusal stays on the page even if the action is no longer
        # possible (the request changed meanwhile): what was written is never lost.
        "kept": set(forms),
        "is_coach": coach,
        "reopen_deadline": permissions.reopen_deadline(help_request),
        # Its author shares it with the community as a question (the community app's page).
        "is_author": getattr(person_of(user), "pk", None) == help_request.author_id,
        "shared_as": [q for q in help_request.community_questions.all() if not q.is_hidden],
        "suggestions": services.suggest_helpers(help_request) if can["assign"] else [],
        "comment_form": forms.get("comment_form") or CommentForm(),
        "attach_form": forms.get("attach_form") or AttachForm(),
        "resolve_form": forms.get("resolve_form") or ResolveForm(),
        "reopen_form": forms.get("reopen_form") or ReopenForm(),
        "assign_form": forms.get("assign_form") or AssignForm(exclude=exclude)
        if can["assign"]
        else None,
        "plan_form": forms.get("plan_form") or PlanSessionForm(helpers=helpers)
        if can["plan"]
        else None,
    }


@login_required
def request_detail(request: HttpRequest, pk: int) -> HttpResponse:
    help_request = _visible(request, pk)
    return render(request, "helpdesk/request_detail.html", _detail_context(request, help_request))


def _action(
    request: HttpRequest,
    pk: int,
    allowed: Callable[[Any, HelpRequest], bool],
) -> HelpRequest:
    """A request the user sees (else 404) and whose role allows the action (else 403); its state
    is the service's to check (a refusal is then a message, the form kept)."""
    help_request = _visible(request, pk)
    if not allowed(request.user, help_request):
        raise PermissionDenied
    return help_request


def _rerender(
    request: HttpRequest, help_request: HelpRequest, error: str, **forms: Any
) -> HttpResponse:
    """The request's page again, with the form as it was sent and the refusal: nothing is lost."""
    messages.error(request, error)
    help_request.refresh_from_db()
    return render(
        request,
        "helpdesk/request_detail.html",
        _detail_context(request, help_request, **forms),
        status=400,
    )


@require_POST
@login_required
@limits_email_sending
def request_comment(request: HttpRequest, pk: int) -> HttpResponse:
    help_request = _visible(request, pk)
    form = CommentForm(request.POST)
    if form.is_valid():
        try:
            services.add_comment(
                request=help_request, by=request.user, body=form.cleaned_data["body"]
            )
        except services.HelpdeskError as error:
            return _rerender(request, help_request, str(error), comment_form=form)
        return redirect(help_request.get_absolute_url() + "#fil")
    return _rerender(request, help_request, _("Le message est vide."), comment_form=form)


@accepts_upload(UPLOAD_SETTING)
@require_POST
@login_required
def request_attach(request: HttpRequest, pk: int) -> HttpResponse:
    help_request = _visible(request, pk)
    form = AttachForm(request.POST, request.FILES)
    if form.is_valid():
        try:
            services.add_attachments(
                request=help_request, by=request.user, files=form.cleaned_data["files"]
            )
        except services.HelpdeskError as error:
            return _rerender(request, help_request, str(error), attach_form=form)
        messages.success(request, _("Les fichiers sont joints à la demande."))
        return redirect(help_request.get_absolute_url() + "#pieces-jointes")
    return _rerender(request, help_request, _("Choisissez au moins un fichier."), attach_form=form)


@require_POST
@login_required
@limits_email_sending
def request_assign(request: HttpRequest, pk: int) -> HttpResponse:
    help_request = _action(request, pk, lambda user, _r: permissions.can_manage_helpdesk(user))
    exclude = queries.team_ids(help_request) | queries.helper_ids(help_request)
    form = AssignForm(request.POST, exclude=exclude)
    if form.is_valid():
        try:
            services.assign_helpers(
                request=help_request, helpers=list(form.cleaned_data["helpers"]), by=request.user
            )
        except services.HelpdeskError as error:
            return _rerender(request, help_request, str(error), assign_form=form)
        messages.success(request, _("Les aidant·es sont désigné·es et prévenu·es."))
        return redirect(help_request)
    return _rerender(
        request, help_request, _("Choisissez au moins une personne."), assign_form=form
    )


@require_POST
@login_required
@limits_email_sending
def request_take(request: HttpRequest, pk: int) -> HttpResponse:
    """A helper takes a request of their queue (they may not see it yet: 404 only when it is in
    nobody's sight of theirs)."""
    help_request = get_object_or_404(HelpRequest, pk=pk)
    if not permissions.can_take_request(request.user, help_request):
        if permissions.can_view_request(request.user, help_request):
            raise PermissionDenied
        raise Http404
    try:
        services.take_request(request=help_request, by=request.user)
    except services.HelpdeskError as error:
        messages.error(request, str(error))
        return redirect("helpdesk:home")
    messages.success(request, _("La demande est à vous : l’équipe est prévenue."))
    return redirect(help_request)


@require_POST
@login_required
@limits_email_sending
def request_plan(request: HttpRequest, pk: int) -> HttpResponse:
    help_request = _action(request, pk, permissions.acts_as_helper)
    helpers = [a.helper for a in help_request.assignments.all()]
    form = PlanSessionForm(request.POST, helpers=helpers)
    if form.is_valid():
        data = form.cleaned_data
        try:
            services.plan_session(
                request=help_request,
                by=request.user,
                starts_at=data["starts_at"],
                helper=data["helper"],
                minutes=data["minutes"],
                place=data["place"],
                online_url=data["online_url"],
            )
        except services.HelpdeskError as error:
            return _rerender(request, help_request, str(error), plan_form=form)
        messages.success(
            request, _("La séance est planifiée : elle est dans les agendas de chacun·e.")
        )
        return redirect(help_request.get_absolute_url() + "#seances")
    return _rerender(
        request, help_request, _("Vérifiez la date et la durée de la séance."), plan_form=form
    )


@require_POST
@login_required
@limits_email_sending
def request_resolve(request: HttpRequest, pk: int) -> HttpResponse:
    help_request = _action(request, pk, permissions.acts_as_helper)
    form = ResolveForm(request.POST)
    if form.is_valid():
        try:
            services.resolve_request(
                request=help_request, by=request.user, summary=form.cleaned_data["summary"]
            )
        except services.HelpdeskError as error:
            return _rerender(request, help_request, str(error), resolve_form=form)
        messages.success(request, _("La demande est résolue ; l’équipe est prévenue."))
        return redirect(help_request)
    return _rerender(
        request,
        help_request,
        _("Résumez la résolution : ce qui a été trouvé, ce qui reste à faire."),
        resolve_form=form,
    )


def _simple_change(
    request: HttpRequest,
    pk: int,
    allowed: Callable[[Any, HelpRequest], bool],
    change: Callable[..., HelpRequest],
    done: str,
    **extra: Any,
) -> HttpResponse:
    help_request = _action(request, pk, allowed)
    try:
        change(request=help_request, by=request.user, **extra)
    except services.HelpdeskError as error:
        messages.error(request, str(error))
    else:
        messages.success(request, done)
    return redirect(help_request)


@require_POST
@login_required
@limits_email_sending
def request_close(request: HttpRequest, pk: int) -> HttpResponse:
    return _simple_change(
        request, pk, permissions.follows_request, services.close_request, _("La demande est close.")
    )


@require_POST
@login_required
@limits_email_sending
def request_withdraw(request: HttpRequest, pk: int) -> HttpResponse:
    return _simple_change(
        request,
        pk,
        permissions.is_author_or_coach,
        services.withdraw_request,
        _("La demande est retirée."),
    )


@require_POST
@login_required
@limits_email_sending
def request_reopen(request: HttpRequest, pk: int) -> HttpResponse:
    form = ReopenForm(request.POST)
    reason = form.cleaned_data["reason"] if form.is_valid() else ""
    return _simple_change(
        request,
        pk,
        permissions.author_side_or_coach,
        services.reopen_request,
        _("La demande est rouverte : ses aidant·es sont prévenu·es."),
        reason=reason,
    )


@login_required
def attachment(request: HttpRequest, pk: int, attachment_pk: int) -> HttpResponse:
    """A request's file, for those who see the request only (404 for anyone else)."""
    help_request = _visible(request, pk)
    item = get_object_or_404(Attachment, pk=attachment_pk, request=help_request)
    return download_response(item.file, content_type=item.content_type, name=item.original_name)


# --- Helpers ---------------------------------------------------------------------------------


@allowed_by(permissions.can_be_helper)
def helper_profile(request: HttpRequest) -> HttpResponse:
    """Opt in as a helper: my expertises, active or not."""
    person = _person(request)
    profile = HelperProfile.objects.filter(person=person).first()
    initial = (
        {
            "expertises": list(profile.expertises.all()),
            "is_active": profile.is_active,
            "note": profile.note,
        }
        if profile
        else {"is_active": True}
    )
    form = HelperProfileForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            services.save_helper_profile(
                person=person,
                expertises=data["expertises"],
                is_active=data["is_active"],
                note=data["note"],
                by=request.user,
            )
        except services.HelpdeskError as error:
            form.add_error(None, str(error))
        else:
            messages.success(request, _("Votre profil d’aidant·e est enregistré."))
            return redirect("helpdesk:home")
    return render(request, "helpdesk/helper_profile.html", {"form": form, "profile": profile})


@coach_required
def helpers(request: HttpRequest) -> HttpResponse:
    """The coaches' page of helper profiles, with their load; add an expert."""
    form = AddHelperForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.save_helper_profile(
                person=form.cleaned_data["person"],
                expertises=form.cleaned_data["expertises"],
                by=request.user,
            )
        except services.HelpdeskError as error:
            form.add_error(None, str(error))
        else:
            messages.success(
                request,
                _("%(name)s est aidant·e.") % {"name": form.cleaned_data["person"].name},
            )
            return redirect("helpdesk:helpers")
    return render(
        request,
        "helpdesk/helpers.html",
        {"profiles": list(queries.helpers_with_stats()), "form": form},
    )


# --- The coaches' queue ----------------------------------------------------------------------


@coach_required
def queue(request: HttpRequest) -> HttpResponse:
    """Every request for coaches: unassigned and urgent first, then the oldest; the figures."""
    form = QueueFilterForm(request.GET or None)
    filters: dict[str, Any] = {}
    if form.is_valid():
        filters = {
            "cohort": form.cleaned_data["cohort"],
            "expertise": form.cleaned_data["expertise"],
            "status": form.cleaned_data["status"] or "",
        }
    requests = list(queries.coach_queue(**filters))
    cohort = filters.get("cohort")
    export_url = (
        reverse(
            "exports:download",
            kwargs={"slug": cohort.slug, "name": "demandes-aide", "extension": "csv"},
        )
        if cohort is not None
        else ""
    )
    return render(
        request,
        "helpdesk/queue.html",
        {
            "form": form,
            "requests": requests,
            "figures": queries.figures(),
            "export_url": export_url,
            "stale_days": settings.MAGELLAN_HELPDESK_STALE_DAYS,
        },
    )
