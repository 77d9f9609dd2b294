"""Stopping criteria: small callables, asked ``stop(best_objective)`` once per search round.

The search maximises; a criterion returns True when the search should stop. Criteria keep state
(a clock started at the first call, a counter), so use a fresh one per run.
"""

from __future__ import annotations

import copy
import math
import time
from collections.abc import Callable
from dataclasses import dataclass, field

StoppingCriterion = Callable[[float], bool]


@dataclass
class MaxRuntime:
    """Stop after ``seconds`` of CPU time (``time.process_time``) since the first call."""

    seconds: float
    _start: float | None = field(default=None, init=False, repr=False)

    def __post_init__(self) -> None:
        if self.seconds < 0:
            raise ValueError("MaxRuntime needs a non-negative number of seconds")

    def __call__(self, best_objective: float) -> bool:
        now = time.process_time()
        if self._start is None:
            self._start = now
        return now - self._start >= self.seconds

    def scaled(self, share: float) -> MaxRuntime:
        """A fresh criterion with ``share`` of the budget (for sub-problems solved in turn)."""
        return MaxRuntime(self.seconds * share)

    @property
    def elapsed(self) -> float:
        return 0.0 if self._start is None else time.process_time() - self._start


@dataclass
class MaxIterations:
    """Stop after ``iterations`` search rounds (deterministic for a given seed)."""

    iterations: int
    _count: int = field(default=0, init=False, repr=False)

    def __post_init__(self) -> None:
        if self.iterations < 0:
            raise ValueError("MaxIterations needs a non-negative number of iterations")

    def __call__(self, best_objective: float) -> bool:
        self._count += 1
        return self._count > self.iterations

    def scaled(self, share: float) -> MaxIterations:
        """A fresh criterion with the same budget: rounds stay rounds in every sub-problem."""
        return MaxIterations(self.iterations)


@dataclass
class NoImprovement:
    """Stop after ``iterations`` consecutive rounds without a better best objective."""

    iterations: int
    _best: float = field(default=-math.inf, init=False, repr=False)
    _stale: int = field(default=0, init=False, repr=False)

    def __call__(self, best_objective: float) -> bool:
        if best_objective > self._best + 1e-9:
            self._best = best_objective
            self._stale = 0
            return False
        self._stale += 1
        return self._stale > self.iterations

    def scaled(self, share: float) -> NoImprovement:
        return NoImprovement(self.iterations)


@dataclass
class FirstOf:
    """Stop as soon as any of the criteria says so (every criterion is asked each round)."""

    criteria: tuple[StoppingCriterion, ...]

    def __init__(self, *criteria: StoppingCriterion) -> None:
        self.criteria = criteria

    def __call__(self, best_objective: float) -> bool:
        answers = [criterion(best_objective) for criterion in self.criteria]
        return any(answers)

    def scaled(self, share: float) -> FirstOf:
        return FirstOf(*(portion(c, share) for c in self.criteria))


@dataclass
class AllOf:
    """Stop once every criterion says so (every criterion is asked each round)."""

    criteria: tuple[StoppingCriterion, ...]

    def __init__(self, *criteria: StoppingCriterion) -> None:
        self.criteria = criteria

    def __call__(self, best_objective: float) -> bool:
        answers = [criterion(best_objective) for criterion in self.criteria]
        return all(answers)

    def scaled(self, share: float) -> AllOf:
        return AllOf(*(portion(c, share) for c in self.criteria))


def portion(stop: Callable[[float], bool], share: float) -> Callable[[float], bool]:
    """A fresh criterion for a sub-problem getting ``share`` of the work (time budgets shrink).

    Criteria with a ``scaled(share)`` method provide it; any other callable is deep-copied.
    """
    scaled = getattr(stop, "scaled", None)
    if callable(scaled):
        return scaled(share)
    return copy.deepcopy(stop)
