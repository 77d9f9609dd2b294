"""Optimal matchings computed apart from the engine's code: brute force and a two-stage MILP.

Both return ``(matched needs, total score)`` of the best matching under the engine's rule (most
matches first, then the highest score). The benchmark imports them and ``random_problem`` too.
"""

from __future__ import annotations

import itertools
import math

import numpy as np
from scipy.optimize import Bounds, LinearConstraint, milp
from scipy.sparse import coo_array

from magellan.engine import MatchingProblem, Mentor


def brute_force(problem: MatchingProblem) -> tuple[int, float]:
    """Every way to give each need one allowed mentor or none, within capacities."""
    pins = dict(problem.pins)
    capacity = {m.id: m.capacity for m in problem.mentors}
    choices = []
    for need in problem.needs:
        if need in pins:
            choices.append([pins[need]])
        else:
            allowed = [m.id for m in problem.mentors if problem.allowed(need, m.id)]
            choices.append([None, *allowed])
    best = (-1, -math.inf)
    for combo in itertools.product(*choices):
        used: dict[str, int] = {}
        for mentor in combo:
            if mentor is not None:
                used[mentor] = used.get(mentor, 0) + 1
        if any(count > capacity[m] for m, count in used.items()):
            continue
        pairs = [(n, m) for n, m in zip(problem.needs, combo, strict=True) if m is not None]
        value = (len(pairs), math.fsum(problem.scores[p] for p in pairs))
        if value[0] > best[0] or (value[0] == best[0] and value[1] > best[1]):
            best = value
    return best


def milp_best(problem: MatchingProblem) -> tuple[int, float]:
    """HiGHS on binary pair variables: maximise the number of matches, then the score at that number."""
    pairs = [p for p in problem.scores if p not in problem.exclusions]
    if not pairs:
        return (0, 0.0)
    need_index = {n: i for i, n in enumerate(problem.needs)}
    mentor_index = {m.id: j for j, m in enumerate(problem.mentors)}
    k = len(pairs)
    cols = np.arange(k)
    by_need = coo_array(
        (np.ones(k), ([need_index[n] for n, _ in pairs], cols)), shape=(len(problem.needs), k)
    )
    by_mentor = coo_array(
        (np.ones(k), ([mentor_index[m] for _, m in pairs], cols)), shape=(len(problem.mentors), k)
    )
    rows = [
        LinearConstraint(by_need, 0, 1),
        LinearConstraint(by_mentor, 0, [m.capacity for m in problem.mentors]),
    ]
    pinned = set(problem.pins)
    lower = np.array([1.0 if p in pinned else 0.0 for p in pairs])
    bounds = Bounds(lower, np.ones(k))
    integrality = np.ones(k)
    count = milp(-np.ones(k), constraints=rows, bounds=bounds, integrality=integrality)
    assert count.success, count.message
    matched = round(-count.fun)
    scores = np.array([problem.scores[p] for p in pairs], dtype=float)
    exact = LinearConstraint(np.ones((1, k)), matched, matched)
    best = milp(-scores, constraints=[*rows, exact], bounds=bounds, integrality=integrality)
    assert best.success, best.message
    chosen = [pairs[i] for i in np.flatnonzero(best.x > 0.5)]
    assert len(chosen) == matched
    return matched, math.fsum(problem.scores[p] for p in chosen)


def random_problem(
    seed: int,
    *,
    needs: int,
    mentors: int,
    density: float,
    capacity: tuple[int, int],
    pins: int = 0,
    exclusions: int = 0,
) -> MatchingProblem:
    """Scores uniform in [-5, 50) on about ``density`` of the pairs, capacities uniform in ``capacity``."""
    rng = np.random.default_rng(seed)
    allowed = rng.random((needs, mentors)) < density
    values = np.round(rng.uniform(-5, 50, (needs, mentors)), 3)
    scores = {
        (f"n{i}", f"m{j}"): float(values[i, j]) for i, j in zip(*np.nonzero(allowed), strict=True)
    }
    lo, hi = capacity
    caps = {f"m{j}": int(c) for j, c in enumerate(rng.integers(lo, hi + 1, mentors))}
    pairs = sorted(scores)
    chosen: list[tuple[str, str]] = []
    room = dict(caps)
    for index in rng.permutation(len(pairs))[:pins]:
        need, mentor = pairs[index]
        if room[mentor] and need not in {n for n, _ in chosen}:
            chosen.append((need, mentor))
            room[mentor] -= 1
    rest = [p for p in pairs if p not in chosen]
    excluded = [rest[i] for i in rng.permutation(len(rest))[:exclusions]]
    return MatchingProblem(
        needs=tuple(f"n{i}" for i in range(needs)),
        mentors=tuple(Mentor(m, c) for m, c in caps.items()),
        scores=scores,
        pins=tuple(chosen),
        exclusions=frozenset(excluded),
    )
