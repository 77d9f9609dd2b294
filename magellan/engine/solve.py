"""The one entry point: ``solve(problem, *, seed, stop) -> Result``."""

from __future__ import annotations

import dataclasses
import math
import time
from collections.abc import Callable
from typing import overload

import numpy as np

from magellan.engine import _kernels, _rotation_kernels
from magellan.engine._designs import affine_schedule
from magellan.engine._model import (
    Model,
    build_model,
    category_bound,
    describe_groups,
    size_bounds,
)
from magellan.engine._search import ConstructionError, Core, SearchParams, search, seed_state
from magellan.engine.matching import MatchingProblem, MatchingResult, solve_matching
from magellan.engine.problem import (
    GroupingProblem,
    KeepTogether,
    MatrixProblem,
    PeerGroupProblem,
    Pin,
    Problem,
    RotationProblem,
)
from magellan.engine.result import (
    Certificate,
    GroupReport,
    InfeasibleProblem,
    MatrixResult,
    Result,
)
from magellan.engine.review_assignment import (
    ReviewAssignmentProblem,
    ReviewAssignmentResult,
    solve_review_assignment,
)
from magellan.engine.stop import FirstOf, MaxIterations, MaxRuntime, NoImprovement, portion
from magellan.engine.warmup import ensure_ready

Stop = Callable[[float], bool]


def default_stop() -> Stop:
    """Until 50 rounds bring nothing better, at most 10 s of CPU time."""
    return FirstOf(NoImprovement(50), MaxRuntime(10.0))


@overload
def solve(
    problem: MatrixProblem,
    *,
    seed: int = 0,
    stop: Stop | None = None,
    params: SearchParams | None = None,
) -> MatrixResult: ...
@overload
def solve(
    problem: MatchingProblem,
    *,
    seed: int = 0,
    stop: Stop | None = None,
    params: SearchParams | None = None,
) -> MatchingResult: ...
@overload
def solve(
    problem: ReviewAssignmentProblem,
    *,
    seed: int = 0,
    stop: Stop | None = None,
    params: SearchParams | None = None,
) -> ReviewAssignmentResult: ...
@overload
def solve(
    problem: GroupingProblem | RotationProblem | PeerGroupProblem,
    *,
    seed: int = 0,
    stop: Stop | None = None,
    params: SearchParams | None = None,
) -> Result: ...
def solve(
    problem: Problem | MatchingProblem | ReviewAssignmentProblem,
    *,
    seed: int = 0,
    stop: Stop | None = None,
    params: SearchParams | None = None,
) -> Result | MatrixResult | MatchingResult | ReviewAssignmentResult:
    """Solve any engine problem; raises InfeasibleProblem (with reasons) before searching.

    Grouping problems first compile (or load from the cache) the numba kernels if this process
    has not yet, before any stopping criterion is asked: the result then has ``compiled`` set
    and ``compile_seconds``, outside ``cpu_seconds`` and the budget. A MatchingProblem is solved exactly in one step: ``seed``, ``stop`` and ``params`` do not
    change its result (the seed is recorded on it); so is a ReviewAssignmentProblem.
    """
    if isinstance(problem, MatchingProblem):
        return solve_matching(problem, seed=seed)
    if isinstance(problem, ReviewAssignmentProblem):
        return solve_review_assignment(problem, seed=seed)
    # Kernels first, clock after: no budget ever pays for compiling (or loading) them.
    compile_seconds = ensure_ready(
        rotation=isinstance(problem, RotationProblem) and problem.sessions > 1
    )
    result = _solve_grouping(problem, seed=seed, stop=stop, params=params)
    if compile_seconds is None:
        return result
    return dataclasses.replace(result, compiled=True, compile_seconds=compile_seconds)


def _solve_grouping(
    problem: Problem, *, seed: int, stop: Stop | None, params: SearchParams | None
) -> Result | MatrixResult:
    stop = stop if stop is not None else default_stop()
    if isinstance(problem, MatrixProblem):
        return _solve_matrix(problem, seed=seed, stop=stop, params=params)
    if isinstance(problem, PeerGroupProblem):
        return _solve_peers(problem, seed=seed, stop=stop, params=params)
    if isinstance(problem, GroupingProblem):
        rotation = RotationProblem(
            people=problem.people,
            sessions=1,
            criteria=problem.criteria,
            constraints=problem.constraints,
            groups=problem.groups,
            size=problem.size,
            min_size=problem.min_size,
            max_size=problem.max_size,
            absent=problem.absent,
        )
        return _solve_people(rotation, seed=seed, stop=stop, params=params)
    return _solve_people(problem, seed=seed, stop=stop, params=params)


def matrix_objective(distances: np.ndarray, assignment: np.ndarray | tuple[int, ...]) -> float:
    """Sum of distances over pairs sharing a group, recomputed with numpy."""
    a = np.asarray(assignment)
    total = 0.0
    for g in np.unique(a):
        idx = np.flatnonzero(a == g)
        total += float(distances[np.ix_(idx, idx)].sum()) / 2.0
    return total


def _solve_matrix(
    problem: MatrixProblem, *, seed: int, stop: Stop, params: SearchParams | None
) -> MatrixResult:
    d = np.asarray(problem.distances, dtype=np.float64)
    reasons = []
    if d.ndim != 2 or d.shape[0] != d.shape[1]:
        raise InfeasibleProblem(["the distance matrix must be square"])
    n = d.shape[0]
    lo, hi = list(problem.lower), list(problem.upper)
    if len(lo) != len(hi) or not lo:
        reasons.append("give one lower and one upper size per group")
    elif any(a > b for a, b in zip(lo, hi, strict=True)):
        reasons.append("a group has a minimum size above its maximum size")
    elif not sum(lo) <= n <= sum(hi):
        reasons.append(f"{n} elements cannot fill groups whose sizes total {sum(lo)} to {sum(hi)}")
    forbid = np.zeros((n, n), dtype=np.uint8)
    for i, j in problem.forbidden:
        if not (0 <= i < n and 0 <= j < n) or i == j:
            reasons.append(f"forbidden pair ({i}, {j}) is not a pair of elements 0 to {n - 1}")
            continue
        forbid[i, j] = forbid[j, i] = 1
    if reasons:
        raise InfeasibleProblem(reasons)
    w = np.ascontiguousarray((d + d.T) / 2.0)
    np.fill_diagonal(w, 0.0)
    core = Core(
        w=w,
        forbid=forbid,
        s=np.ones(n, dtype=np.int64),
        lo=np.array(lo, dtype=np.int64),
        hi=np.array(hi, dtype=np.int64),
        movable=np.ones(n, dtype=np.uint8),
        start=np.zeros(n, dtype=np.int64),
    )
    started = time.process_time()
    try:
        out = search(core, seed=seed, stop=stop, params=params)
    except ConstructionError:
        raise InfeasibleProblem(
            ["no grouping keeping every forbidden pair apart was found"]
        ) from None
    a = out.assignment
    sizes = np.bincount(a, minlength=len(lo))
    feasible = bool(np.all(sizes >= lo) and np.all(sizes <= hi)) and not any(
        a[i] == a[j] for i, j in problem.forbidden
    )
    return MatrixResult(
        assignment=tuple(int(g) for g in a),
        objective=matrix_objective(w, a),
        sizes=tuple(int(x) for x in sizes),
        feasible=feasible,
        seed=seed,
        rounds=out.rounds,
        cpu_seconds=time.process_time() - started,
    )


def default_repeat_weight(model: Model) -> float:
    """More than the diversity one swap can change, so that repeats go first."""
    wmax = float(np.abs(model.w_person).max()) if model.w_person.size else 0.0
    return 2.0 * int(model.hi.max()) * wmax + 1.0


def _solve_people(
    problem: RotationProblem,
    *,
    seed: int,
    stop: Stop,
    params: SearchParams | None,
    labels: dict[int, str] | None = None,
) -> Result:
    if problem.sessions < 1:
        raise InfeasibleProblem([f"plan at least one session, not {problem.sessions}"])
    present = [p for p in problem.people if p.id not in problem.absent]
    lo, hi = size_bounds(
        len(present),
        groups=problem.groups,
        size=problem.size,
        min_size=problem.min_size,
        max_size=problem.max_size,
    )
    model = build_model(
        problem.people,
        criteria=problem.criteria,
        constraints=problem.constraints,
        absent=problem.absent,
        lo=lo,
        hi=hi,
        history=problem.history,
    )
    lam = (
        problem.repeat_weight if problem.repeat_weight is not None else default_repeat_weight(model)
    )
    started = time.process_time()
    try:
        if problem.sessions == 1:
            nodes, rounds = _single(
                model, lam, seed=seed, stop=stop, params=params, target=_upper_bound(model)
            )
            schedule_nodes = [nodes]
        else:
            schedule_nodes, rounds = _joint(
                model, problem.sessions, lam, seed=seed, stop=stop, params=params
            )
    except ConstructionError:
        raise InfeasibleProblem(
            ["no grouping keeping every kept-apart pair apart was found (too many constraints)"]
        ) from None
    schedule = [nodes[model.node_of] for nodes in schedule_nodes]
    return _result(model, schedule, lam, seed, rounds, time.process_time() - started, labels)


def _core(model: Model, w: np.ndarray) -> Core:
    return Core(
        w=np.ascontiguousarray(w),
        forbid=model.forbid,
        s=model.s,
        lo=model.lo,
        hi=model.hi,
        movable=model.movable,
        start=model.start,
    )


def _upper_bound(model: Model) -> float:
    """Best core objective one session can reach: minus the balanced-count bound, less the pairs
    inside keep-together blocks (which the core leaves out); +inf with numeric criteria."""
    if model.has_numeric:
        return math.inf
    bound = sum(
        c.weight * category_bound(model.people, c.attribute, model.m) for c in model.categorical
    )
    same_node = model.node_of[:, None] == model.node_of[None, :]
    inside = float(np.triu(model.w_person * same_node, 1).sum())
    return -bound - inside


def _single(
    model: Model,
    lam: float,
    *,
    seed: int,
    stop: Stop,
    params: SearchParams | None,
    target: float = math.inf,
) -> tuple[np.ndarray, int]:
    core = _core(model, model.w - lam * model.hist)
    out = search(core, seed=seed, stop=stop, params=params, target=target)
    return out.assignment, out.rounds


def _joint(
    model: Model,
    sessions: int,
    lam: float,
    *,
    seed: int,
    stop: Stop,
    params: SearchParams | None,
) -> tuple[list[np.ndarray], int]:
    """Sessions one after the other (each a short core search), then a joint tabu search."""
    n = model.s.shape[0]
    x = np.zeros((n, n))
    schedule = []
    for t in range(sessions):
        core = _core(model, model.w - lam * (model.hist + model.mult * x))
        out = search(
            core,
            seed=seed * 1009 + t,
            stop=MaxIterations(2),
            params=SearchParams(population=1),
        )
        a = out.assignment
        together = (a[:, None] == a[None, :]).astype(np.float64)
        np.fill_diagonal(together, 0.0)
        x += together
        schedule.append(a)
    state = seed_state(seed)
    best = np.array(schedule, dtype=np.int64)
    best_f = float(_rotation_kernels.rotation_objective(model.w, model.hist, model.mult, lam, best))
    design = _design_start(model, sessions, seed)
    if design is not None:
        f = float(
            _rotation_kernels.rotation_objective(model.w, model.hist, model.mult, lam, design)
        )
        if f > best_f:
            best, best_f = design, f
    target = sessions * _upper_bound(model)
    rounds = 0
    chunk = 2000
    while not stop(best_f) and best_f < target - 1e-9:
        rounds += 1
        found, f, _ = _rotation_kernels.rotation_tabu(
            model.w,
            model.hist,
            model.mult,
            lam,
            model.forbid,
            bool(model.forbid.any()),
            model.s,
            model.lo,
            model.hi,
            model.movable,
            best.copy(),
            chunk,
            chunk,
            2,
            5,
            300,
            3,
            target,
            True,
            state,
        )
        if f > best_f + 1e-9:
            best, best_f = found, float(f)
    return [best[t] for t in range(sessions)], rounds


def _design_start(model: Model, sessions: int, seed: int) -> np.ndarray | None:
    """A repeat-free affine schedule when the shape allows it and kept-apart pairs hold."""
    n, m = model.s.shape[0], model.m
    k = int(model.lo[0])
    if (
        np.any(model.s != 1)
        or np.any(model.movable == 0)
        or np.any(model.lo != k)
        or np.any(model.hi != k)
        or n != m * k
    ):
        return None
    design = affine_schedule(m, k, sessions)
    if design is None:
        return None
    rng = np.random.default_rng(seed)
    for _attempt in range(200):
        schedule = design[:, rng.permutation(n)]
        if all(_kernels.clashes(model.forbid, schedule[t]) == 0 for t in range(sessions)):
            return np.ascontiguousarray(schedule)
    return None


def _result(
    model: Model,
    schedule: list[np.ndarray],
    lam: float,
    seed: int,
    rounds: int,
    cpu: float,
    labels: dict[int, str] | None,
) -> Result:
    n_p = len(model.people)
    iu = np.triu_indices(n_p, 1)
    x = np.zeros((n_p, n_p))
    diversity = 0.0
    for groups in schedule:
        together = groups[:, None] == groups[None, :]
        diversity += float(model.w_person[iu][together[iu]].sum())
        x += together
    np.fill_diagonal(x, 0.0)
    xs = x[iu]
    repeat_cost = lam * float((model.hist_person[iu] * xs).sum() + (xs * (xs - 1) / 2.0).sum())
    repeats = int(((model.hist_person[iu] > 0) * xs).sum() + np.maximum(xs - 1, 0).sum())
    reports = tuple(GroupReport(**r) for r in describe_groups(model, schedule, labels))
    certificate = None
    if model.categorical and not model.has_numeric:
        per_attribute = {}
        cost = bound = 0.0
        for crit in model.categorical:
            same = sum(r.same_category_pairs[crit.attribute] for r in reports)
            low = len(schedule) * category_bound(model.people, crit.attribute, model.m)
            per_attribute[crit.attribute] = (same, low)
            cost += crit.weight * same
            bound += crit.weight * low
        certificate = Certificate(cost=cost, bound=bound, per_attribute=per_attribute)
    ids = [p.id for p in model.people]
    return Result(
        schedule=tuple(
            {pid: int(g) for pid, g in zip(ids, groups, strict=True)} for groups in schedule
        ),
        objective=diversity - repeat_cost,
        diversity=diversity,
        repeat_cost=repeat_cost,
        repeats=repeats,
        groups=reports,
        certificate=certificate,
        seed=seed,
        rounds=rounds,
        cpu_seconds=cpu,
    )


def _solve_peers(
    problem: PeerGroupProblem, *, seed: int, stop: Stop, params: SearchParams | None
) -> Result:
    """One grouping per profession; the overall budget is shared out by headcount."""
    reasons = [
        "pins are not supported for peer groups" for c in problem.constraints if isinstance(c, Pin)
    ][:1]
    present = [p for p in problem.people if p.id not in problem.absent]
    if not present:
        reasons.append("there is nobody to group")
    if problem.size < 1:
        reasons.append(f"the group size must be at least 1, not {problem.size}")
    by_profession: dict[str, list] = {}
    for p in present:
        value = str(p.attributes.get(problem.profession, "") or "").strip()
        by_profession.setdefault(value or "(none)", []).append(p)
    profession_of = {p.id: key for key, members in by_profession.items() for p in members}
    for c in problem.constraints:
        if isinstance(c, KeepTogether):
            found = {profession_of[i] for i in c.ids if i in profession_of}
            if len(found) > 1:
                reasons.append(
                    f"{', '.join(c.ids)} must be together but have different professions"
                )
    if reasons:
        raise InfeasibleProblem(reasons)
    results: list[tuple[str, Result]] = []
    all_reasons: list[str] = []
    for k, (profession, members) in enumerate(sorted(by_profession.items())):
        m = max(1, round(len(members) / problem.size))
        sub = RotationProblem(
            people=tuple(members),
            criteria=problem.criteria,
            constraints=problem.constraints,
            groups=m,
        )
        try:
            res = _solve_people(
                sub,
                seed=seed * 7919 + k,
                stop=portion(stop, len(members) / len(present)),
                params=params,
            )
        except InfeasibleProblem as error:
            all_reasons += [f"{profession}: {r}" for r in error.reasons]
            continue
        results.append((profession, res))
    if all_reasons:
        raise InfeasibleProblem(all_reasons)
    return _merge_peers(results, seed)


def _merge_peers(results: list[tuple[str, Result]], seed: int) -> Result:
    assignment: dict[str, int] = {}
    reports: list[GroupReport] = []
    offset = 0
    cost = bound = 0.0
    per_attribute: dict[str, tuple[int, int]] = {}
    has_certificate = True
    for profession, res in results:
        groups = len({r.group for r in res.groups})
        for pid, g in res.assignment.items():
            assignment[pid] = g + offset
        reports.extend(
            GroupReport(
                session=0,
                group=r.group + offset,
                label=f"{profession} {r.group + 1}",
                members=r.members,
                category_counts=r.category_counts,
                same_category_pairs=r.same_category_pairs,
                apart_violations=r.apart_violations,
                repeat_pairs=r.repeat_pairs,
                new_encounters=r.new_encounters,
            )
            for r in res.groups
        )
        offset += groups
        if res.certificate is None:
            has_certificate = False
        else:
            cost += res.certificate.cost
            bound += res.certificate.bound
            for attr, (same, low) in res.certificate.per_attribute.items():
                old = per_attribute.get(attr, (0, 0))
                per_attribute[attr] = (old[0] + same, old[1] + low)
    return Result(
        schedule=(assignment,),
        objective=sum(r.objective for _, r in results),
        diversity=sum(r.diversity for _, r in results),
        repeat_cost=0.0,
        repeats=0,
        groups=tuple(reports),
        certificate=Certificate(cost, bound, per_attribute) if has_certificate else None,
        seed=seed,
        rounds=sum(r.rounds for _, r in results),
        cpu_seconds=sum(r.cpu_seconds for _, r in results),
    )
