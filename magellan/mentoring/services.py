"""Every write and business rule of mentoring: offers, needs, rounds, proposals, cycles.

Keyword-only verb functions; a refusal raises `MentoringError` with the French message to show, and
changes nothing. E-mails leave once the transaction commits (`tasks.send_mentoring_email`).
"""

import datetime
from collections.abc import Callable, Iterable
from typing import Any

from django.db import transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from magellan.audit.services import create_with_history, record_changes
from magellan.directory.models import Cohort, Expertise, Person, Role
from magellan.engine import MatchingProblem, Mentor, UnmatchedReason, solve
from magellan.program import services as program_services
from magellan.program.models import Format, Registration, RegistrationStatus, Session

from . import queries, scoring
from .models import (
    AwayPeriod,
    ConstraintKind,
    Cycle,
    CycleFeedback,
    CycleSession,
    CycleStatus,
    Need,
    NeedStatus,
    Note,
    Offer,
    OfferExpertise,
    Preference,
    Proposal,
    ProposalStatus,
    Round,
    RoundConstraint,
    RoundStatus,
    SlotOption,
)

Progress = Callable[[int, int], None]
MENTORING_FORMAT_SLUG = "mentorat"


DESCRIPTION_REQUIRED = gettext_lazy(
    "Décrivez votre besoin : c’est votre expression de besoins, elle guide l’appariement."
)


class MentoringError(Exception):
    """A rule of mentoring refused the action; the message is shown to the user."""


def _notify(
    *, people: Iterable[Person], subject: str, template_name: str, context: dict[str, Any]
) -> None:
    """E-mail people once the transaction commits (the task renders one message per person)."""
    from .tasks import send_mentoring_email

    ids = [p.pk for p in people if p.email]
    if ids:
        transaction.on_commit(
            lambda: send_mentoring_email.enqueue(
                person_ids=ids, subject=subject, template_name=template_name, context=context
            )
        )


# --- Offers ----------------------------------------------------------------------------------


@transaction.atomic
def save_offer(
    *,
    offer: Offer,
    expertises: list[tuple[Expertise, int]],
    away: list[tuple[datetime.date, datetime.date]],
) -> Offer:
    """Save a mentor's offer with its expertises (and levels) and away periods, replacing the old ones."""
    if not expertises:
        raise MentoringError(_("Indiquez au moins une expertise."))
    if not offer.availability:
        raise MentoringError(_("Indiquez au moins une demi-journée de disponibilité."))
    if offer.capacity < 1 or offer.capacity_per_quarter < 1:
        raise MentoringError(
            _(
                "La capacité doit être d’au moins 1 (mettez votre offre en pause pour ne plus en recevoir)."
            )
        )
    offer.save()
    offer.expertises.all().delete()
    OfferExpertise.objects.bulk_create(
        OfferExpertise(offer=offer, expertise=expertise, level=level)
        for expertise, level in expertises
    )
    offer.away_periods.all().delete()
    AwayPeriod.objects.bulk_create(
        AwayPeriod(offer=offer, start_date=start, end_date=end) for start, end in away
    )
    return offer


# --- Needs -----------------------------------------------------------------------------------


def need_refusals(*, need: Need, preferred: list[Person]) -> list[str]:
    """What makes a need impossible to save, in French (empty: it can be saved)."""
    refusals = []
    if not (need.description or "").strip():
        refusals.append(str(DESCRIPTION_REQUIRED))
    if not need.availability:
        refusals.append(_("Indiquez au moins une demi-journée où vous êtes disponible."))
    if len({p.pk for p in preferred}) != len(preferred):
        refusals.append(_("Une même personne ne peut être choisie deux fois en préférence."))
    if len(preferred) > 3:
        refusals.append(_("Trois préférences au plus."))
    offers = {o.person_id: o for o in Offer.objects.filter(person__in=preferred)}
    wanted = set(need.availability or [])
    for person in preferred:
        offer = offers.get(person.pk)
        if offer is not None and wanted and not wanted & set(offer.availability or []):
            refusals.append(
                _(
                    "Vos disponibilités ne croisent jamais celles de %(name)s : ajoutez une "
                    "demi-journée commune ou choisissez une autre personne."
                )
                % {"name": person.name}
            )
    if need.wished_start and need.wished_end and need.wished_end < need.wished_start:
        refusals.append(_("La fin de la période souhaitée doit être après son début."))
    if (
        need.person_id
        and need.main_expertise_id
        and Need.objects.filter(
            person_id=need.person_id,
            main_expertise_id=need.main_expertise_id,
            status=NeedStatus.OPEN,
        )
        .exclude(pk=need.pk)
        .exists()
    ):
        refusals.append(
            _(
                "Il y a déjà un besoin en attente pour cette expertise (%(person)s) : "
                "modifiez-le plutôt que d’en créer un second."
            )
            % {"person": need.person.name}
        )
    if need.wished_end and need.wished_end < timezone.localdate():
        refusals.append(
            _(
                "La période souhaitée est déjà passée : indiquez des dates à venir ou laissez-les vides."
            )
        )
    return refusals


@transaction.atomic
def save_need(
    *,
    need: Need,
    secondary: Iterable[Expertise],
    preferred: list[Person],
    filed_by: Person | None = None,
) -> Need:
    """Save a need with its secondary expertises and up to three ranked preferred mentors."""
    # One open need per person and expertise: two sendings at once wait for each other here.
    Person.objects.select_for_update().filter(pk=need.person_id).first()
    if need.pk is not None:
        current = Need.objects.select_for_update().get(pk=need.pk)
        if current.status != NeedStatus.OPEN:
            raise MentoringError(
                _("Ce besoin a déjà trouvé son parrain ou sa marraine : il ne se modifie plus.")
            )
    refusals = need_refusals(need=need, preferred=preferred)
    if refusals:
        raise MentoringError(" ".join(refusals))
    if need.pk is None and filed_by is not None and filed_by.pk != need.person_id:
        need.filed_by = filed_by
    need.save()
    need.secondary_expertises.set([e for e in secondary if e.pk != need.main_expertise_id])
    need.preferences.all().delete()
    Preference.objects.bulk_create(
        Preference(need=need, mentor=person, rank=rank)
        for rank, person in enumerate(preferred, start=1)
    )
    return need


@transaction.atomic
def withdraw_need(*, need: Need) -> Need:
    """Withdraw an open need; a proposal awaiting an answer is withdrawn with it."""
    current = Need.objects.select_for_update().get(pk=need.pk)
    if current.status != NeedStatus.OPEN:
        raise MentoringError(_("Seul un besoin en attente peut être retiré."))
    current.status = NeedStatus.WITHDRAWN
    current.save(update_fields=["status", "updated_at"])
    withdrawn = current.proposals.filter(status__in=(ProposalStatus.PROPOSED, ProposalStatus.DRAFT))
    pks = list(withdrawn.values_list("pk", flat=True))
    withdrawn.update(status=ProposalStatus.WITHDRAWN, answered_at=timezone.now())
    record_changes(Proposal, pks)
    return current


# --- Matching --------------------------------------------------------------------------------


def _nid(pk: int) -> str:
    return f"n{pk}"


def _mid(pk: int) -> str:
    return f"m{pk}"


UNMATCHED_REASONS = {
    "expertise": _("aucun parrain ni aucune marraine disponible ne propose cette expertise"),
    "affiliation": _(
        "les seules personnes qui ont cette expertise sont de la même administration ou du même défi"
    ),
    "availability": _(
        "personne n’est disponible (aucune demi-journée commune, modalité incompatible ou absence)"
    ),
    "forbidden": _("les coachs ont interdit toutes les personnes possibles"),
    "capacity": _("toutes les personnes possibles sont complètes"),
}


def _reason(refusals: set[str], forbidden: bool) -> str:
    if forbidden:
        return "forbidden"
    if refusals <= {scoring.Refusal.SELF, scoring.Refusal.EXPERTISE}:
        return "expertise"
    if scoring.Refusal.AVAILABILITY in refusals:
        return "availability"
    return "affiliation"


def match(
    *,
    needs: list[Need],
    offers: list[Offer],
    pins: Iterable[tuple[int, int]] = (),
    forbidden: Iterable[tuple[int, int]] = (),
    now: datetime.datetime | None = None,
) -> tuple[list[dict[str, Any]], list[dict[str, Any]]]:
    """The best proposals for needs among offers (exact, through the engine), and the unmatched.

    Returns (proposals: need, mentor, score, terms, pinned; unmatched: need, reason key, reason).
    """
    weights = scoring.weights()
    need_profiles = scoring.need_profiles(needs)
    mentor_profiles = scoring.mentor_profiles(offers, now=now)
    forbidden_set = {(_nid(n), _mid(m)) for n, m in forbidden}
    scores: dict[tuple[str, str], float] = {}
    explained: dict[tuple[str, str], scoring.PairScore] = {}
    refusals: dict[str, set[str]] = {}
    for need in need_profiles:
        refusals[_nid(need.pk)] = set()
        for mentor in mentor_profiles:
            pair = (_nid(need.pk), _mid(mentor.person_id))
            result = scoring.score_pair(need, mentor, weights)
            if result.is_allowed:
                scores[pair] = result.total
                explained[pair] = result
            else:
                refusals[pair[0]].add(result.refusal)
    pin_pairs = tuple((_nid(n), _mid(m)) for n, m in pins)
    for pair in pin_pairs:
        if pair not in scores:
            raise MentoringError(
                _(
                    "Une paire imposée n’est plus possible (expertise, disponibilités ou affiliation) : retirez-la."
                )
            )
    try:
        problem = MatchingProblem(
            needs=tuple(_nid(n.pk) for n in need_profiles),
            mentors=tuple(Mentor(_mid(m.person_id), capacity=m.free) for m in mentor_profiles),
            scores=scores,
            pins=pin_pairs,
            exclusions=frozenset(p for p in forbidden_set if p in scores),
        )
    except ValueError as error:
        raise MentoringError(
            _("Les paires imposées dépassent la capacité d’une personne : %(detail)s")
            % {"detail": error}
        ) from error
    solved = solve(problem, seed=0)
    proposals = [
        {
            "need": int(m.need[1:]),
            "mentor": int(m.mentor[1:]),
            "score": explained[(m.need, m.mentor)].total,
            "terms": scoring.terms_as_json(explained[(m.need, m.mentor)]),
            "pinned": m.pinned,
        }
        for m in solved.assignment
    ]
    unmatched = []
    for item in solved.unmatched:
        allowed = [p for p in scores if p[0] == item.need]
        if item.reason == UnmatchedReason.ALL_AT_CAPACITY and allowed:
            key = "capacity"
        else:
            key = _reason(
                refusals[item.need], bool(allowed) and all(p in forbidden_set for p in allowed)
            )
        unmatched.append(
            {"need": int(item.need[1:]), "key": key, "reason": str(UNMATCHED_REASONS[key])}
        )
    return proposals, unmatched


# --- Rounds ----------------------------------------------------------------------------------


@transaction.atomic
def open_round(*, cohort: Cohort, created_by: Person | None) -> Round:
    """Open a draft round for the cohort's open needs (one draft round per cohort at a time)."""
    Cohort.objects.select_for_update().get(pk=cohort.pk)
    if Round.objects.filter(cohort=cohort, status=RoundStatus.DRAFT).exists():
        raise MentoringError(
            _("Un tour est déjà en préparation pour cette promotion : terminez-le d’abord.")
        )
    needs = list(queries.open_needs(cohort))
    if not needs:
        raise MentoringError(_("Aucun besoin en attente dans cette promotion : rien à apparier."))
    round = Round.objects.create(cohort=cohort, created_by=created_by)
    round.needs.set(needs)
    return round


def run_round(*, round: Round, progress: Progress | None = None) -> Round:
    """Compute the round's proposals again (pins and forbidden pairs kept) and its unmatched needs."""
    report = progress or (lambda done, total: None)
    report(0, 4)
    with transaction.atomic():
        round = Round.objects.select_for_update().get(pk=round.pk)
        if not round.is_draft:
            raise MentoringError(_("Ce tour est confirmé : il ne se recalcule plus."))
        busy = Proposal.objects.filter(
            status__in=(ProposalStatus.PROPOSED, ProposalStatus.ACCEPTED)
        ).values("need")
        needs = list(
            queries.with_need_data(
                round.needs.filter(status=NeedStatus.OPEN).exclude(pk__in=busy)
            ).order_by("created_at", "pk")
        )
        offers = list(queries.active_offers())
        report(1, 4)
        constraints = list(round.constraints.filter(need__in=needs))
        pins = [(c.need_id, c.mentor_id) for c in constraints if c.kind == ConstraintKind.PIN]
        forbidden = [
            (c.need_id, c.mentor_id) for c in constraints if c.kind == ConstraintKind.FORBID
        ]
        report(2, 4)
        proposals, unmatched = match(needs=needs, offers=offers, pins=pins, forbidden=forbidden)
        report(3, 4)
        round.proposals.filter(status=ProposalStatus.DRAFT).delete()
        create_with_history(
            Proposal,
            (
                Proposal(
                    round=round,
                    need_id=p["need"],
                    mentor_id=p["mentor"],
                    score=p["score"],
                    terms=p["terms"],
                    is_pinned=p["pinned"],
                )
                for p in proposals
            ),
        )
        round.unmatched = unmatched
        round.ran_at = timezone.now()
        round.save(update_fields=["unmatched", "ran_at", "updated_at"])
    report(4, 4)
    return round


ROUND_CHANGED = gettext_lazy(
    "Les propositions ont changé depuis l’affichage de cette page (nouveau calcul ou ajustement) : "
    "relisez-les avant de confirmer. Rien n’a été envoyé."
)


def _draft_round(round: Round) -> Round:
    locked = Round.objects.select_for_update().get(pk=round.pk)
    if not locked.is_draft:
        raise MentoringError(_("Ce tour est confirmé : il ne se modifie plus."))
    return locked


def _check_pair(round: Round, need: Need, mentor: Person) -> None:
    if not round.needs.filter(pk=need.pk).exists():
        raise MentoringError(_("Ce besoin n’est pas dans ce tour."))
    if not Offer.objects.filter(person=mentor).exists():
        raise MentoringError(_("Cette personne n’a pas d’offre de mentorat."))


@transaction.atomic
def pin_pair(*, round: Round, need: Need, mentor: Person) -> None:
    """Impose a mentor for a need at the next computation (another pin of that need goes)."""
    round = _draft_round(round)
    _check_pair(round, need, mentor)
    offers = list(queries.active_offers().filter(person=mentor))
    profile_need = scoring.need_profiles(queries.with_need_data(Need.objects.filter(pk=need.pk)))[0]
    if not offers:
        raise MentoringError(_("L’offre de cette personne est en pause."))
    result = scoring.score_pair(profile_need, scoring.mentor_profiles(offers)[0], scoring.weights())
    if not result.is_allowed:
        raise MentoringError(
            _("Cette paire n’est pas possible : %(reason)s.")
            % {"reason": UNMATCHED_REASONS[_reason({result.refusal}, False)]}
        )
    round.constraints.filter(need=need, kind=ConstraintKind.PIN).delete()
    RoundConstraint.objects.update_or_create(
        round=round, need=need, mentor=mentor, defaults={"kind": ConstraintKind.PIN}
    )
    pinned = round.proposals.filter(status=ProposalStatus.DRAFT, need=need, mentor=mentor)
    pks = list(pinned.values_list("pk", flat=True))
    pinned.update(is_pinned=True)
    record_changes(Proposal, pks)
    round.save(update_fields=["updated_at"])  # the round page shown before is out of date


@transaction.atomic
def forbid_pair(*, round: Round, need: Need, mentor: Person) -> None:
    """Never propose this mentor for this need in this round (its draft proposal goes)."""
    round = _draft_round(round)
    _check_pair(round, need, mentor)
    RoundConstraint.objects.update_or_create(
        round=round, need=need, mentor=mentor, defaults={"kind": ConstraintKind.FORBID}
    )
    round.proposals.filter(status=ProposalStatus.DRAFT, need=need, mentor=mentor).delete()
    round.save(update_fields=["updated_at"])  # the round page shown before is out of date


@transaction.atomic
def swap_mentors(*, round: Round, first: Proposal, second: Proposal) -> tuple[Proposal, Proposal]:
    """Exchange the mentors of two draft proposals; both pairs are pinned and re-explained."""
    round = _draft_round(round)
    drafts = {
        p.pk: p
        for p in queries.with_proposal_data(
            round.proposals.select_for_update().filter(
                pk__in=[first.pk, second.pk], status=ProposalStatus.DRAFT
            )
        )
    }
    if len(drafts) != 2 or first.pk == second.pk:
        raise MentoringError(
            _("Choisissez deux propositions différentes de ce tour en préparation.")
        )
    a, b = drafts[first.pk], drafts[second.pk]
    needs = {
        n.pk: n
        for n in scoring.need_profiles(
            queries.with_need_data(Need.objects.filter(pk__in=[a.need_id, b.need_id]))
        )
    }
    mentors = {
        m.person_id: m
        for m in scoring.mentor_profiles(
            queries.with_offer_data(Offer.objects.filter(person_id__in=[a.mentor_id, b.mentor_id]))
        )
    }
    weights = scoring.weights()
    new_a = scoring.score_pair(needs[a.need_id], mentors[b.mentor_id], weights)
    new_b = scoring.score_pair(needs[b.need_id], mentors[a.mentor_id], weights)
    if not (new_a.is_allowed and new_b.is_allowed):
        raise MentoringError(
            _(
                "Cet échange n’est pas possible : l’une des deux nouvelles paires ne l’est pas (expertise, disponibilités ou affiliation)."
            )
        )
    round.constraints.filter(need_id__in=[a.need_id, b.need_id], kind=ConstraintKind.PIN).delete()
    for proposal, mentor_id, score in ((a, b.mentor_id, new_a), (b, a.mentor_id, new_b)):
        proposal.mentor_id = mentor_id
        proposal.score = score.total
        proposal.terms = scoring.terms_as_json(score)
        proposal.is_pinned = True
        proposal.save(update_fields=["mentor", "score", "terms", "is_pinned", "updated_at"])
        RoundConstraint.objects.update_or_create(
            round=round,
            need_id=proposal.need_id,
            mentor_id=mentor_id,
            defaults={"kind": ConstraintKind.PIN},
        )
    round.save(update_fields=["updated_at"])  # the round page shown before is out of date
    return a, b


@transaction.atomic
def confirm_round(
    *, round: Round, notify: bool = True, seen: datetime.datetime | None = None
) -> list[Proposal]:
    """Send the round's proposals: each mentor is e-mailed (unless `notify` is false, for the
    demo data) and answers from their page. `seen` is the round's `updated_at` on the page the
    coach read: if it was re-run or adjusted since (another coach, another tab), nothing is sent."""
    round = _draft_round(round)
    if round.ran_at is None:
        raise MentoringError(_("Calculez d’abord les propositions du tour."))
    if seen is not None and seen != round.updated_at:
        raise MentoringError(ROUND_CHANGED)
    now = timezone.now()
    proposals = list(
        round.proposals.filter(status=ProposalStatus.DRAFT).select_related("mentor", "need__person")
    )
    active = set(
        queries.active_offers()
        .filter(person__in=[p.mentor_id for p in proposals])
        .values_list("person_id", flat=True)
    )
    paused = sorted({p.mentor.name for p in proposals if p.mentor_id not in active})
    if paused:
        raise MentoringError(
            _(
                "Depuis le calcul, ces personnes ont mis leur offre en pause : %(names)s. "
                "Relancez le calcul avant de confirmer. Rien n’a été envoyé."
            )
            % {"names": ", ".join(paused)}
        )
    for proposal in proposals:
        proposal.status = ProposalStatus.PROPOSED
        proposal.proposed_at = now
    Proposal.objects.bulk_update(proposals, ["status", "proposed_at"])
    record_changes(Proposal, [p.pk for p in proposals])
    round.status = RoundStatus.CONFIRMED
    round.confirmed_at = now
    round.save(update_fields=["status", "confirmed_at", "updated_at"])
    if notify:
        for proposal in proposals:
            _tell_mentor(proposal)
    return proposals


def _tell_mentor(proposal: Proposal) -> None:
    _notify(
        people=[proposal.mentor],
        subject=_("Mentorat : une proposition vous attend"),
        template_name="mentoring/emails/proposal.txt",
        context={
            "url": reverse("mentoring:proposal_detail", args=[proposal.pk]),
            "mentee": proposal.need.person.name,
        },
    )


# --- Answers ---------------------------------------------------------------------------------

ALREADY = {
    ProposalStatus.ACCEPTED: _("Vous avez déjà accepté cette proposition : rien n’a changé."),
    ProposalStatus.DECLINED: _("Vous avez déjà décliné cette proposition : rien n’a changé."),
    ProposalStatus.WITHDRAWN: _(
        "Cette proposition a été retirée par les coachs : rien n’a changé."
    ),
    ProposalStatus.DRAFT: _("Cette proposition n’a pas encore été envoyée."),
}


def _locked_proposal(proposal: Proposal, person: Person) -> Proposal:
    locked = (
        Proposal.objects.select_for_update(of=("self",))
        .select_related("need__person", "round", "mentor")
        .get(pk=proposal.pk)
    )
    if locked.mentor_id != person.pk:
        raise MentoringError(_("Cette proposition s’adresse à quelqu’un d’autre."))
    if locked.status != ProposalStatus.PROPOSED:
        raise MentoringError(str(ALREADY[ProposalStatus(locked.status)]))
    return locked


@transaction.atomic
def accept_proposal(*, proposal: Proposal, person: Person, notify: bool = True) -> Cycle:
    """The mentor accepts: a cycle starts (within their capacity) and the mentee(s) are told."""
    # The mentor's row serialises their acceptances: two at once never exceed the capacity.
    Person.objects.select_for_update().get(pk=person.pk)
    offer = Offer.objects.filter(person=person).first()
    locked = _locked_proposal(proposal, person)
    in_progress = Cycle.objects.filter(mentor=person, status=CycleStatus.IN_PROGRESS).count()
    if offer is not None and in_progress >= offer.capacity:
        raise MentoringError(
            _(
                "Vous avez déjà %(count)s cycle(s) en cours, votre capacité : terminez-en un ou "
                "augmentez votre capacité avant d’accepter."
            )
            % {"count": in_progress}
        )
    need = Need.objects.select_for_update().get(pk=locked.need_id)
    if need.status != NeedStatus.OPEN:
        raise MentoringError(_("Ce besoin n’attend plus de parrain ni de marraine."))
    now = timezone.now()
    locked.status = ProposalStatus.ACCEPTED
    locked.answered_at = now
    locked.save(update_fields=["status", "answered_at", "updated_at"])
    need.status = NeedStatus.MATCHED
    need.save(update_fields=["status", "updated_at"])
    cycle = Cycle.objects.create(need=need, proposal=locked, mentor=person)
    mentees = list(Person.objects.filter(pk__in=queries.mentee_ids(need)).order_by("name"))
    cycle.mentees.set(mentees)
    if not notify:
        return cycle
    _notify(
        people=mentees,
        subject=_("Mentorat : %(mentor)s vous accompagne") % {"mentor": person.name},
        template_name="mentoring/emails/accepted.txt",
        context={"url": cycle.get_absolute_url(), "mentor": person.name},
    )
    return cycle


@transaction.atomic
def decline_proposal(*, proposal: Proposal, person: Person) -> Proposal | None:
    """The mentor declines: only that need is matched again (every other proposal unchanged).

    Returns the new proposal, or None when nobody else can take the need (it stays open, and the
    round lists it with the reason).
    """
    locked = _locked_proposal(proposal, person)
    locked.status = ProposalStatus.DECLINED
    locked.answered_at = timezone.now()
    locked.save(update_fields=["status", "answered_at", "updated_at"])
    return rematch_need(need=locked.need, round=locked.round)


def rematch_need(*, need: Need, round: Round) -> Proposal | None:
    """Propose the best other mentor for one need: those who declined or were withdrawn are out."""
    out = set(
        need.proposals.filter(
            status__in=(ProposalStatus.DECLINED, ProposalStatus.WITHDRAWN)
        ).values_list("mentor_id", flat=True)
    )
    forbidden = set(
        round.constraints.filter(need=need, kind=ConstraintKind.FORBID).values_list(
            "mentor_id", flat=True
        )
    )
    offers = [o for o in queries.active_offers() if o.person_id not in out]
    needs = list(queries.with_need_data(Need.objects.filter(pk=need.pk)))
    proposals, unmatched = match(
        needs=needs, offers=offers, forbidden=[(need.pk, m) for m in forbidden]
    )
    Round.objects.select_for_update().filter(pk=round.pk).first()
    round.refresh_from_db(fields=["unmatched"])
    kept = [u for u in round.unmatched if u.get("need") != need.pk]
    if not proposals:
        round.unmatched = kept + unmatched
        round.save(update_fields=["unmatched", "updated_at"])
        return None
    found = proposals[0]
    new = Proposal.objects.create(
        round=round,
        need=need,
        mentor_id=found["mentor"],
        score=found["score"],
        terms=found["terms"],
        status=ProposalStatus.PROPOSED,
        proposed_at=timezone.now(),
    )
    round.unmatched = kept
    round.save(update_fields=["unmatched", "updated_at"])
    new = Proposal.objects.select_related("mentor", "need__person").get(pk=new.pk)
    _tell_mentor(new)
    return new


@transaction.atomic
def withdraw_proposal(*, proposal: Proposal) -> Proposal:
    """A coach withdraws a proposal awaiting an answer (the need stays open)."""
    locked = Proposal.objects.select_for_update().get(pk=proposal.pk)
    if locked.status != ProposalStatus.PROPOSED:
        raise MentoringError(_("Seule une proposition en attente de réponse peut être retirée."))
    locked.status = ProposalStatus.WITHDRAWN
    locked.answered_at = timezone.now()
    locked.save(update_fields=["status", "answered_at", "updated_at"])
    return locked


def tell_coaches_of_overdue(*, now: datetime.datetime | None = None) -> int:
    """E-mail each cohort's coaches, once, about proposals left unanswered; return how many."""
    now = now or timezone.now()
    told = 0
    for proposal in queries.overdue_proposals(now=now).filter(coach_told_at__isnull=True):
        # Conditional update: two runs at once tell the coaches once.
        if not Proposal.objects.filter(pk=proposal.pk, coach_told_at__isnull=True).update(
            coach_told_at=now
        ):
            continue
        record_changes(Proposal, [proposal.pk])
        coaches = Person.objects.filter(
            cohort_roles__cohort=proposal.need.cohort_id, cohort_roles__role=Role.COACH
        ).distinct()
        with transaction.atomic():
            _notify(
                people=list(coaches),
                subject=_("Mentorat : une proposition sans réponse"),
                template_name="mentoring/emails/overdue.txt",
                context={
                    "url": reverse("mentoring:proposal_detail", args=[proposal.pk]),
                    "mentor": proposal.mentor.name,
                    "mentee": proposal.need.person.name,
                    "days": (now - proposal.proposed_at).days if proposal.proposed_at else 0,
                },
            )
        told += 1
    return told


# --- Cycles ----------------------------------------------------------------------------------


def _open_cycle(cycle: Cycle, person: Person) -> Cycle:
    locked = (
        Cycle.objects.select_for_update().select_related("need__cohort", "mentor").get(pk=cycle.pk)
    )
    if locked.status != CycleStatus.IN_PROGRESS:
        raise MentoringError(_("Ce cycle est clos."))
    if person.pk != locked.mentor_id and not locked.mentees.filter(pk=person.pk).exists():
        raise MentoringError(
            _("Seuls le parrain ou la marraine et les mentoré·es agissent sur ce cycle.")
        )
    return locked


def _remaining(cycle: Cycle) -> int:
    scheduled = cycle.cycle_sessions.exclude(session__status="cancelled").count()
    return cycle.session_count - scheduled


def mentoring_format() -> Format:
    format = Format.objects.filter(slug=MENTORING_FORMAT_SLUG).first()
    if format is None:
        raise MentoringError(
            _("Le dispositif « Mentorat » n’existe plus : recréez-le dans les dispositifs.")
        )
    return format


@transaction.atomic
def schedule_session(
    *,
    cycle: Cycle,
    person: Person,
    starts_at: datetime.datetime,
    place: str = "",
    online_url: str = "",
    notify: bool = True,
    allow_past: bool = False,
) -> Session:
    """Hold one of the cycle's sessions at an agreed time, as a program session of the "Mentorat"
    format: the mentor facilitates it, the mentee(s) are registered (so it shows in their sessions,
    feeds and reminders), and both are e-mailed the .ics. `notify` and `allow_past` are for the
    demo data (sessions already held, no e-mail)."""
    cycle = _open_cycle(cycle, person)
    if _remaining(cycle) <= 0:
        raise MentoringError(
            _("Les %(count)s séances du cycle sont déjà planifiées.")
            % {"count": cycle.session_count}
        )
    if starts_at <= timezone.now() and not allow_past:
        raise MentoringError(_("Choisissez une date à venir."))
    mentees = list(cycle.mentees.order_by("name"))
    session = Session(
        cohort=cycle.need.cohort,
        format=mentoring_format(),
        title=_("Mentorat : %(mentor)s et %(mentees)s")
        % {"mentor": cycle.mentor.name, "mentees": ", ".join(m.name for m in mentees)},
        starts_at=starts_at,
        ends_at=starts_at + datetime.timedelta(minutes=cycle.session_minutes),
        place=place,
        online_url=online_url,
        capacity=max(1, len(mentees)),
        is_private=True,
    )
    program_services.create_session(session=session, facilitators=[cycle.mentor])
    for position, mentee in enumerate(mentees, start=1):
        Registration.objects.create(
            session=session, person=mentee, status=RegistrationStatus.REGISTERED, position=position
        )
    CycleSession.objects.create(cycle=cycle, session=session)
    cycle.slot_options.all().delete()
    if not notify:
        return session
    program_services.notify_participants(
        session=session,
        subject=program_services.email_subject(_("Séance de mentorat"), session),
        template_name="mentoring/emails/session_scheduled.txt",
        people=[cycle.mentor, *mentees],
    )
    return session


@transaction.atomic
def propose_slots(
    *, cycle: Cycle, person: Person, starts: list[datetime.datetime]
) -> list[SlotOption]:
    """The mentor proposes times for the next session (the earlier proposals are replaced)."""
    cycle = _open_cycle(cycle, person)
    if person.pk != cycle.mentor_id:
        raise MentoringError(_("Ce sont le parrain ou la marraine qui proposent des créneaux."))
    if _remaining(cycle) <= 0:
        raise MentoringError(_("Toutes les séances du cycle sont déjà planifiées."))
    now = timezone.now()
    starts = sorted({s for s in starts if s})
    if not starts:
        raise MentoringError(_("Proposez au moins un créneau."))
    if any(s <= now for s in starts):
        raise MentoringError(_("Les créneaux doivent être à venir."))
    cycle.slot_options.all().delete()
    return SlotOption.objects.bulk_create(SlotOption(cycle=cycle, starts_at=s) for s in starts)


@transaction.atomic
def pick_slot(
    *, cycle: Cycle, person: Person, slot_id: int, place: str = "", online_url: str = ""
) -> Session:
    """A mentee picks one of the proposed times: the session is held then."""
    locked = _open_cycle(cycle, person)
    if person.pk == locked.mentor_id:
        raise MentoringError(_("C’est à la personne accompagnée de choisir le créneau."))
    slot = locked.slot_options.filter(pk=slot_id).first()
    if slot is None:
        raise MentoringError(_("Ce créneau n’est plus proposé : choisissez-en un autre."))
    return schedule_session(
        cycle=locked, person=person, starts_at=slot.starts_at, place=place, online_url=online_url
    )


@transaction.atomic
def add_note(*, cycle: Cycle, person: Person, body: str) -> Note:
    """Add a note to the cycle's space, shared by the mentor and the mentee(s) only."""
    locked = Cycle.objects.select_for_update().get(pk=cycle.pk)
    if person.pk != locked.mentor_id and not locked.mentees.filter(pk=person.pk).exists():
        raise MentoringError(_("Seuls le parrain ou la marraine et les mentoré·es écrivent ici."))
    if not body.strip():
        raise MentoringError(_("La note est vide."))
    return Note.objects.create(cycle=locked, author=person, body=body.strip())


@transaction.atomic
def give_cycle_feedback(
    *, cycle: Cycle, person: Person, rating: int, comment: str, shared_with_mentor: bool = False
) -> CycleFeedback:
    """One side's feedback at the end of the cycle (once the first session is held)."""
    locked = Cycle.objects.select_for_update().get(pk=cycle.pk)
    is_mentor = person.pk == locked.mentor_id
    if not is_mentor and not locked.mentees.filter(pk=person.pk).exists():
        raise MentoringError(
            _("Seuls le parrain ou la marraine et les mentoré·es donnent leur avis.")
        )
    if not 1 <= rating <= 5:
        raise MentoringError(_("La note va de 1 à 5."))
    if not queries.has_held_session(locked):
        raise MentoringError(_("Vous pourrez donner votre avis une fois la première séance tenue."))
    feedback, _created = CycleFeedback.objects.update_or_create(
        cycle=locked,
        person=person,
        defaults={
            "rating": rating,
            "comment": comment.strip(),
            "shared_with_mentor": shared_with_mentor and not is_mentor,
        },
    )
    return feedback


@transaction.atomic
def close_cycle(*, cycle: Cycle, person: Person | None) -> Cycle:
    """Close the cycle (the pair or a coach); its sessions still to come are cancelled (the
    pair is told, as for any cancelled session), so that none stays in the calendars."""
    locked = Cycle.objects.select_for_update().get(pk=cycle.pk)
    if locked.status != CycleStatus.IN_PROGRESS:
        raise MentoringError(_("Ce cycle est déjà clos."))
    locked.status = CycleStatus.COMPLETED
    locked.closed_at = timezone.now()
    locked.save(update_fields=["status", "closed_at", "updated_at"])
    locked.slot_options.all().delete()
    to_come = queries.sessions_to_come(locked, after=locked.closed_at)
    for session in to_come.select_for_update().order_by("starts_at"):
        program_services.cancel_session(session=session)
    return locked


@transaction.atomic
def request_follow_up(*, cycle: Cycle, person: Person) -> Need:
    """A mentee asks for a follow-up cycle: a new need, preferring the same mentor."""
    locked = (
        Cycle.objects.select_for_update().select_related("need__main_expertise").get(pk=cycle.pk)
    )
    if not locked.mentees.filter(pk=person.pk).exists():
        raise MentoringError(_("Seule la personne accompagnée demande un cycle de suite."))
    if locked.follow_up_requested:
        raise MentoringError(
            _("Un cycle de suite a déjà été demandé : il attend un parrain ou une marraine.")
        )
    previous = locked.need
    need = Need.objects.create(
        cohort=previous.cohort,
        person=previous.person,
        challenge=previous.challenge,
        main_expertise=previous.main_expertise,
        description=_("Suite du cycle avec %(mentor)s.\n\n%(before)s")
        % {"mentor": locked.mentor.name, "before": previous.description},
        mode=previous.mode,
        availability=previous.availability,
        allow_same_affiliation=previous.allow_same_affiliation,
    )
    need.secondary_expertises.set(previous.secondary_expertises.all())
    Preference.objects.create(need=need, mentor=locked.mentor, rank=1)
    locked.follow_up_requested = True
    locked.save(update_fields=["follow_up_requested", "updated_at"])
    return need
