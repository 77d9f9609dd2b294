"""Mentoring pages: offers, needs, rounds, proposals, cycles and the coaches' figures. Thin views."""

import datetime
from collections.abc import Callable
from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from magellan.core.decorators import allowed_by
from magellan.core.security import limits_email_sending
from magellan.core.views import follow_job
from magellan.directory.models import Cohort, Person
from magellan.directory.permissions import is_member
from magellan.directory.queries import person_of
from magellan.exports import writers

from . import permissions, queries, services, tables, tasks
from .forms import (
    CycleFeedbackForm,
    NeedForm,
    NoteForm,
    OfferForm,
    PairForm,
    PickForm,
    ScheduleForm,
    SlotsForm,
    SwapForm,
)
from .models import Cycle, Need, Offer, Proposal, ProposalStatus, Round

coach_required = allowed_by(permissions.can_manage_mentoring)


def _person(request: HttpRequest) -> Person:
    person = person_of(request.user)
    if person is None:
        raise PermissionDenied
    return person


# --- The member's page -----------------------------------------------------------------------


@login_required
def home(request: HttpRequest) -> HttpResponse:
    """My mentoring: my offer and the proposals waiting for me, my needs, my cycles."""
    if not is_member(request.user):
        raise PermissionDenied
    person = person_of(request.user)
    context: dict[str, Any] = {
        "person": person,
        "can_offer": permissions.can_offer(request.user),
        "can_state_need": permissions.can_state_need(request.user),
        "is_coach": permissions.can_manage_mentoring(request.user),
        "offer": None,
        "pending": [],
        "needs": [],
        "mentor_cycles": [],
        "mentee_cycles": [],
        "cohorts": Cohort.objects.order_by("-number")
        if permissions.can_manage_mentoring(request.user)
        else [],
    }
    if person is not None:
        context["offer"] = queries.with_offer_data(Offer.objects.filter(person=person)).first()
        context["pending"] = list(queries.pending_for(person))
        context["needs"] = list(queries.needs_of(person))
        context["mentor_cycles"] = list(
            queries.cycles_with_data(Cycle.objects.filter(mentor=person))
        )
        context["mentee_cycles"] = list(
            queries.cycles_with_data(Cycle.objects.filter(mentees=person))
        )
    return render(request, "mentoring/home.html", context)


@login_required
def offer_list(request: HttpRequest) -> HttpResponse:
    """The mentors' offers, for members choosing their preferences."""
    if not is_member(request.user):
        raise PermissionDenied
    offers = queries.with_offer_data(Offer.objects.filter(is_paused=False)).order_by(
        "person__name", "pk"
    )
    return render(
        request,
        "mentoring/offer_list.html",
        {"offers": offers, "can_state_need": permissions.can_state_need(request.user)},
    )


@login_required
def offer_edit(request: HttpRequest) -> HttpResponse:
    if not permissions.can_offer(request.user):
        raise PermissionDenied
    person = _person(request)
    offer = Offer.objects.filter(person=person).first() or Offer(person=person)
    form = OfferForm(request.POST or None, instance=offer)
    if request.method == "POST" and form.is_valid():
        try:
            services.save_offer(
                offer=form.instance,
                expertises=form.cleaned_data["expertise_levels"],
                away=form.cleaned_data["away"],
            )
        except services.MentoringError as error:
            form.add_error(None, str(error))
        else:
            messages.success(request, _("Votre offre de mentorat est enregistrée."))
            return redirect("mentoring:home")
    return render(request, "mentoring/offer_form.html", {"form": form, "offer": offer})


# --- Needs -----------------------------------------------------------------------------------


def _need_form_page(
    request: HttpRequest, *, need: Need, cohort: Cohort, coach: bool, person: Person | None
) -> HttpResponse:
    form = NeedForm(
        request.POST or None,
        instance=need,
        person=need.person if need.person_id else person,
        cohort=cohort,
        coach=coach,
    )
    if request.method == "POST" and form.is_valid():
        try:
            services.save_need(
                need=form.instance,
                secondary=form.cleaned_data.get("secondary_expertises") or [],
                preferred=form.preferred(),
                filed_by=person_of(request.user),
            )
        except services.MentoringError as error:
            form.add_error(None, str(error))
        else:
            messages.success(
                request, _("Le besoin est enregistré ; les coachs le prendront au prochain tour.")
            )
            return redirect(form.instance.get_absolute_url())
    return render(
        request,
        "mentoring/need_form.html",
        {"form": form, "need": need, "cohort": cohort, "coach": coach},
    )


@login_required
def need_create(request: HttpRequest) -> HttpResponse:
    if not permissions.can_state_need(request.user):
        raise PermissionDenied
    person = _person(request)
    cohort = queries.fellow_cohort(person)
    if cohort is None:
        raise PermissionDenied
    return _need_form_page(
        request, need=Need(person=person, cohort=cohort), cohort=cohort, coach=False, person=person
    )


@coach_required
def need_file(request: HttpRequest, slug: str) -> HttpResponse:
    """A coach files a need on someone's behalf."""
    cohort = get_object_or_404(Cohort, slug=slug)
    return _need_form_page(
        request, need=Need(cohort=cohort), cohort=cohort, coach=True, person=person_of(request.user)
    )


def _visible_need(request: HttpRequest, pk: int) -> Need:
    need = get_object_or_404(queries.with_need_data(Need.objects.all()), pk=pk)
    if not permissions.can_view_need(request.user, need):
        raise Http404
    return need


@login_required
def need_detail(request: HttpRequest, pk: int) -> HttpResponse:
    need = _visible_need(request, pk)
    is_coach = permissions.can_manage_mentoring(request.user)
    context = {
        "need": need,
        "is_coach": is_coach,
        "can_edit": permissions.can_edit_need(request.user, need),
        "proposals": list(
            queries.with_proposal_data(
                need.proposals.exclude(status=ProposalStatus.DRAFT)
            ).order_by("-created_at")
        )
        if is_coach
        else [],
        "cycles": list(queries.cycles_with_data(need.cycles.all())),
    }
    return render(request, "mentoring/need_detail.html", context)


@login_required
def need_edit(request: HttpRequest, pk: int) -> HttpResponse:
    need = _visible_need(request, pk)
    if not permissions.can_edit_need(request.user, need):
        raise PermissionDenied
    coach = permissions.can_manage_mentoring(request.user)
    return _need_form_page(request, need=need, cohort=need.cohort, coach=coach, person=need.person)


@login_required
@require_POST
def need_withdraw(request: HttpRequest, pk: int) -> HttpResponse:
    need = _visible_need(request, pk)
    if not permissions.can_edit_need(request.user, need):
        raise PermissionDenied
    try:
        services.withdraw_need(need=need)
    except services.MentoringError as error:
        messages.error(request, str(error))
    else:
        messages.success(request, _("Besoin retiré."))
    return redirect(need.get_absolute_url())


# --- The coaches' pages ----------------------------------------------------------------------


@coach_required
def cohort(request: HttpRequest, slug: str) -> HttpResponse:
    cohort = get_object_or_404(Cohort, slug=slug)
    cycles = list(
        queries.cycles_with_data(Cycle.objects.filter(need__cohort=cohort)).order_by(
            "-created_at", "-pk"
        )
    )
    ratings = queries.cycle_ratings(cohort)
    for cycle in cycles:
        cycle.ratings = {"mentee": None, "mentor": None, **ratings.get(cycle.pk, {})}  # type: ignore[attr-defined]
    context = {
        "cohort": cohort,
        "summary": queries.cohort_summary(cohort),
        "needs": list(queries.cohort_needs(cohort)),
        "cycles": cycles,
        "rounds": list(Round.objects.filter(cohort=cohort).order_by("-created_at", "-pk")),
        "overdue": list(queries.overdue_proposals().filter(need__cohort=cohort)),
        "load": queries.mentors_load(),
    }
    return render(request, "mentoring/cohort.html", context)


@coach_required
def cohort_export(request: HttpRequest, slug: str) -> HttpResponse:
    cohort = get_object_or_404(Cohort, slug=slug)
    content = writers.to_csv(tables.headers(), tables.rows(cohort))
    response = HttpResponse(content, content_type="text/csv; charset=utf-8")
    stamp = timezone.localdate().isoformat()
    response["Content-Disposition"] = f'attachment; filename="mentorat-{cohort.slug}-{stamp}.csv"'
    return response


@coach_required
@require_POST
def round_open(request: HttpRequest, slug: str) -> HttpResponse:
    cohort = get_object_or_404(Cohort, slug=slug)
    try:
        round = services.open_round(cohort=cohort, created_by=person_of(request.user))
    except services.MentoringError as error:
        messages.error(request, str(error))
        return redirect("mentoring:cohort", slug=cohort.slug)
    return _run(request, round)


def _run(request: HttpRequest, round: Round) -> HttpResponse:
    job = tasks.start_running_round(round=round, user=request.user)
    return follow_job(request, job, result_url=round.get_absolute_url())


def _round(pk: int) -> Round:
    return get_object_or_404(Round.objects.select_related("cohort"), pk=pk)


@coach_required
def round_detail(request: HttpRequest, pk: int) -> HttpResponse:
    round = _round(pk)
    proposals = list(queries.round_proposals(round))
    needs = {n.pk: n for n in queries.with_need_data(round.needs.all())}
    context = {
        "round": round,
        "proposals": proposals,
        "unmatched": [
            {"need": needs.get(u["need"]), "reason": u["reason"]} for u in round.unmatched
        ],
        "constraints": list(
            round.constraints.select_related("need__person", "mentor").order_by(
                "kind", "need__person__name"
            )
        ),
        "pair_form": PairForm(round=round),
        "swap_form": SwapForm(round=round),
        "weights": queries.weight_rows(),
    }
    return render(request, "mentoring/round_detail.html", context)


@coach_required
@require_POST
def round_run(request: HttpRequest, pk: int) -> HttpResponse:
    round = _round(pk)
    if not round.is_draft:
        messages.error(request, _("Ce tour est confirmé : il ne se recalcule plus."))
        return redirect(round.get_absolute_url())
    return _run(request, round)


def _pair_action(
    request: HttpRequest, pk: int, action: Callable[..., Any], done: str
) -> HttpResponse:
    round = _round(pk)
    form = PairForm(request.POST, round=round)
    if not form.is_valid():
        messages.error(
            request, _("Choisissez un besoin de ce tour et une personne qui a une offre.")
        )
        return redirect(round.get_absolute_url())
    try:
        action(round=round, need=form.cleaned_data["need"], mentor=form.cleaned_data["mentor"])
    except services.MentoringError as error:
        messages.error(request, str(error))
    else:
        messages.success(request, done)
    return redirect(round.get_absolute_url())


@coach_required
@require_POST
def round_pin(request: HttpRequest, pk: int) -> HttpResponse:
    return _pair_action(
        request,
        pk,
        services.pin_pair,
        _("Paire imposée : elle sera gardée à chaque nouveau calcul."),
    )


@coach_required
@require_POST
def round_forbid(request: HttpRequest, pk: int) -> HttpResponse:
    return _pair_action(
        request,
        pk,
        services.forbid_pair,
        _("Paire interdite : relancez le calcul pour proposer quelqu’un d’autre."),
    )


@coach_required
@require_POST
def round_swap(request: HttpRequest, pk: int) -> HttpResponse:
    round = _round(pk)
    form = SwapForm(request.POST, round=round)
    if not form.is_valid():
        messages.error(request, _("Choisissez deux propositions de ce tour en préparation."))
        return redirect(round.get_absolute_url())
    try:
        services.swap_mentors(
            round=round, first=form.cleaned_data["first"], second=form.cleaned_data["second"]
        )
    except services.MentoringError as error:
        messages.error(request, str(error))
    else:
        messages.success(
            request, _("Parrains et marraines échangés ; les deux paires sont imposées.")
        )
    return redirect(round.get_absolute_url())


@coach_required
@require_POST
@limits_email_sending
def round_confirm(request: HttpRequest, pk: int) -> HttpResponse:
    round = _round(pk)
    try:
        seen = datetime.datetime.fromisoformat(request.POST.get("version", ""))
    except ValueError:
        messages.error(request, str(services.ROUND_CHANGED))
        return redirect(round.get_absolute_url())
    try:
        sent = services.confirm_round(round=round, seen=seen)
    except services.MentoringError as error:
        messages.error(request, str(error))
    else:
        messages.success(
            request,
            _("%(count)s proposition(s) envoyée(s) : chaque personne reçoit un e-mail.")
            % {"count": len(sent)},
        )
    return redirect(round.get_absolute_url())


# --- Proposals -------------------------------------------------------------------------------


def _visible_proposal(request: HttpRequest, pk: int) -> Proposal:
    proposal = get_object_or_404(queries.with_proposal_data(Proposal.objects.all()), pk=pk)
    if not permissions.can_view_proposal(request.user, proposal):
        raise Http404
    return proposal


@login_required
def proposal_detail(request: HttpRequest, pk: int) -> HttpResponse:
    proposal = _visible_proposal(request, pk)
    need = queries.with_need_data(Need.objects.filter(pk=proposal.need_id)).get()
    context = {
        "proposal": proposal,
        "need": need,
        "can_answer": permissions.can_answer_proposal(request.user, proposal)
        and proposal.status == ProposalStatus.PROPOSED,
        "is_coach": permissions.can_manage_mentoring(request.user),
        "cycle": Cycle.objects.filter(proposal=proposal).first(),
    }
    return render(request, "mentoring/proposal_detail.html", context)


def _answer(request: HttpRequest, pk: int, *, accept: bool) -> HttpResponse:
    proposal = _visible_proposal(request, pk)
    if not permissions.can_answer_proposal(request.user, proposal):
        raise PermissionDenied
    person = _person(request)
    try:
        if accept:
            cycle = services.accept_proposal(proposal=proposal, person=person)
        else:
            services.decline_proposal(proposal=proposal, person=person)
    except services.MentoringError as error:
        messages.error(request, str(error))
        return redirect(proposal.get_absolute_url())
    if accept:
        messages.success(request, _("Merci ! Le cycle commence : planifiez la première séance."))
        return redirect(cycle.get_absolute_url())
    messages.success(request, _("C’est noté : le besoin sera proposé à quelqu’un d’autre."))
    return redirect("mentoring:home")


@login_required
@require_POST
@limits_email_sending
def proposal_accept(request: HttpRequest, pk: int) -> HttpResponse:
    return _answer(request, pk, accept=True)


@login_required
@require_POST
@limits_email_sending
def proposal_decline(request: HttpRequest, pk: int) -> HttpResponse:
    return _answer(request, pk, accept=False)


@coach_required
@require_POST
def proposal_withdraw(request: HttpRequest, pk: int) -> HttpResponse:
    proposal = get_object_or_404(Proposal, pk=pk)
    try:
        services.withdraw_proposal(proposal=proposal)
    except services.MentoringError as error:
        messages.error(request, str(error))
    else:
        messages.success(request, _("Proposition retirée ; le besoin reste en attente."))
    return redirect(proposal.get_absolute_url())


# --- Cycles ----------------------------------------------------------------------------------


def _visible_cycle(request: HttpRequest, pk: int) -> Cycle:
    cycle = get_object_or_404(queries.cycles_with_data(Cycle.objects.all()), pk=pk)
    if not permissions.can_view_cycle(request.user, cycle):
        raise Http404
    return cycle


@login_required
def cycle_detail(request: HttpRequest, pk: int) -> HttpResponse:
    return _cycle_page(request, _visible_cycle(request, pk))


def _cycle_page(request: HttpRequest, cycle: Cycle, **bound: Any) -> HttpResponse:
    """The cycle page; `bound` holds a form sent with errors, shown again with what was typed."""
    person = person_of(request.user)
    in_pair = permissions.is_in_pair(request.user, cycle)
    is_mentor = person is not None and person.pk == cycle.mentor_id
    feedbacks: list[dict[str, Any]] = [
        {
            "feedback": f,
            "show_comment": permissions.can_view_feedback_comment(request.user, cycle, f),
        }
        for f in cycle.feedbacks.select_related("person").order_by("pk")
    ]
    context = {
        "cycle": cycle,
        "need": queries.with_need_data(Need.objects.filter(pk=cycle.need_id)).get(),
        "in_pair": in_pair,
        "is_mentor": is_mentor,
        "is_coach": permissions.can_manage_mentoring(request.user),
        "notes": list(cycle.notes.select_related("author"))
        if permissions.can_view_notes(request.user, cycle)
        else None,
        "slots": list(cycle.slot_options.all()),
        "feedbacks": feedbacks,
        "remaining": cycle.session_count
        - len([s for s in cycle.cycle_sessions.all() if not s.session.is_cancelled]),
        "schedule_form": ScheduleForm(),
        "slots_form": SlotsForm(),
        "pick_form": PickForm(),
        "note_form": NoteForm(),
        **bound,
        "my_feedback": next(
            (f["feedback"] for f in feedbacks if person and f["feedback"].person_id == person.pk),
            None,
        ),
    }
    return render(request, "mentoring/cycle_detail.html", context)


def _pair_only(request: HttpRequest, pk: int) -> tuple[Cycle, Person]:
    cycle = _visible_cycle(request, pk)
    if not permissions.is_in_pair(request.user, cycle):
        raise PermissionDenied
    return cycle, _person(request)


def _cycle_action(
    request: HttpRequest, cycle: Cycle, run: Callable[[], Any], done: str, anchor: str = ""
) -> HttpResponse:
    try:
        run()
    except services.MentoringError as error:
        messages.error(request, str(error))
    else:
        messages.success(request, done)
    return redirect(cycle.get_absolute_url() + anchor)


def _form_error(request: HttpRequest, cycle: Cycle, name: str, form: Any) -> HttpResponse:
    """A cycle form sent with errors: the page again, the form keeping what was typed."""
    errors = "; ".join(str(e) for field in form.errors.values() for e in field)
    messages.error(request, _("Rien n’a été enregistré : %(errors)s") % {"errors": errors})
    return _cycle_page(request, cycle, **{name: form})


PairAction = Callable[[Cycle, Person, Any], Any]


def _pair_form(
    request: HttpRequest,
    pk: int,
    form_class: Any,
    name: str,
    run: PairAction,
    done: str,
    anchor: str,
) -> HttpResponse:
    """A form of the pair on the cycle page: checked, then `run(cycle, person, form)` through the
    service; errors keep what was typed on the page (`name` is the form's name there)."""
    cycle, person = _pair_only(request, pk)
    form = form_class(request.POST)
    if not form.is_valid():
        return _form_error(request, cycle, name, form)
    return _cycle_action(request, cycle, lambda: run(cycle, person, form), done, anchor)


@login_required
@require_POST
@limits_email_sending
def cycle_schedule(request: HttpRequest, pk: int) -> HttpResponse:
    return _pair_form(
        request,
        pk,
        ScheduleForm,
        "schedule_form",
        lambda cycle, person, form: services.schedule_session(
            cycle=cycle,
            person=person,
            starts_at=form.cleaned_data["starts_at"],
            place=form.cleaned_data["place"],
            online_url=form.cleaned_data["online_url"],
        ),
        _("Séance planifiée : elle apparaît dans « Mes séances » et les agendas."),
        "#seances",
    )


@login_required
@require_POST
def cycle_slots(request: HttpRequest, pk: int) -> HttpResponse:
    return _pair_form(
        request,
        pk,
        SlotsForm,
        "slots_form",
        lambda cycle, person, form: services.propose_slots(
            cycle=cycle, person=person, starts=form.starts()
        ),
        _("Créneaux proposés : la personne accompagnée en choisira un."),
        "#seances",
    )


@login_required
@require_POST
def cycle_pick(request: HttpRequest, pk: int) -> HttpResponse:
    return _pair_form(
        request,
        pk,
        PickForm,
        "pick_form",
        lambda cycle, person, form: services.pick_slot(
            cycle=cycle,
            person=person,
            slot_id=form.cleaned_data["slot"],
            place=form.cleaned_data["place"],
            online_url=form.cleaned_data["online_url"],
        ),
        _("Créneau choisi : la séance est planifiée."),
        "#seances",
    )


@login_required
@require_POST
def cycle_note(request: HttpRequest, pk: int) -> HttpResponse:
    return _pair_form(
        request,
        pk,
        NoteForm,
        "note_form",
        lambda cycle, person, form: services.add_note(
            cycle=cycle, person=person, body=form.cleaned_data["body"]
        ),
        _("Note ajoutée."),
        "#notes",
    )


@login_required
def cycle_feedback(request: HttpRequest, pk: int) -> HttpResponse:
    cycle, person = _pair_only(request, pk)
    is_mentor = person.pk == cycle.mentor_id
    current = cycle.feedbacks.filter(person=person).first()
    initial = (
        {
            "rating": current.rating,
            "comment": current.comment,
            "shared_with_mentor": current.shared_with_mentor,
        }
        if current
        else None
    )
    form = CycleFeedbackForm(request.POST or None, initial=initial, is_mentor=is_mentor)
    if request.method == "POST" and form.is_valid():
        try:
            services.give_cycle_feedback(
                cycle=cycle,
                person=person,
                rating=form.cleaned_data["rating"],
                comment=form.cleaned_data["comment"],
                shared_with_mentor=form.cleaned_data.get("shared_with_mentor", False),
            )
        except services.MentoringError as error:
            form.add_error(None, str(error))
        else:
            messages.success(request, _("Merci pour votre retour."))
            return redirect(cycle.get_absolute_url())
    return render(
        request,
        "mentoring/cycle_feedback.html",
        {"cycle": cycle, "form": form, "is_mentor": is_mentor},
    )


@login_required
def cycle_close(request: HttpRequest, pk: int) -> HttpResponse:
    """GET: what closing will do (the sessions still to come are cancelled), to confirm; POST: close."""
    cycle = _visible_cycle(request, pk)
    if not (
        permissions.is_in_pair(request.user, cycle)
        or permissions.can_manage_mentoring(request.user)
    ):
        raise PermissionDenied
    if request.method != "POST":
        if not cycle.is_open:
            messages.info(request, _("Ce cycle est déjà clos."))
            return redirect(cycle.get_absolute_url())
        to_come = queries.sessions_to_come(cycle, after=timezone.now()).order_by("starts_at")
        return render(
            request, "mentoring/cycle_close.html", {"cycle": cycle, "to_come": list(to_come)}
        )
    return _cycle_action(
        request,
        cycle,
        lambda: services.close_cycle(cycle=cycle, person=person_of(request.user)),
        _("Cycle clos ; ses séances encore à venir sont annulées. Pensez à donner votre avis."),
    )


@login_required
@require_POST
def cycle_follow_up(request: HttpRequest, pk: int) -> HttpResponse:
    cycle, person = _pair_only(request, pk)
    return _cycle_action(
        request,
        cycle,
        lambda: services.request_follow_up(cycle=cycle, person=person),
        _("Cycle de suite demandé : les coachs le prendront au prochain tour."),
    )
