"""Knowledge base pages: the guides (list, page, writing, history), their links and files, which
guides a session or a help request used, and turning a help request or a question into a guide.
Thin views: rules are in services, permissions and queries."""

from typing import Any

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from magellan.community.models import Question
from magellan.community.permissions import can_view_question
from magellan.core.decorators import allowed_by
from magellan.core.downloads import download_response
from magellan.core.markdown import render_markdown
from magellan.core.uploads import accepts_upload
from magellan.helpdesk.models import HelpRequest
from magellan.helpdesk.permissions import can_view_request
from magellan.program.models import Session

from . import permissions, queries, services
from .diffs import diff_revisions
from .forms import (
    ConsentForm,
    ConversionForm,
    FileForm,
    GuideFilterForm,
    GuideForm,
    GuideUseForm,
    LinkForm,
)
from .models import Guide, GuideFile, GuideLink, GuideUse, Visibility
from .panels import link_page


def _visible_guide(request: HttpRequest, slug: str) -> Guide:
    """The guide, or a 404 for whoever may not read it (a draft, a members-only guide)."""
    guide = get_object_or_404(Guide.objects.select_related("author"), slug=slug)
    if not permissions.can_view_guide(request.user, guide):
        raise Http404
    return guide


def guide_list(request: HttpRequest) -> HttpResponse:
    """The guides one may read, filtered by phase, expertise and words."""
    form = GuideFilterForm(request.GET or None)
    guides = queries.guides_visible_to(request.user)
    if form.is_valid():
        data = form.cleaned_data
        guides = queries.filter_guides(
            guides, phase=data["phase"], expertise=data["expertise"], text=data["q"]
        )
    guides = queries.with_list_data(guides).order_by("title", "pk")
    page = Paginator(guides, settings.MAGELLAN_PAGE_SIZE).get_page(request.GET.get("page"))
    params = request.GET.copy()
    params.pop("page", None)
    encoded = params.urlencode()
    context = {
        "form": form,
        "page_obj": page,
        "querystring_without_page": (encoded + "&") if encoded else "",
        "can_write": permissions.can_write_guides(request.user),
    }
    return render(request, "resources/guide_list.html", context)


def guide_detail(request: HttpRequest, slug: str) -> HttpResponse:
    guide = _visible_guide(request, slug)
    can_edit = permissions.can_edit_guide(request.user, guide)
    context: dict[str, Any] = {
        "guide": guide,
        "body": render_markdown(guide.body),
        "phases": list(guide.phases.all()),
        "expertises": list(guide.expertises.order_by("name")),
        "links": list(guide.links.all()),
        "files": list(guide.files.all()),
        "uses": queries.uses_visible_to(request.user, guide),
        "can_edit": can_edit,
        "can_read_history": permissions.can_read_history(request.user, guide),
        "link_form": LinkForm() if can_edit else None,
        "file_form": FileForm() if can_edit else None,
    }
    return render(request, "resources/guide_detail.html", context)


@allowed_by(permissions.can_write_guides)
def guide_create(request: HttpRequest) -> HttpResponse:
    form = GuideForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            guide = services.create_guide(
                by=request.user,
                title=data["title"],
                summary=data["summary"],
                body=data["body"],
                phases=data["phases"],
                expertises=data["expertises"],
                visibility=data["visibility"],
                note=data["note"],
            )
        except services.ResourcesError as error:
            form.add_error(None, str(error))
        else:
            messages.success(
                request,
                _("Le guide est enregistré comme brouillon ; publiez-le quand il est prêt."),
            )
            return redirect(guide.get_absolute_url())
    return render(
        request, "resources/guide_form.html", {"form": form, "guide": None, "stale": False}
    )


@login_required
def guide_edit(request: HttpRequest, slug: str) -> HttpResponse:
    guide = _visible_guide(request, slug)
    if not permissions.can_edit_guide(request.user, guide):
        raise PermissionDenied
    form = GuideForm.for_guide(guide, request.POST or None)
    stale = False
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            services.update_guide(
                guide,
                by=request.user,
                version=data["version"] or 0,
                title=data["title"],
                summary=data["summary"],
                body=data["body"],
                phases=data["phases"],
                expertises=data["expertises"],
                visibility=data["visibility"],
                note=data["note"],
            )
        except services.StaleGuideError as error:
            # The user's text stays in the form, as typed; it now carries the current version,
            # so that saving again, once the other changes are taken in, is a deliberate choice.
            guide.refresh_from_db()
            form = GuideForm.for_guide(guide, _with_version(request.POST, guide.version))
            form.is_valid()
            form.add_error(None, str(error))
            stale = True
        except services.ResourcesError as error:
            form.add_error(None, str(error))
        else:
            messages.success(request, _("Vos modifications sont enregistrées."))
            return redirect(guide.get_absolute_url())
    return render(
        request, "resources/guide_form.html", {"form": form, "guide": guide, "stale": stale}
    )


def _with_version(data: Any, version: int) -> Any:
    copy = data.copy()
    copy["version"] = str(version)
    return copy


@login_required
def guide_history(request: HttpRequest, slug: str) -> HttpResponse:
    """Every revision, newest first, each with what changed since the one before."""
    guide = _visible_guide(request, slug)
    if not permissions.can_read_history(request.user, guide):
        raise PermissionDenied
    revisions = list(guide.revisions.order_by("number"))
    entries = [
        {"revision": revision, "diffs": diff_revisions(revisions[i - 1] if i else None, revision)}
        for i, revision in enumerate(revisions)
    ]
    entries.reverse()
    return render(request, "resources/guide_history.html", {"guide": guide, "entries": entries})


def _guide_action(request: HttpRequest, slug: str, action: Any, done: str) -> HttpResponse:
    guide = _visible_guide(request, slug)
    if not permissions.can_edit_guide(request.user, guide):
        raise PermissionDenied
    try:
        action(guide, by=request.user)
    except services.ResourcesError as error:
        messages.error(request, str(error))
    else:
        messages.success(request, done)
    return redirect(guide.get_absolute_url())


@require_POST
@login_required
def guide_publish(request: HttpRequest, slug: str) -> HttpResponse:
    return _guide_action(request, slug, services.publish_guide, _("Le guide est publié."))


@require_POST
@login_required
def guide_unpublish(request: HttpRequest, slug: str) -> HttpResponse:
    return _guide_action(
        request, slug, services.unpublish_guide, _("Le guide est redevenu un brouillon.")
    )


@require_POST
@login_required
def link_add(request: HttpRequest, slug: str) -> HttpResponse:
    guide = _visible_guide(request, slug)
    if not permissions.can_edit_guide(request.user, guide):
        raise PermissionDenied
    form = LinkForm(request.POST)
    if form.is_valid():
        try:
            services.add_link(guide, by=request.user, **form.cleaned_data)
        except services.ResourcesError as error:
            messages.error(request, str(error))
        else:
            messages.success(request, _("Le lien est ajouté."))
            return redirect(guide.get_absolute_url() + "#liens")
    else:
        messages.error(
            request,
            _("Le lien n’est pas ajouté : %(errors)s")
            % {"errors": " ".join(str(e) for errors in form.errors.values() for e in errors)},
        )
    return redirect(guide.get_absolute_url() + "#liens")


@require_POST
@login_required
def link_remove(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    guide = _visible_guide(request, slug)
    link = get_object_or_404(GuideLink, guide=guide, pk=pk)
    if not permissions.can_edit_guide(request.user, guide):
        raise PermissionDenied
    services.remove_link(link, by=request.user)
    messages.success(request, _("Le lien est retiré."))
    return redirect(guide.get_absolute_url() + "#liens")


def _linkable_guides(request: HttpRequest) -> Any:
    return (
        queries.guides_visible_to(request.user).filter(status="published").order_by("title", "pk")
    )


@allowed_by(permissions.can_link_to_session)
def session_link(request: HttpRequest, pk: int) -> HttpResponse:
    """The guides a session used, and a form to add one."""
    session = get_object_or_404(Session.objects.select_related("format", "cohort"), pk=pk)
    form = GuideUseForm(request.POST or None, guides=_linkable_guides(request))
    if request.method == "POST" and form.is_valid():
        try:
            services.link_guide(form.cleaned_data["guide"], by=request.user, session=session)
        except services.ResourcesError as error:
            form.add_error("guide", str(error))
        else:
            messages.success(request, _("Le guide est relié à la séance."))
            return redirect("resources:session_link", pk=session.pk)
    uses = list(
        GuideUse.objects.filter(session=session).select_related("guide").order_by("guide__title")
    )
    return render(
        request,
        "resources/use_form.html",
        {"form": form, "target": session, "target_url": session.get_absolute_url(), "uses": uses},
    )


def _visible_request(request: HttpRequest, pk: int) -> HelpRequest:
    """The help request, or a 404 for whoever may not see it (the help desk's rule)."""
    help_request = get_object_or_404(HelpRequest.objects.select_related("author"), pk=pk)
    if not can_view_request(request.user, help_request):
        raise Http404
    return help_request


@login_required
def help_request_link(request: HttpRequest, pk: int) -> HttpResponse:
    """The guides a help request used, and a form to add one (coaches and its helpers)."""
    help_request = _visible_request(request, pk)
    if not permissions.can_link_to_help_request(request.user, help_request):
        raise PermissionDenied
    form = GuideUseForm(request.POST or None, guides=_linkable_guides(request))
    if request.method == "POST" and form.is_valid():
        try:
            services.link_guide(
                form.cleaned_data["guide"], by=request.user, help_request=help_request
            )
        except services.ResourcesError as error:
            form.add_error("guide", str(error))
        else:
            messages.success(request, _("Le guide est relié à la demande d’aide."))
            return redirect("resources:help_request_link", pk=help_request.pk)
    uses = list(
        GuideUse.objects.filter(help_request=help_request)
        .select_related("guide")
        .order_by("guide__title")
    )
    return render(
        request,
        "resources/use_form.html",
        {
            "form": form,
            "target": help_request,
            "target_url": help_request.get_absolute_url(),
            "uses": uses,
        },
    )


@require_POST
@login_required
def use_remove(request: HttpRequest, pk: int) -> HttpResponse:
    use = get_object_or_404(GuideUse.objects.select_related("guide", "help_request"), pk=pk)
    if use.help_request is not None and not can_view_request(request.user, use.help_request):
        raise Http404
    try:
        services.unlink_guide(use, by=request.user)
    except services.ResourcesError as error:
        raise PermissionDenied(str(error)) from error
    messages.success(request, _("Le guide n’y est plus relié."))
    return redirect(link_page(use.session or use.help_request))


# --- Files -----------------------------------------------------------------------------------


@accepts_upload("MAGELLAN_HELPDESK_ATTACHMENT_MAX_BYTES")
@require_POST
@login_required
def file_add(request: HttpRequest, slug: str) -> HttpResponse:
    guide = _visible_guide(request, slug)
    if not permissions.can_edit_guide(request.user, guide):
        raise PermissionDenied
    form = FileForm(request.POST, request.FILES)
    if not form.is_valid():
        messages.error(request, _("Choisissez un fichier à joindre."))
        return redirect(guide.get_absolute_url() + "#fichiers")
    try:
        services.add_file(guide, by=request.user, upload=form.cleaned_data["file"])
    except services.ResourcesError as error:
        messages.error(request, str(error))
    else:
        messages.success(request, _("Le fichier est joint au guide."))
    return redirect(guide.get_absolute_url() + "#fichiers")


def file_download(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    """A guide's file, for those who may read the guide (404 otherwise, as the guide); public
    guides' files may be cached."""
    guide = _visible_guide(request, slug)
    guide_file = get_object_or_404(GuideFile, guide=guide, pk=pk)
    return download_response(
        guide_file.file,
        content_type=guide_file.content_type,
        name=guide_file.name,
        private=not (guide.is_published and guide.visibility == Visibility.PUBLIC),
    )


@require_POST
@login_required
def file_remove(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    guide = _visible_guide(request, slug)
    guide_file = get_object_or_404(GuideFile, guide=guide, pk=pk)
    try:
        services.remove_file(guide_file, by=request.user)
    except services.ResourcesError as error:
        raise PermissionDenied(str(error)) from error
    messages.success(request, _("Le fichier est retiré."))
    return redirect(guide.get_absolute_url() + "#fichiers")


# --- From a help request or a question to a guide ----------------------------------------------


def _visible_question(request: HttpRequest, pk: int) -> Question:
    """The question, or a 404 for whoever may not see it (the community's rule)."""
    question = get_object_or_404(Question.objects.select_related("author"), pk=pk)
    if not can_view_question(request.user, question):
        raise Http404
    return question


def _consent_page(request: HttpRequest, source: services.Source, name: str) -> HttpResponse:
    """The author sees what a guide made from their source would publish, and agrees (or not)."""
    if not permissions.can_consent(request.user, source):
        raise PermissionDenied
    with_attachments = isinstance(source, HelpRequest)
    consent = services.consent_for(source)
    initial = (
        {
            "allow_comments": consent.allow_comments,
            "allow_attachments": consent.allow_attachments,
            "allow_name": consent.allow_name,
        }
        if consent
        else {}
    )
    if request.method == "POST" and "withdraw" in request.POST:
        services.withdraw_consent(source, by=request.user)
        messages.success(request, _("Votre accord est retiré."))
        return redirect(name, pk=source.pk)
    form = ConsentForm(request.POST or None, initial=initial, with_attachments=with_attachments)
    if request.POST.get("action") == "save" and form.is_valid():
        try:
            services.give_consent(source, by=request.user, **form.options())
        except services.ResourcesError as error:
            form.add_error(None, str(error))
        else:
            messages.success(
                request,
                _("Merci : les coachs peuvent en faire un guide, tel que montré."),
            )
            return redirect(name, pk=source.pk)
    draft = services.draft_from(source, **form.as_draft_options())
    context = {
        "source": source,
        "is_help_request": with_attachments,
        "form": form,
        "consent": consent,
        "refusal": services.not_ready_reason(source),
        "draft": draft,
        "draft_body": render_markdown(draft.body),
    }
    return render(request, "resources/consent.html", context)


def _convert_page(request: HttpRequest, source: services.Source) -> HttpResponse:
    """Its author, or a coach with the author's consent, turns a source into a draft guide."""
    if not permissions.can_convert(request.user, source):
        raise PermissionDenied
    is_help_request = isinstance(source, HelpRequest)
    form = ConversionForm(request.POST or None, with_attachments=is_help_request)
    options = form.options()
    if request.POST.get("action") == "save":
        try:
            guide = (
                services.guide_from_help_request(source, by=request.user, **options)
                if isinstance(source, HelpRequest)
                else services.guide_from_question(source, by=request.user, **options)
            )
        except services.ResourcesError as error:
            messages.error(request, str(error))
        else:
            messages.success(
                request,
                _("Le guide est créé en brouillon : relisez-le, complétez-le puis publiez-le."),
            )
            return redirect("resources:guide_edit", slug=guide.slug)
    draft = services.draft_from(source, **options)
    context = {
        "source": source,
        "is_help_request": is_help_request,
        "form": form,
        "refusal": services.conversion_refusal(source, by=request.user, **options),
        "consent": services.consent_for(source),
        "draft": draft,
        "draft_body": render_markdown(draft.body),
    }
    return render(request, "resources/convert.html", context)


@login_required
def help_request_consent(request: HttpRequest, pk: int) -> HttpResponse:
    return _consent_page(request, _visible_request(request, pk), "resources:help_request_consent")


@login_required
def help_request_convert(request: HttpRequest, pk: int) -> HttpResponse:
    return _convert_page(request, _visible_request(request, pk))


@login_required
def question_consent(request: HttpRequest, pk: int) -> HttpResponse:
    return _consent_page(request, _visible_question(request, pk), "resources:question_consent")


@login_required
def question_convert(request: HttpRequest, pk: int) -> HttpResponse:
    return _convert_page(request, _visible_question(request, pk))
