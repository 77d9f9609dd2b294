"""The search driver: feasible construction, then a memetic tabu search.

Every problem of the engine reduces to :class:`Core` (see ``_kernels`` for its meaning). The
search keeps a small population of local optima, each refined by tabu search; a round either
recombines two members (group crossover) or perturbs one (random feasible swaps) and refines the
offspring with tabu search. Members are replaced when beaten, and the population shrinks as the
budget runs (dynamic population size, as in three-phase search).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

import numpy as np

from magellan.engine import _kernels as k


@dataclass(frozen=True)
class Core:
    w: np.ndarray  # (n, n) float64, symmetric, zero diagonal
    forbid: np.ndarray  # (n, n) uint8
    s: np.ndarray  # (n,) int64 node sizes
    lo: np.ndarray  # (m,) int64
    hi: np.ndarray  # (m,) int64
    movable: np.ndarray  # (n,) uint8
    start: np.ndarray  # (n,) int64, groups of pinned nodes (others ignored)

    @property
    def n(self) -> int:
        return int(self.s.shape[0])

    @property
    def m(self) -> int:
        return int(self.lo.shape[0])


@dataclass(frozen=True)
class SearchParams:
    population: int = 16
    stall: int = 0  # tabu iterations without improvement per round; 0 = automatic
    tenure_min: int = 0  # 0 = automatic
    tenure_span: int = 0
    crossover_rate: float = 0.5
    strength: int = 0  # perturbation size; 0 = automatic


@dataclass(frozen=True)
class SearchOutcome:
    assignment: np.ndarray
    objective: float
    rounds: int


class ConstructionError(Exception):
    """No assignment keeping every forbidden pair apart was found."""


def seed_state(seed: int) -> np.ndarray:
    """A non-zero xorshift state from any integer seed (splitmix64 finaliser)."""
    z = (seed + 0x9E3779B97F4A7C15) & 0xFFFFFFFFFFFFFFFF
    z = ((z ^ (z >> 30)) * 0xBF58476D1CE4E5B9) & 0xFFFFFFFFFFFFFFFF
    z = ((z ^ (z >> 27)) * 0x94D049BB133111EB) & 0xFFFFFFFFFFFFFFFF
    z ^= z >> 31
    return np.array([z or 1], dtype=np.uint64)


def construct(core: Core, state: np.ndarray) -> np.ndarray:
    """A random assignment within the size bounds and without forbidden pairs."""
    use_forbid = bool(core.forbid.any())
    penalty = -core.forbid.astype(np.float64)
    best = np.empty(core.n, dtype=np.int64)
    for _attempt in range(30):
        a, ok = k.random_assignment(core.s, core.lo, core.hi, core.movable, core.start, state)
        if not ok:
            continue
        if not use_forbid:
            return a
        for _round in range(20):
            gain, clash, size, f = k.build_state(penalty, core.forbid, core.s, a, core.m)
            if f > -0.5:
                return a
            fb, _ = k.tabu_search(
                penalty,
                core.forbid,
                False,
                core.s,
                core.lo,
                core.hi,
                core.movable,
                a,
                gain,
                clash,
                size,
                f,
                best,
                20 * core.n,
                5 * core.n,
                3,
                7,
                state,
            )
            a = best.copy()
            if fb > -0.5:
                return a
            gain, clash, size, f = k.build_state(penalty, core.forbid, core.s, a, core.m)
            k.perturb(
                penalty,
                core.forbid,
                False,
                core.s,
                core.lo,
                core.hi,
                core.movable,
                a,
                gain,
                clash,
                size,
                3,
                state,
            )
    raise ConstructionError


class _Member:
    __slots__ = ("a", "f")

    def __init__(self, a: np.ndarray, f: float) -> None:
        self.a = a
        self.f = f


def search(
    core: Core,
    *,
    seed: int,
    stop: Callable[[float], bool],
    params: SearchParams | None = None,
    on_round: Callable[[int, float], None] | None = None,
    target: float = np.inf,
) -> SearchOutcome:
    """Maximise the core objective; ``stop(best)`` is asked before every round.

    The search also ends once the best reaches ``target``, a proven upper bound.
    """
    p = params or SearchParams()
    state = seed_state(seed)
    n, m = core.n, core.m
    use_forbid = bool(core.forbid.any())
    stall = p.stall or max(200, 5 * n)
    tenure_min = p.tenure_min or max(3, n // 12)
    tenure_span = p.tenure_span or max(3, n // 12)
    strength = p.strength or max(2, n // 10)
    best_a = np.empty(n, dtype=np.int64)
    if int(core.movable.sum()) == 0 or m == 1:
        a = core.start.copy() if m > 1 else np.zeros(n, dtype=np.int64)
        return SearchOutcome(a, float(k.objective(core.w, a)), 0)
    if not core.w.any():
        a = construct(core, state)
        return SearchOutcome(a, 0.0, 1)

    def refine(a: np.ndarray) -> _Member:
        gain, clash, size, f = k.build_state(core.w, core.forbid, core.s, a, m)
        fb, _ = k.tabu_search(
            core.w,
            core.forbid,
            use_forbid,
            core.s,
            core.lo,
            core.hi,
            core.movable,
            a,
            gain,
            clash,
            size,
            f,
            best_a,
            50 * stall,
            stall,
            tenure_min,
            tenure_span,
            state,
        )
        return _Member(best_a.copy(), fb)

    pop: list[_Member] = []
    best: _Member | None = None
    rounds = 0
    pop_size = max(1, p.population)
    while True:
        if best is not None and best.f >= target - 1e-6:
            break
        if stop(best.f if best is not None else -np.inf) and best is not None:
            break
        rounds += 1
        if len(pop) < pop_size:
            child = refine(construct(core, state))
        else:
            use_cross = len(pop) >= 2 and k.rand_float(state) < p.crossover_rate
            child_a: np.ndarray | None = None
            if use_cross:
                i = k.rand_int(state, len(pop))
                j = (i + 1 + k.rand_int(state, len(pop) - 1)) % len(pop)
                c, ok = k.crossover(
                    core.w,
                    core.forbid,
                    use_forbid,
                    core.s,
                    core.lo,
                    core.hi,
                    core.movable,
                    pop[i].a,
                    pop[j].a,
                    state,
                )
                if ok:
                    child_a = c
            if child_a is None:
                parent = pop[k.rand_int(state, len(pop))]
                child_a = parent.a.copy()
                gain, clash, size, _ = k.build_state(core.w, core.forbid, core.s, child_a, m)
                k.perturb(
                    core.w,
                    core.forbid,
                    use_forbid,
                    core.s,
                    core.lo,
                    core.hi,
                    core.movable,
                    child_a,
                    gain,
                    clash,
                    size,
                    strength,
                    state,
                )
            child = refine(child_a)
        _update(pop, child, pop_size)
        if best is None or child.f > best.f + 1e-9:
            best = _Member(child.a.copy(), child.f)
        if on_round is not None:
            on_round(rounds, best.f)
    if best is None:  # pragma: no cover - the loop always runs one round
        raise RuntimeError("no round ran")
    return SearchOutcome(best.a, float(k.objective(core.w, best.a)), rounds)


def _update(pop: list[_Member], child: _Member, size: int) -> None:
    for member in pop:
        if abs(member.f - child.f) < 1e-9 and np.array_equal(member.a, child.a):
            return
    if len(pop) < size:
        pop.append(child)
        return
    worst = min(range(len(pop)), key=lambda q: pop[q].f)
    if child.f > pop[worst].f:
        pop[worst] = child
