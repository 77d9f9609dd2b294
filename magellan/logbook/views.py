"""Logbook pages: my logbook, an entry (write, read, share), my progression, exports, the coaches'
overview and the cohort trends. Thin views: rules are in services, permissions and queries."""

import datetime

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.text import slugify
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from magellan.core.downloads import attachment_response
from magellan.directory.models import Cohort, Person, Role
from magellan.directory.queries import person_of
from magellan.mentoring.forms import NeedForm
from magellan.mentoring.models import Need

from . import charts, documents, permissions, queries, services
from .forms import MONTH, EntryForm
from .models import Entry, EntryNeed


def _fellow(request: HttpRequest) -> Person:
    """The signed-in fellow (anyone else: 403, they know the logbook exists but have none)."""
    person = person_of(request.user)
    if person is None or not permissions.can_keep_logbook(request.user):
        raise PermissionDenied
    return person


def _readable_entry(request: HttpRequest, pk: int) -> Entry:
    entry = get_object_or_404(
        queries.with_entry_data(queries.entries_visible_to(request.user)), pk=pk
    )
    if not permissions.can_read_entry(request.user, entry):
        raise Http404
    return entry


def _own_entry(request: HttpRequest, pk: int) -> Entry:
    entry = _readable_entry(request, pk)
    if not permissions.can_edit_entry(request.user, entry):
        raise PermissionDenied
    return entry


@login_required
def home(request: HttpRequest) -> HttpResponse:
    """My logbook: this month to write, the months written."""
    person = _fellow(request)
    today = timezone.localdate()
    entries = list(queries.entries_of(person))
    this_month = queries.month_start(today)
    return render(
        request,
        "logbook/home.html",
        {
            "person": person,
            "entries": entries,
            "this_month": this_month,
            "this_entry": next((e for e in entries if e.month == this_month), None),
            "mentor": queries.current_mentor(person),
        },
    )


def _month_asked(request: HttpRequest, today: datetime.date) -> datetime.date:
    raw = request.POST.get("month") if request.method == "POST" else request.GET.get("mois")
    match = MONTH.match(raw or "")
    if match and 1 <= int(match[2]) <= 12 and 1 <= int(match[1]) <= 9999:
        return datetime.date(int(match[1]), int(match[2]), 1)
    return queries.month_start(today)


def _entry_form_page(request: HttpRequest, *, entry: Entry, person: Person) -> HttpResponse:
    # The levels given keep their competence's text as it was; the phase's others are offered too.
    current = {r.competence: r.level for r in entry.ratings.all()} if entry.pk is not None else {}
    competences = list(dict.fromkeys([*current, *queries.competences_of(entry.phase)]))
    form = EntryForm(request.POST or None, instance=entry, competences=competences, ratings=current)
    if request.method == "POST" and form.is_valid():
        if entry.pk is None:
            form.instance.month = form.cleaned_data["month"]
        try:
            saved = services.save_entry(
                entry=form.instance,
                ratings=form.ratings(),
                needs=form.need_texts(),
                version=form.cleaned_data.get("version"),
            )
        except services.LogbookError as error:
            form.add_error(None, str(error))
            if entry.pk is None:
                form.instance.pk = None
        else:
            messages.success(request, _("Votre entrée est enregistrée."))
            return redirect(saved.get_absolute_url())
    previous = queries.previous_entry(entry) if entry.month else None
    return render(
        request,
        "logbook/entry_form.html",
        {
            "form": form,
            "entry": entry,
            "previous": previous,
            "person": person,
            "mentor": entry.shared_with if entry.pk else None,
        },
    )


@login_required
def entry_create(request: HttpRequest) -> HttpResponse:
    """Write a month's entry (this month by default)."""
    person = _fellow(request)
    today = timezone.localdate()
    month = _month_asked(request, today)
    existing = Entry.objects.filter(person=person, month=month).first()
    if existing is not None and request.method == "GET":
        return redirect("logbook:entry_edit", pk=existing.pk)
    try:
        entry = services.new_entry(
            person=person, month=min(month, queries.month_start(today)), today=today
        )
    except services.LogbookError as error:
        raise PermissionDenied(str(error)) from error
    entry.month = month
    return _entry_form_page(request, entry=entry, person=person)


@login_required
def entry_edit(request: HttpRequest, pk: int) -> HttpResponse:
    entry = _own_entry(request, pk)
    return _entry_form_page(request, entry=entry, person=entry.person)


@login_required
def entry_detail(request: HttpRequest, pk: int) -> HttpResponse:
    entry = _readable_entry(request, pk)
    is_author = permissions.can_edit_entry(request.user, entry)
    return render(
        request,
        "logbook/entry_detail.html",
        {
            "entry": entry,
            "is_author": is_author,
            "mentor": queries.current_mentor(entry.person) if is_author else None,
            "previous": queries.previous_entry(entry),
        },
    )


@require_POST
@login_required
def entry_share(request: HttpRequest, pk: int) -> HttpResponse:
    entry = _own_entry(request, pk)
    try:
        shared = services.share_entry(entry=entry, person=entry.person)
    except services.LogbookError as error:
        messages.error(request, str(error))
    else:
        messages.success(
            request,
            _("Entrée partagée avec %(name)s, qui peut maintenant la lire.")
            % {"name": shared.shared_with},
        )
    return redirect(entry.get_absolute_url())


@require_POST
@login_required
def entry_unshare(request: HttpRequest, pk: int) -> HttpResponse:
    entry = _own_entry(request, pk)
    services.unshare_entry(entry=entry, person=entry.person)
    messages.success(
        request, _("Entrée reprise : seuls vous et les coachs de votre promotion la lisez.")
    )
    return redirect(entry.get_absolute_url())


def _own_need(request: HttpRequest, pk: int) -> EntryNeed:
    need = get_object_or_404(EntryNeed.objects.select_related("entry__cohort"), pk=pk)
    _own_entry(request, need.entry_id)
    return need


@require_POST
@login_required
def need_to_help_request(request: HttpRequest, pk: int) -> HttpResponse:
    need = _own_need(request, pk)
    try:
        turned = services.turn_into_help_request(need=need, person=need.entry.person)
    except services.LogbookError as error:
        messages.error(request, str(error))
    else:
        messages.success(request, _("Votre demande d’aide est ouverte : les coachs l’ont reçue."))
        return redirect(turned.help_request.get_absolute_url())  # type: ignore[union-attr]
    return redirect(need.entry.get_absolute_url())


@login_required
def need_to_mentoring(request: HttpRequest, pk: int) -> HttpResponse:
    """The mentoring need form, filled from the logbook's need; saved through mentoring's rules."""
    need = _own_need(request, pk)
    person = need.entry.person
    cohort = queries.fellow_cohort(person) or need.entry.cohort
    if need.is_turned:
        messages.error(
            request, _("Ce besoin a déjà donné lieu à une demande : suivez-la depuis son lien.")
        )
        return redirect(need.entry.get_absolute_url())
    form = NeedForm(
        request.POST or None,
        instance=Need(person=person, cohort=cohort),
        person=person,
        cohort=cohort,
        initial={"description": need.text},
    )
    if request.method == "POST" and form.is_valid():
        try:
            services.turn_into_mentoring_need(
                need=need,
                person=person,
                mentoring_need=form.instance,
                secondary=form.cleaned_data.get("secondary_expertises") or [],
                preferred=form.preferred(),
            )
        except services.LogbookError as error:
            form.add_error(None, str(error))
        else:
            messages.success(
                request,
                _(
                    "Votre besoin de mentorat est enregistré ; les coachs le prendront au prochain tour."
                ),
            )
            return redirect(need.entry.get_absolute_url())
    return render(request, "logbook/need_mentoring.html", {"form": form, "need": need})


def _progression(entries: list[Entry]) -> charts.Progression:
    ordered = sorted(entries, key=lambda e: e.month)
    competences: dict[str, None] = {}
    for entry in ordered:
        for rating in entry.ratings.all():
            competences.setdefault(rating.competence, None)
    levels = {(e.month, r.competence): r.level for e in ordered for r in e.ratings.all()}
    months = [e.month for e in ordered if e.ratings.all()]
    return charts.Progression(
        months=months,
        rows=[(c, [levels.get((m, c)) for m in months]) for c in competences],
    )


@login_required
def progression(request: HttpRequest) -> HttpResponse:
    """My progression: competences over the months (chart and table), goals, needs."""
    person = _fellow(request)
    entries = list(queries.entries_of(person))
    data = _progression(entries)
    table = [(c, [charts.level_label(level) for level in levels]) for c, levels in data.rows]
    return render(
        request,
        "logbook/progression.html",
        {
            "entries": sorted(entries, key=lambda e: e.month),
            "data": data,
            "chart": charts.plot_competences(data) if data.rows else "",
            "table": table,
            "needs": [need for entry in entries for need in entry.needs.all()],
        },
    )


def _export_name(person: Person, extension: str) -> str:
    return f"carnet-de-bord-{slugify(person.name)}.{extension}"


@login_required
def export_markdown(request: HttpRequest) -> HttpResponse:
    person = _fellow(request)
    text = documents.logbook_markdown(person, list(queries.entries_of(person)))
    return attachment_response(
        text, content_type="text/markdown; charset=utf-8", name=_export_name(person, "md")
    )


@login_required
def export_pdf(request: HttpRequest) -> HttpResponse:
    person = _fellow(request)
    content = documents.logbook_pdf(person, list(queries.entries_of(person)))
    return attachment_response(
        content, content_type="application/pdf", name=_export_name(person, "pdf")
    )


# --- Coaches ---------------------------------------------------------------------------------


def _coached_cohort(request: HttpRequest, slug: str) -> Cohort:
    if not request.user.is_authenticated:  # pragma: no cover - login_required comes first
        raise PermissionDenied
    cohort = get_object_or_404(Cohort, slug=slug)
    if not permissions.coaches_cohort(request.user, cohort):
        raise PermissionDenied
    return cohort


@login_required
def cohort_overview(request: HttpRequest, slug: str) -> HttpResponse:
    """Per fellow, which months are written (coaches)."""
    cohort = _coached_cohort(request, slug)
    months, fellows = queries.fellows_overview(cohort, timezone.localdate())
    return render(
        request,
        "logbook/cohort_overview.html",
        {"cohort": cohort, "months": months, "fellows": fellows},
    )


@login_required
def fellow_logbook(request: HttpRequest, slug: str, person_slug: str) -> HttpResponse:
    """A fellow's entries, for their cohort's coaches."""
    cohort = _coached_cohort(request, slug)
    person = get_object_or_404(
        Person, slug=person_slug, cohort_roles__cohort=cohort, cohort_roles__role=Role.FELLOW
    )
    entries = list(queries.with_entry_data(Entry.objects.filter(person=person, cohort=cohort)))
    return render(
        request,
        "logbook/fellow_logbook.html",
        {"cohort": cohort, "person": person, "entries": entries},
    )


@login_required
def cohort_trends(request: HttpRequest, slug: str) -> HttpResponse:
    """Aggregates only, over at least MIN_GROUP fellows; never a text."""
    cohort = _coached_cohort(request, slug)
    phases, staying = queries.cohort_trends(cohort)
    return render(
        request,
        "logbook/cohort_trends.html",
        {"cohort": cohort, "phases": phases, "staying": staying, "min_group": queries.MIN_GROUP},
    )
