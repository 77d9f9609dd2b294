"""The score of a mentor for a need, term by term: the one rule behind every proposal.

`score_pair` reads plain profiles (`NeedProfile`, `MentorProfile`, built once per round by
`profiles`) and returns either a refusal (the pair is not allowed, and why) or the terms that make
the score, each with its points; the proposal keeps the terms so that its page explains it.
The weights are `settings.MAGELLAN_MENTORING_WEIGHTS`, read at each call.
"""

import datetime
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

from django.conf import settings
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from magellan.directory.models import ChallengeMembership, Role

from .models import (
    HALF_DAYS,
    CycleStatus,
    Level,
    Mode,
    Need,
    Offer,
    ProposalStatus,
)

LEVEL_SHARE = {int(Level.PRACTICE): 1 / 3, int(Level.CONFIRMED): 2 / 3, int(Level.EXPERT): 1.0}
RANK_SHARE = {1: 1.0, 2: 2 / 3, 3: 1 / 3}
FULL_OVERLAP = 3  # common half-days that earn the whole availability weight
LEVEL_LABELS = dict(Level.choices)
HALF_DAY_LABELS = dict(HALF_DAYS)


class Refusal:
    """Why a pair is not allowed (the first reason found), as keys the unmatched reasons group by."""

    SELF = "self"
    EXPERTISE = "expertise"
    AFFILIATION = "affiliation"
    AVAILABILITY = "availability"


@dataclass(frozen=True)
class Term:
    """One term of a score: its kind (main, secondary, preference, availability, mode, load,
    novelty), its points, and what its explanation names (`term_label` writes it)."""

    kind: str
    points: float
    args: tuple[Any, ...] = ()

    @property
    def label(self) -> str:
        return term_label(self)


@dataclass(frozen=True)
class PairScore:
    """A refusal (the pair is never proposed), or the terms of the score and their total."""

    refusal: str = ""
    terms: tuple[Term, ...] = ()
    total: float = 0.0

    @property
    def is_allowed(self) -> bool:
        return not self.refusal


@dataclass
class NeedProfile:
    pk: int
    person_id: int
    mentee_ids: frozenset[int]
    main_expertise: tuple[int, str]
    secondary: dict[int, str]
    preferences: dict[int, int]  # mentor person id -> rank
    availability: frozenset[str]
    mode: str
    wished_start: datetime.date | None
    wished_end: datetime.date | None
    administration_ids: frozenset[int]
    challenge_ids: frozenset[int]
    allow_same_affiliation: bool


@dataclass
class MentorProfile:
    person_id: int
    name: str
    expertises: dict[int, tuple[str, int]]  # expertise id -> (name, level)
    availability: frozenset[str]
    mode: str
    away: list[tuple[datetime.date, datetime.date]]
    administration_ids: frozenset[int]
    challenge_ids: frozenset[int]
    load: int = 0  # cycles in progress and proposals awaiting an answer
    free: int = 0  # how many more needs they can take now
    past_mentee_ids: frozenset[int] = field(default_factory=frozenset)


def weights() -> dict[str, float]:
    return dict(settings.MAGELLAN_MENTORING_WEIGHTS)


def _modes_meet(need_mode: str, mentor_mode: str) -> bool:
    return Mode.EITHER in (need_mode, mentor_mode) or need_mode == mentor_mode


def _away_all_along(need: NeedProfile, mentor: MentorProfile) -> bool:
    """The mentor is away for the whole of the need's wished period (when it has one)."""
    if need.wished_start is None or need.wished_end is None:
        return False
    return any(s <= need.wished_start and need.wished_end <= e for s, e in mentor.away)


def score_pair(need: NeedProfile, mentor: MentorProfile, w: dict[str, float]) -> PairScore:
    """Whether a mentor may be proposed for a need and, if so, the terms of their score."""
    if mentor.person_id == need.person_id or mentor.person_id in need.mentee_ids:
        return PairScore(refusal=Refusal.SELF)
    main_id, main_name = need.main_expertise
    if main_id not in mentor.expertises:
        return PairScore(refusal=Refusal.EXPERTISE)
    if not need.allow_same_affiliation and (
        need.administration_ids & mentor.administration_ids
        or need.challenge_ids & mentor.challenge_ids
    ):
        return PairScore(refusal=Refusal.AFFILIATION)
    common = need.availability & mentor.availability
    if not common or not _modes_meet(need.mode, mentor.mode) or _away_all_along(need, mentor):
        return PairScore(refusal=Refusal.AVAILABILITY)

    terms: list[Term] = []
    level = mentor.expertises[main_id][1]
    terms.append(Term("main", w["main_expertise"] * LEVEL_SHARE[level], (main_name, level)))
    for expertise_id, name in need.secondary.items():  # by name (need_profiles orders them)
        if expertise_id in mentor.expertises:
            level = mentor.expertises[expertise_id][1]
            terms.append(
                Term("secondary", w["secondary_expertise"] * LEVEL_SHARE[level], (name, level))
            )
    rank = need.preferences.get(mentor.person_id)
    if rank:
        terms.append(Term("preference", w["preference"] * RANK_SHARE[rank], (rank,)))
    overlap = len(common)
    terms.append(
        Term(
            "availability",
            w["availability"] * min(overlap, FULL_OVERLAP) / FULL_OVERLAP,
            (overlap,),
        )
    )
    terms.append(Term("mode", w["mode"]))
    if mentor.load:
        terms.append(Term("load", w["load"] * mentor.load, (mentor.load,)))
    if need.mentee_ids & mentor.past_mentee_ids:
        terms.append(Term("novelty", w["novelty"]))
    rounded = tuple(Term(t.kind, round(t.points, 2), t.args) for t in terms)
    return PairScore(terms=rounded, total=round(sum(t.points for t in rounded), 2))


def term_label(term: Term) -> str:
    """A term's explanation line, in French (written only for the pairs that are kept)."""
    if term.kind in ("main", "secondary"):
        name, level = term.args
        template = (
            _("expertise « %(name)s » (besoin principal) : %(level)s")
            if term.kind == "main"
            else _("expertise « %(name)s » (besoin secondaire) : %(level)s")
        )
        return template % {"name": name, "level": str(LEVEL_LABELS[level]).lower()}
    if term.kind == "preference":
        return _("choisi·e en préférence n° %(rank)s") % {"rank": term.args[0]}
    if term.kind == "availability":
        count = term.args[0]
        return ngettext(
            "disponibilités communes : %(count)d demi-journée",
            "disponibilités communes : %(count)d demi-journées",
            count,
        ) % {"count": count}
    if term.kind == "load":
        count = term.args[0]
        return ngettext(
            "charge : %(count)d mentoré·e déjà en cours ou en attente",
            "charge : %(count)d mentoré·es déjà en cours ou en attente",
            count,
        ) % {"count": count}
    if term.kind == "mode":
        return _("modalité compatible")
    return _("déjà un cycle ensemble")


# --- Profiles, read once per round ----------------------------------------------------------


def need_profiles(needs: Iterable[Need]) -> list[NeedProfile]:
    """The profiles of needs (a handful of queries whatever their number)."""
    needs = list(needs)
    person_ids = {n.person_id for n in needs}
    challenge_ids = {n.challenge_id for n in needs if n.challenge_id}
    memberships = list(
        ChallengeMembership.objects.filter(
            Q(person_id__in=person_ids) | Q(challenge_id__in=challenge_ids)
        ).values_list("person_id", "challenge_id", "role", "challenge__administration_id")
    )
    by_person: dict[int, set[tuple[int, int | None]]] = defaultdict(set)
    fellows_of: dict[int, set[int]] = defaultdict(set)
    for person_id, challenge_id, role, administration_id in memberships:
        by_person[person_id].add((challenge_id, administration_id))
        if role == Role.FELLOW:
            fellows_of[challenge_id].add(person_id)
    profiles = []
    for need in needs:
        mentees = {need.person_id}
        if need.challenge_id:
            mentees |= fellows_of.get(need.challenge_id, set())
        links = set().union(*(by_person.get(p, set()) for p in mentees))
        if need.challenge_id:
            links.add(
                (need.challenge_id, need.challenge.administration_id if need.challenge else None)
            )
        profiles.append(
            NeedProfile(
                pk=need.pk,
                person_id=need.person_id,
                mentee_ids=frozenset(mentees),
                main_expertise=(need.main_expertise_id, need.main_expertise.name),
                secondary={
                    e.pk: e.name
                    for e in sorted(need.secondary_expertises.all(), key=lambda e: e.name)
                },
                preferences={p.mentor_id: p.rank for p in need.preferences.all()},
                availability=frozenset(need.availability or []),
                mode=need.mode,
                wished_start=need.wished_start,
                wished_end=need.wished_end,
                administration_ids=frozenset(a for _c, a in links if a),
                challenge_ids=frozenset(c for c, _a in links),
                allow_same_affiliation=need.allow_same_affiliation,
            )
        )
    return profiles


def mentor_profiles(
    offers: Iterable[Offer], *, now: datetime.datetime | None = None
) -> list[MentorProfile]:
    """The profiles of offers' mentors, with their load and free places now."""
    from .models import Cycle, Proposal

    offers = list(offers)
    now = now or timezone.now()
    ids = [o.person_id for o in offers]
    quarter_start = _quarter_start(timezone.localdate(now))
    in_progress: dict[int, int] = defaultdict(int)
    this_quarter: dict[int, int] = defaultdict(int)
    past: dict[int, set[int]] = defaultdict(set)
    for mentor_id, mentee_id in Cycle.objects.filter(mentor_id__in=ids).values_list(
        "mentor_id", "mentees"
    ):
        past[mentor_id].add(mentee_id)
    for mentor_id, status, created in Cycle.objects.filter(mentor_id__in=ids).values_list(
        "mentor_id", "status", "created_at"
    ):
        if status == CycleStatus.IN_PROGRESS:
            in_progress[mentor_id] += 1
        if timezone.localdate(created) >= quarter_start:
            this_quarter[mentor_id] += 1
    pending: dict[int, int] = defaultdict(int)
    for mentor_id in Proposal.objects.filter(
        mentor_id__in=ids, status=ProposalStatus.PROPOSED
    ).values_list("mentor_id", flat=True):
        pending[mentor_id] += 1
    memberships: dict[int, set[tuple[int, int | None]]] = defaultdict(set)
    for person_id, challenge_id, administration_id in ChallengeMembership.objects.filter(
        person_id__in=ids
    ).values_list("person_id", "challenge_id", "challenge__administration_id"):
        memberships[person_id].add((challenge_id, administration_id))
    profiles = []
    for offer in offers:
        links = memberships.get(offer.person_id, set())
        administrations = {a for _c, a in links if a}
        if offer.administration_id:
            administrations.add(offer.administration_id)
        load = in_progress[offer.person_id] + pending[offer.person_id]
        free = min(
            offer.capacity - load,
            offer.capacity_per_quarter - this_quarter[offer.person_id] - pending[offer.person_id],
        )
        profiles.append(
            MentorProfile(
                person_id=offer.person_id,
                name=offer.person.name,
                expertises={
                    e.expertise_id: (e.expertise.name, e.level) for e in offer.expertises.all()
                },
                availability=frozenset(offer.availability or []),
                mode=offer.mode,
                away=[(a.start_date, a.end_date) for a in offer.away_periods.all()],
                administration_ids=frozenset(administrations),
                challenge_ids=frozenset(c for c, _a in links),
                load=load,
                free=max(0, free),
                past_mentee_ids=frozenset(m for m in past[offer.person_id] if m),
            )
        )
    return profiles


def _quarter_start(day: datetime.date) -> datetime.date:
    return datetime.date(day.year, 3 * ((day.month - 1) // 3) + 1, 1)


def terms_as_json(score: PairScore) -> list[dict[str, Any]]:
    return [{"label": t.label, "points": t.points} for t in score.terms]
