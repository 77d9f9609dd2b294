"""Jury assignments: every subject (a dossier, an application) gets ``per_subject`` reviewers.

The rule: **each subject gets exactly max(per_subject, its kept reviewers) reviewers, never a
forbidden one (a declared conflict); the largest load is as small as possible, then the spread
between the largest and the smallest load**. Pairs in ``keep`` (a review already submitted) stay.

Solved exactly in two integer programs (``scipy.optimize.milp``, HiGHS): the first minimises the
largest load; the second, with that largest load fixed, maximises the smallest one. No Django here.
"""

from __future__ import annotations

import time
from collections.abc import Iterable
from dataclasses import dataclass, field

import numpy as np

from magellan.engine.result import InfeasibleProblem

Pair = tuple[str, str]


@dataclass(frozen=True)
class ReviewAssignmentProblem:
    """Subjects and reviewers by id; ``forbidden`` and ``keep`` are (subject, reviewer) pairs."""

    subjects: tuple[str, ...]
    reviewers: tuple[str, ...]
    per_subject: int
    forbidden: frozenset[Pair] = field(default_factory=frozenset)
    keep: frozenset[Pair] = field(default_factory=frozenset)

    @classmethod
    def build(
        cls,
        *,
        subjects: Iterable[str],
        reviewers: Iterable[str],
        per_subject: int,
        forbidden: Iterable[Pair] = (),
        keep: Iterable[Pair] = (),
    ) -> ReviewAssignmentProblem:
        return cls(
            subjects=tuple(subjects),
            reviewers=tuple(reviewers),
            per_subject=per_subject,
            forbidden=frozenset(forbidden),
            keep=frozenset(keep),
        )


@dataclass(frozen=True)
class ReviewAssignmentResult:
    """The chosen pairs (sorted), each reviewer's load, and the largest and smallest loads."""

    pairs: tuple[Pair, ...]
    loads: dict[str, int]
    max_load: int
    min_load: int
    seed: int = 0
    cpu_seconds: float = 0.0

    def reviewers_of(self, subject: str) -> list[str]:
        return [r for s, r in self.pairs if s == subject]


def _check(problem: ReviewAssignmentProblem) -> None:
    reasons: list[str] = []
    if problem.per_subject < 1:
        reasons.append(f"each subject needs at least 1 reviewer, not {problem.per_subject}")
    if len(set(problem.subjects)) != len(problem.subjects):
        reasons.append("subject ids must be distinct")
    if len(set(problem.reviewers)) != len(problem.reviewers):
        reasons.append("reviewer ids must be distinct")
    subjects, reviewers = set(problem.subjects), set(problem.reviewers)
    for s, r in sorted(problem.keep):
        if s not in subjects or r not in reviewers:
            reasons.append(f"kept pair ({s}, {r}) names an unknown subject or reviewer")
        elif (s, r) in problem.forbidden:
            reasons.append(f"kept pair ({s}, {r}) is also forbidden")
    if reasons:
        raise InfeasibleProblem(reasons)
    for s in problem.subjects:
        allowed = sum(1 for r in problem.reviewers if (s, r) not in problem.forbidden)
        if allowed < problem.per_subject:
            reasons.append(
                f"{s}: {allowed} allowed reviewer(s) for {problem.per_subject} reviews needed"
            )
    if reasons:
        raise InfeasibleProblem(reasons)


def solve_review_assignment(
    problem: ReviewAssignmentProblem, *, seed: int = 0
) -> ReviewAssignmentResult:
    """The exact balanced assignment; raises InfeasibleProblem naming the subjects short of
    reviewers."""
    # Imported here: scipy.optimize pulls scipy.linalg, which the grouping kernels' loading
    # must not pay for (tests/engine/test_warmup.py).
    from scipy.optimize import Bounds, LinearConstraint, milp
    from scipy.sparse import lil_matrix

    started = time.process_time()
    _check(problem)
    variables = [
        (s, r)
        for s in problem.subjects
        for r in problem.reviewers
        if (s, r) not in problem.forbidden
    ]
    if not variables:
        return ReviewAssignmentResult((), dict.fromkeys(problem.reviewers, 0), 0, 0, seed)
    n = len(variables)
    # Columns: the pairs, then L (largest load), then l (smallest load).
    big, small = n, n + 1
    width = n + 2
    index = {pair: i for i, pair in enumerate(variables)}
    rows_subject = lil_matrix((len(problem.subjects), width))
    need = []
    for k, s in enumerate(problem.subjects):
        kept = sum(1 for r in problem.reviewers if (s, r) in problem.keep)
        need.append(max(problem.per_subject, kept))
        for r in problem.reviewers:
            if (s, r) in index:
                rows_subject[k, index[(s, r)]] = 1
    # load_r - L <= 0 and load_r - l >= 0 for each reviewer.
    rows_max = lil_matrix((len(problem.reviewers), width))
    rows_min = lil_matrix((len(problem.reviewers), width))
    for k, r in enumerate(problem.reviewers):
        for s in problem.subjects:
            if (s, r) in index:
                rows_max[k, index[(s, r)]] = 1
                rows_min[k, index[(s, r)]] = 1
        rows_max[k, big] = -1
        rows_min[k, small] = -1
    lower = np.zeros(width)
    upper = np.ones(width)
    for pair in problem.keep:
        lower[index[pair]] = 1
    upper[big] = upper[small] = len(problem.subjects)
    constraints = [
        LinearConstraint(rows_subject.tocsr(), need, need),
        LinearConstraint(rows_max.tocsr(), -np.inf, 0),
        LinearConstraint(rows_min.tocsr(), 0, np.inf),
    ]
    integrality = np.ones(width)
    first = np.zeros(width)
    first[big] = 1
    out = milp(first, constraints=constraints, integrality=integrality, bounds=Bounds(lower, upper))
    if out.x is None:
        raise InfeasibleProblem(["no assignment gives every subject its reviewers"])
    largest = round(out.x[big])
    lower[big] = upper[big] = largest
    second = np.zeros(width)
    second[small] = -1
    out = milp(
        second, constraints=constraints, integrality=integrality, bounds=Bounds(lower, upper)
    )
    if out.x is None:  # pragma: no cover - the first solution is feasible here
        raise InfeasibleProblem(["no assignment gives every subject its reviewers"])
    chosen = sorted(pair for pair, i in index.items() if out.x[i] > 0.5)
    loads = dict.fromkeys(problem.reviewers, 0)
    for _s, r in chosen:
        loads[r] += 1
    return ReviewAssignmentResult(
        pairs=tuple(chosen),
        loads=loads,
        max_load=max(loads.values()) if loads else 0,
        min_load=min(loads.values()) if loads else 0,
        seed=seed,
        cpu_seconds=time.process_time() - started,
    )
