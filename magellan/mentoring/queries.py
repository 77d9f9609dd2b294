"""Reusable reads for mentoring, with what each list needs loaded in a fixed number of queries."""

import datetime
from typing import Any

from django.conf import settings
from django.db.models import Avg, Count, F, Prefetch, Q, QuerySet
from django.utils import timezone

from magellan.directory.models import ChallengeMembership, Cohort, Person, Role
from magellan.program.models import Session, SessionStatus

from .models import (
    Cycle,
    CycleSession,
    CycleStatus,
    Need,
    NeedStatus,
    Offer,
    Proposal,
    ProposalStatus,
    Round,
)


def mentee_ids(need: Need) -> set[int]:
    """Who a need is for: its person and, for a collective need, the challenge team's fellows."""
    ids = {need.person_id}
    if need.challenge_id:
        ids |= set(
            ChallengeMembership.objects.filter(
                challenge_id=need.challenge_id, role=Role.FELLOW
            ).values_list("person_id", flat=True)
        )
    return ids


def with_need_data(needs: QuerySet[Need]) -> QuerySet[Need]:
    return needs.select_related(
        "person", "cohort", "main_expertise", "challenge", "filed_by"
    ).prefetch_related("secondary_expertises", Prefetch("preferences", queryset=_preferences()))


def _preferences() -> Any:
    from .models import Preference

    return Preference.objects.select_related("mentor").order_by("rank")


def with_offer_data(offers: QuerySet[Offer]) -> QuerySet[Offer]:
    return offers.select_related("person", "administration").prefetch_related(
        "expertises__expertise", "away_periods"
    )


def active_offers() -> QuerySet[Offer]:
    """Offers open to proposals (not paused), with what scoring reads."""
    return with_offer_data(Offer.objects.filter(is_paused=False)).order_by("person__name", "pk")


def mentor_choices() -> QuerySet[Person]:
    """People with an active offer, by name: the mentors a need may prefer."""
    return Person.objects.filter(mentoring_offer__is_paused=False).order_by("name", "pk")


def open_needs(cohort: Cohort) -> QuerySet[Need]:
    """A cohort's needs waiting for a mentor with no proposal sent or accepted."""
    busy = Proposal.objects.filter(
        status__in=(ProposalStatus.PROPOSED, ProposalStatus.ACCEPTED)
    ).values("need")
    return with_need_data(
        Need.objects.filter(cohort=cohort, status=NeedStatus.OPEN).exclude(pk__in=busy)
    ).order_by("created_at", "pk")


def with_proposal_data(proposals: QuerySet[Proposal]) -> QuerySet[Proposal]:
    return proposals.select_related(
        "mentor", "need__person", "need__main_expertise", "need__cohort", "round"
    )


def round_proposals(round: Round) -> QuerySet[Proposal]:
    """A round's proposals (draft ones while it is reviewed), by the need's person."""
    return with_proposal_data(round.proposals.all()).order_by("need__person__name", "pk")


def held(prefix: str = "") -> Q:
    """A session held (not cancelled, ended): `prefix` leads from the queried model to it."""
    return Q(
        **{
            f"{prefix}status": SessionStatus.SCHEDULED,
            f"{prefix}ends_at__lt": timezone.now(),
        }
    )


def has_held_session(cycle: Cycle) -> bool:
    return CycleSession.objects.filter(held("session__"), cycle=cycle).exists()


def cycles_with_data(cycles: QuerySet[Cycle]) -> QuerySet[Cycle]:
    return (
        cycles.select_related("mentor", "need__main_expertise", "need__cohort")
        .prefetch_related(
            Prefetch("mentees", queryset=Person.objects.order_by("name")),
            Prefetch(
                "cycle_sessions",
                queryset=CycleSession.objects.select_related("session").order_by(
                    "session__starts_at"
                ),
            ),
        )
        .annotate(
            held_count=Count(
                "cycle_sessions",
                filter=held("cycle_sessions__session__"),
                distinct=True,
            )
        )
    )


def overdue_proposals(*, now: datetime.datetime | None = None) -> QuerySet[Proposal]:
    """Proposals sent more than MAGELLAN_MENTORING_ANSWER_DAYS ago and still unanswered."""
    cutoff = (now or timezone.now()) - datetime.timedelta(
        days=settings.MAGELLAN_MENTORING_ANSWER_DAYS
    )
    return with_proposal_data(
        Proposal.objects.filter(status=ProposalStatus.PROPOSED, proposed_at__lt=cutoff)
    ).order_by("proposed_at", "pk")


def unmatched_needs(*, cohorts: Any = None) -> QuerySet[Need]:
    """Open needs that a confirmed round left without a proposal (and none since)."""
    needs = open_needs_all().filter(rounds__status="confirmed").distinct()
    if cohorts is not None:
        needs = needs.filter(cohort__in=cohorts)
    return needs


def open_needs_all() -> QuerySet[Need]:
    busy = Proposal.objects.filter(
        status__in=(ProposalStatus.PROPOSED, ProposalStatus.ACCEPTED)
    ).values("need")
    return with_need_data(
        Need.objects.filter(status=NeedStatus.OPEN).exclude(pk__in=busy)
    ).order_by("created_at", "pk")


def cohort_summary(cohort: Cohort) -> dict[str, Any]:
    """The coaches' mentoring figures of a cohort (aggregates only)."""
    from .models import CycleFeedback

    needs = Need.objects.filter(cohort=cohort).exclude(status=NeedStatus.WITHDRAWN)
    waiting = open_needs(cohort)
    unmatched = unmatched_needs(cohorts=[cohort])
    cycles = Cycle.objects.filter(need__cohort=cohort)
    sessions = CycleSession.objects.filter(cycle__need__cohort=cohort).exclude(
        session__status=SessionStatus.CANCELLED
    )
    now = timezone.now()
    feedback = CycleFeedback.objects.filter(cycle__need__cohort=cohort)
    mentor_side = feedback.filter(person_id=F("cycle__mentor_id"))
    return {
        "needs_total": needs.count(),
        "needs_open": waiting.count(),
        "needs_proposed": needs.filter(
            status=NeedStatus.OPEN, proposals__status=ProposalStatus.PROPOSED
        )
        .distinct()
        .count(),
        "needs_matched": needs.filter(status=NeedStatus.MATCHED).count(),
        "needs_unmatched": unmatched.count(),
        "cycles_in_progress": cycles.filter(status=CycleStatus.IN_PROGRESS).count(),
        "cycles_completed": cycles.filter(status=CycleStatus.COMPLETED).count(),
        "sessions_planned": sessions.count(),
        "sessions_held": sessions.filter(session__ends_at__lt=now).count(),
        "mentee_rating": _mean(feedback.exclude(pk__in=mentor_side.values("pk"))),
        "mentor_rating": _mean(mentor_side),
    }


def _mean(feedback: Any) -> float | None:
    mean = feedback.aggregate(mean=Avg("rating"))["mean"]
    return round(mean, 1) if mean is not None else None


def mentors_load() -> list[dict[str, Any]]:
    """Each offer's mentor with their capacity, cycles in progress and proposals awaiting answer,
    all cohorts together (a mentor's capacity is theirs, whatever the cohort)."""
    cycle_filter = Q(mentored_cycles__status=CycleStatus.IN_PROGRESS)
    proposal_filter = Q(mentoring_proposals__status=ProposalStatus.PROPOSED)
    people = (
        Person.objects.filter(mentoring_offer__isnull=False)
        .select_related("mentoring_offer")
        .annotate(
            in_progress=Count("mentored_cycles", filter=cycle_filter, distinct=True),
            pending=Count("mentoring_proposals", filter=proposal_filter, distinct=True),
        )
        .order_by("name", "pk")
    )
    return [
        {
            "person": person,
            "offer": person.mentoring_offer,
            "in_progress": person.in_progress,
            "pending": person.pending,
        }
        for person in people
    ]


def pending_for(person: Person) -> QuerySet[Proposal]:
    """The proposals a mentor has to answer, oldest first."""
    return with_proposal_data(
        Proposal.objects.filter(mentor=person, status=ProposalStatus.PROPOSED)
    ).order_by("proposed_at", "pk")


def needs_of(person: Person) -> QuerySet[Need]:
    """A person's own needs (not withdrawn), newest first, with their latest proposal's state."""
    return with_need_data(
        Need.objects.filter(person=person).exclude(status=NeedStatus.WITHDRAWN)
    ).order_by("-created_at", "-pk")


def fellow_cohort(person: Person) -> Cohort | None:
    """The cohort a fellow states needs in: their current one, else their latest."""
    cohorts = Cohort.objects.filter(roles__person=person, roles__role=Role.FELLOW).distinct()
    return cohorts.current().order_by("-number").first() or cohorts.order_by("-number").first()


def cohort_needs(cohort: Cohort) -> QuerySet[Need]:
    """A cohort's needs for coaches, with their proposals (sent ones) and cycles."""
    return (
        with_need_data(Need.objects.filter(cohort=cohort))
        .prefetch_related(
            Prefetch(
                "proposals",
                queryset=Proposal.objects.exclude(status=ProposalStatus.DRAFT)
                .select_related("mentor")
                .order_by("-created_at", "-pk"),
                to_attr="sent_proposals",
            )
        )
        .order_by("status", "-created_at", "-pk")
    )


def cycle_ratings(cohort: Cohort) -> dict[int, dict[str, int]]:
    """Per cycle of the cohort: the mentor's and the mentees' ratings (for coaches)."""
    from .models import CycleFeedback

    ratings: dict[int, dict[str, int]] = {}
    for cycle_id, person_id, mentor_id, rating in CycleFeedback.objects.filter(
        cycle__need__cohort=cohort
    ).values_list("cycle_id", "person_id", "cycle__mentor_id", "rating"):
        side = "mentor" if person_id == mentor_id else "mentee"
        ratings.setdefault(cycle_id, {})[side] = rating
    return ratings


WEIGHT_LABELS = {
    "main_expertise": "expertise principale (expert·e ; confirmé·e ×2/3, pratique ×1/3)",
    "secondary_expertise": "chaque expertise secondaire (même échelle)",
    "preference": "préférence n° 1 (n° 2 ×2/3, n° 3 ×1/3)",
    "availability": "3 demi-journées communes ou plus (moins : au prorata)",
    "mode": "modalité compatible",
    "load": "par mentoré·e déjà en cours ou en attente",
    "novelty": "déjà un cycle ensemble",
}


def weight_rows() -> list[tuple[str, Any]]:
    """The scoring weights as the matching page shows them (label, points)."""
    from django.utils.translation import gettext as _

    weights = settings.MAGELLAN_MENTORING_WEIGHTS
    return [(_(label), weights[key]) for key, label in WEIGHT_LABELS.items() if key in weights]


def sessions_to_come(cycle: Any, *, after: datetime.datetime) -> QuerySet[Session]:
    """The cycle's scheduled (not cancelled) sessions starting after `after`: what closing the
    cycle cancels, and what its confirmation page lists."""
    return Session.objects.scheduled().filter(mentoring__cycle=cycle, starts_at__gt=after)
