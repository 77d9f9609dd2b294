"""Mentoring matches: needs to mentors with capacities, solved exactly (see docs/engine.md).

The rule: **as many needs as possible are matched, then the total score is as high as possible**.
A need is matched whenever an allowed mentor has room for it, whatever the sign of the score;
scores only choose between matchings of the same size. Solved as a rectangular assignment
(``scipy.optimize.linear_sum_assignment``): one column per free place of each mentor plus one
"unmatched" column per need, each pair weighing ``big + score`` where ``big`` exceeds any
difference of total scores, so one more match always wins over any gain in score.
"""

from __future__ import annotations

import math
import numbers
import time
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from enum import StrEnum
from types import MappingProxyType

import numpy as np


class UnmatchedReason(StrEnum):
    """Why a need got no mentor (the Django side may add reasons of its own, as plain strings)."""

    NO_ALLOWED_MENTOR = "no allowed mentor"
    ALL_AT_CAPACITY = "all allowed mentors at capacity"


@dataclass(frozen=True)
class Mentor:
    """A mentor and the number of needs they can take (0: full for now)."""

    id: str
    capacity: int


Pair = tuple[str, str]


@dataclass(frozen=True)
class MatchingProblem:
    """Give each need at most one mentor, within the mentors' capacities.

    ``scores[(need, mentor)]`` is the score of an allowed pair; a pair absent from ``scores`` is
    forbidden, and so is every pair in ``exclusions``. ``pins`` force pairs (need, mentor). The
    problem checks itself when built: unknown ids, duplicate ids, a negative capacity, a score
    that is not a finite number, a pin on a forbidden or excluded pair, a need pinned twice or a
    mentor pinned beyond capacity raise ``ValueError`` naming every fault.
    """

    needs: tuple[str, ...]
    mentors: tuple[Mentor, ...]
    scores: Mapping[Pair, float]
    pins: tuple[Pair, ...] = ()
    exclusions: frozenset[Pair] = field(default_factory=frozenset)

    def __post_init__(self) -> None:
        object.__setattr__(self, "needs", tuple(self.needs))
        object.__setattr__(self, "mentors", tuple(self.mentors))
        object.__setattr__(self, "scores", MappingProxyType(dict(self.scores)))
        object.__setattr__(self, "pins", tuple(tuple(p) for p in self.pins))
        object.__setattr__(self, "exclusions", frozenset(tuple(p) for p in self.exclusions))
        faults = _faults(self)
        if faults:
            raise ValueError("; ".join(faults))

    @property
    def _capacities(self) -> dict[str, int]:
        return {m.id: m.capacity for m in self.mentors}

    def allowed(self, need: str, mentor: str) -> bool:
        """True when the pair has a score and is not excluded."""
        return (need, mentor) in self.scores and (need, mentor) not in self.exclusions


def _duplicates(ids: Iterable[str]) -> list[str]:
    seen: set[str] = set()
    twice: list[str] = []
    for x in ids:
        if x in seen and x not in twice:
            twice.append(x)
        seen.add(x)
    return twice


def _faults(p: MatchingProblem) -> list[str]:
    faults: list[str] = []
    needs, mentors = set(p.needs), {m.id for m in p.mentors}
    for kind, ids in (("need", p.needs), ("mentor", [m.id for m in p.mentors])):
        faults += [f"duplicate {kind} id {x!r}" for x in _duplicates(ids)]
        faults += [
            f"a {kind} id must be a non-empty string, not {x!r}"
            for x in ids
            if not x or not isinstance(x, str)
        ]
    for m in p.mentors:
        if isinstance(m.capacity, bool) or not isinstance(m.capacity, int):
            faults.append(
                f"mentor {m.id!r}: the capacity must be a whole number, not {m.capacity!r}"
            )
        elif m.capacity < 0:
            faults.append(f"mentor {m.id!r}: negative capacity {m.capacity}")

    def unknown(what: str, pairs: Iterable[Pair]) -> None:
        for pair in pairs:
            if len(pair) != 2:
                faults.append(f"{what} {pair!r}: give (need, mentor)")
                continue
            need, mentor = pair
            if need not in needs:
                faults.append(f"{what} ({need!r}, {mentor!r}): unknown need {need!r}")
            if mentor not in mentors:
                faults.append(f"{what} ({need!r}, {mentor!r}): unknown mentor {mentor!r}")

    unknown("score", p.scores)
    unknown("pin", p.pins)
    unknown("exclusion", p.exclusions)
    for pair, score in p.scores.items():
        if (
            isinstance(score, bool)
            or not isinstance(score, numbers.Real)
            or not math.isfinite(score)
        ):
            faults.append(f"score {pair!r}: {score!r} is not a finite number")
    if faults:
        return faults
    for need, mentor in p.pins:
        if (need, mentor) not in p.scores:
            faults.append(f"pin ({need!r}, {mentor!r}): the pair is forbidden (it has no score)")
        elif (need, mentor) in p.exclusions:
            faults.append(f"pin ({need!r}, {mentor!r}): the pair is also excluded")
    faults += [f"need {n!r} is pinned more than once" for n in _duplicates(n for n, _ in p.pins)]
    capacities = p._capacities
    pinned: dict[str, int] = {}
    for mentor in dict(p.pins).values():
        pinned[mentor] = pinned.get(mentor, 0) + 1
    for mentor, count in pinned.items():
        if count > capacities[mentor]:
            faults.append(
                f"mentor {mentor!r} is pinned to {count} needs beyond a capacity of {capacities[mentor]}"
            )
    return faults


@dataclass(frozen=True)
class Match:
    """A chosen pair and its score; ``pinned`` when a pin forced it."""

    need: str
    mentor: str
    score: float
    pinned: bool = False


@dataclass(frozen=True)
class Unmatched:
    need: str
    reason: UnmatchedReason


@dataclass(frozen=True)
class MatchingResult:
    """Matches in the order of ``problem.needs``, unmatched needs with their reason.

    ``objective`` is the sum of the chosen pairs' scores. ``seed`` is recorded but plays no part:
    the solver is exact and deterministic, so the same problem always gives the same matches.
    """

    assignment: tuple[Match, ...]
    unmatched: tuple[Unmatched, ...]
    objective: float
    seed: int
    cpu_seconds: float

    def mentor_of(self, need: str) -> str | None:
        return next((m.mentor for m in self.assignment if m.need == need), None)

    def load(self) -> dict[str, int]:
        """Number of needs given to each mentor that got at least one."""
        out: dict[str, int] = {}
        for m in self.assignment:
            out[m.mentor] = out.get(m.mentor, 0) + 1
        return out


def solve_matching(problem: MatchingProblem, *, seed: int = 0) -> MatchingResult:
    """Most matched needs, then highest total score; pins forced, exclusions and absent pairs forbidden."""
    started = time.process_time()
    chosen: dict[str, str] = dict(problem.pins)
    room = {m.id: m.capacity for m in problem.mentors}
    for mentor in chosen.values():
        room[mentor] -= 1
    free = [n for n in problem.needs if n not in chosen]
    options: dict[str, list[tuple[str, float]]] = {n: [] for n in free}
    for (need, mentor), score in problem.scores.items():
        if need in options and (need, mentor) not in problem.exclusions and room[mentor] > 0:
            options[need].append((mentor, float(score)))
    rows = [n for n in free if options[n]]
    if rows:
        chosen.update(_assign(rows, options, problem, room))
    matches = tuple(
        Match(n, chosen[n], float(problem.scores[(n, chosen[n])]), (n, chosen[n]) in problem.pins)
        for n in problem.needs
        if n in chosen
    )
    unmatched = tuple(
        Unmatched(
            n,
            UnmatchedReason.ALL_AT_CAPACITY
            if any(problem.allowed(n, m.id) for m in problem.mentors)
            else UnmatchedReason.NO_ALLOWED_MENTOR,
        )
        for n in problem.needs
        if n not in chosen
    )
    return MatchingResult(
        assignment=matches,
        unmatched=unmatched,
        objective=math.fsum(m.score for m in matches),
        seed=seed,
        cpu_seconds=time.process_time() - started,
    )


def _assign(
    rows: list[str],
    options: dict[str, list[tuple[str, float]]],
    problem: MatchingProblem,
    room: dict[str, int],
) -> dict[str, str]:
    """One linear_sum_assignment on free places replicated by capacity, plus an unmatched column per row."""
    wanted: dict[str, int] = {}
    for need in rows:
        for mentor, _ in options[need]:
            wanted[mentor] = wanted.get(mentor, 0) + 1
    slots: list[str] = []
    first: dict[str, int] = {}
    for m in problem.mentors:  # columns in the problem's mentor order: a stable tie-break
        count = min(room[m.id], wanted.get(m.id, 0))
        if count:
            first[m.id] = len(slots)
            slots.extend([m.id] * count)
    # One more match must outweigh any difference of total scores between two matchings.
    big = 1.0 + math.fsum(
        max(0.0, max(s for _, s in options[n])) - min(0.0, min(s for _, s in options[n]))
        for n in rows
    )
    cost = np.full((len(rows), len(slots) + len(rows)), np.inf)
    cost[:, len(slots) :] = 0.0
    for i, need in enumerate(rows):
        for mentor, score in options[need]:
            start = first[mentor]
            cost[i, start : start + min(room[mentor], wanted[mentor])] = -(big + score)
    # Imported here: scipy.optimize takes 0.6 s of CPU to import, which grouping runs never need.
    from scipy.optimize import linear_sum_assignment

    row_ind, col_ind = linear_sum_assignment(cost)
    return {
        rows[i]: slots[j]
        for i, j in zip(row_ind.tolist(), col_ind.tolist(), strict=True)
        if j < len(slots)
    }
