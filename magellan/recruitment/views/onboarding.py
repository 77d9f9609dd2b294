"""Onboarding pages: newcomers' checklists, the coaches' per-cohort view, checklist templates. Thin views."""

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from magellan.core.decorators import allowed_by
from magellan.directory.models import Cohort

from .. import permissions, queries
from ..forms.onboarding import ItemForm, StartForm, TemplateForm, TemplateItemFormSet, kept_items
from ..models import ChecklistItem, ChecklistTemplate
from ..services import onboarding as services

coach_required = allowed_by(permissions.can_manage_onboarding)


# --- Newcomers' checklists ---------------------------------------------------------------------


@login_required
def onboarding_mine(request: HttpRequest) -> HttpResponse:
    """« Ma liste d’intégration »: my checklists, and for a project owner their fellows'."""
    today = timezone.localdate()
    own = queries.own_checklists(request.user)
    checklists = list(
        queries.with_progress(own, today).order_by("-arrival_date", "pk").select_related("cohort")
    )
    followed = list(
        queries.with_progress(
            queries.checklists_visible_to(request.user).exclude(pk__in=own.values("pk")), today
        ).order_by("person__name", "pk")
    )
    context = {
        "checklists": checklists,
        # Coaches follow everyone's from the cohort view.
        "followed": [] if permissions.can_manage_onboarding(request.user) else followed,
        "is_coach": permissions.can_manage_onboarding(request.user),
    }
    return render(request, "recruitment/onboarding_mine.html", context)


def _checklist_page(
    request: HttpRequest,
    checklist: Any,
    *,
    bound: dict[int, ItemForm] | None = None,
    status: int = 200,
) -> HttpResponse:
    bound = bound or {}
    today = timezone.localdate()
    sections = [
        (section, [(item, bound.get(item.pk) or ItemForm.for_item(item)) for item in items])
        for section, items in queries.checklist_sections(checklist)
    ]
    context = {
        "checklist": checklist,
        "sections": sections,
        "today": today,
        "is_coach": permissions.can_manage_onboarding(request.user),
    }
    return render(request, "recruitment/checklist_detail.html", context, status=status)


@login_required
def checklist_detail(request: HttpRequest, pk: int) -> HttpResponse:
    checklist = get_object_or_404(queries.checklists_visible_to(request.user), pk=pk)
    return _checklist_page(request, checklist)


@login_required
@require_POST
def checklist_item(request: HttpRequest, pk: int) -> HttpResponse:
    """Tick or untick one item and save its comments (version-checked)."""
    item = get_object_or_404(
        ChecklistItem.objects.filter(
            checklist__in=queries.checklists_visible_to(request.user)
        ).select_related("checklist__person", "checklist__cohort"),
        pk=pk,
    )
    form = ItemForm.for_item(item, request.POST)
    anchor = f"#etape-{item.pk}"
    if form.is_valid():
        try:
            services.update_item(
                item=item,
                done=form.cleaned_data["done"],
                successes=form.cleaned_data["successes"],
                difficulties=form.cleaned_data["difficulties"],
                version=form.cleaned_data["version"],
                by=request.user,
            )
        except services.OnboardingError as error:
            # Show the current state of the item, and keep what the user typed in the form.
            form = _rebound(item.pk, request.POST)
            form.add_error(None, str(error))
            messages.error(request, str(error))
            return _checklist_page(request, item.checklist, bound={item.pk: form}, status=409)
        messages.success(request, _("Étape « %(label)s » enregistrée.") % {"label": item.label})
        return redirect(reverse("recruitment:checklist_detail", args=[item.checklist_id]) + anchor)
    return _checklist_page(request, item.checklist, bound={item.pk: form}, status=400)


def _rebound(pk: int, post: Any) -> ItemForm:
    """The user's input again, with the current version so that saving it again applies it."""
    current = ChecklistItem.objects.get(pk=pk)
    data = post.copy()
    data[f"item-{pk}-version"] = str(current.version)
    form = ItemForm.for_item(current, data)
    form.is_valid()
    return form


# --- Coaches' per-cohort view ------------------------------------------------------------------


def _default_cohort() -> Cohort | None:
    cohorts = Cohort.objects.all()
    return cohorts.current().order_by("-number").first() or cohorts.order_by("-number").first()


@coach_required
def onboarding_cohort(request: HttpRequest) -> HttpResponse:
    """Who is late on what in a cohort (`?promotion=<slug>`, the current one by default)."""
    slug = request.GET.get("promotion")
    cohort = get_object_or_404(Cohort, slug=slug) if slug else _default_cohort()
    today = timezone.localdate()
    context: dict[str, Any] = {
        "cohort": cohort,
        "cohorts": Cohort.objects.order_by("-number"),
        "today": today,
        "overview": queries.cohort_onboarding(cohort, today) if cohort else None,
        "start_form": StartForm(),
    }
    return render(request, "recruitment/onboarding_cohort.html", context)


@coach_required
@require_POST
def onboarding_start(request: HttpRequest, slug: str) -> HttpResponse:
    """Start the checklists of a cohort's fellows and project owners."""
    cohort = get_object_or_404(Cohort, slug=slug)
    form = StartForm(request.POST)
    back = reverse("recruitment:onboarding_cohort") + f"?promotion={cohort.slug}"
    if not form.is_valid():
        messages.error(request, _("La date d’arrivée n’est pas valide."))
        return redirect(back)
    try:
        created = services.start_cohort_onboarding(
            cohort=cohort, arrival_date=form.cleaned_data["arrival_date"]
        )
    except services.OnboardingError as error:
        messages.error(request, str(error))
    else:
        messages.success(
            request, _("%(count)s liste(s) d’intégration démarrée(s).") % {"count": len(created)}
        )
    return redirect(back)


# --- Templates ---------------------------------------------------------------------------------


@coach_required
def onboarding_templates(request: HttpRequest) -> HttpResponse:
    services.ensure_defaults()
    templates = ChecklistTemplate.objects.prefetch_related("items").order_by("audience", "name")
    return render(request, "recruitment/onboarding_templates.html", {"templates": templates})


def _template_form_page(request: HttpRequest, template: ChecklistTemplate) -> HttpResponse:
    form = TemplateForm(request.POST or None, instance=template)
    formset = TemplateItemFormSet(
        request.POST or None,
        instance=template,
        queryset=template.items.order_by("position", "pk") if template.pk else None,
    )
    if request.method == "POST" and form.is_valid() and formset.is_valid():
        try:
            services.save_template(template=form.instance, items=kept_items(formset))
        except services.OnboardingError as error:
            form.add_error(None, str(error))
        else:
            messages.success(request, _("Modèle enregistré."))
            return redirect("recruitment:onboarding_templates")
    return render(
        request,
        "recruitment/onboarding_template_form.html",
        {"form": form, "formset": formset, "template": template},
    )


@coach_required
def onboarding_template_create(request: HttpRequest) -> HttpResponse:
    return _template_form_page(request, ChecklistTemplate())


@coach_required
def onboarding_template_edit(request: HttpRequest, pk: int) -> HttpResponse:
    return _template_form_page(request, get_object_or_404(ChecklistTemplate, pk=pk))
