"""Validation and reduction of people-level problems to the matrix core.

Everything that can be checked before searching is checked here, and every failure becomes one
human-readable reason of :class:`InfeasibleProblem`.
"""

from __future__ import annotations

import math
from collections import Counter, defaultdict
from collections.abc import Mapping, Sequence
from dataclasses import dataclass

import numpy as np

from magellan.engine.problem import (
    CategoricalCriterion,
    Constraint,
    Criterion,
    History,
    KeepApart,
    KeepTogether,
    NumericCriterion,
    Person,
    Pin,
)
from magellan.engine.result import InfeasibleProblem


def size_bounds(
    n: int,
    *,
    groups: int | None,
    size: int | None,
    min_size: int | None,
    max_size: int | None,
) -> tuple[list[int], list[int]]:
    """Per-group size bounds from the number of groups, a target size, or min/max sizes."""
    if n == 0:
        raise InfeasibleProblem(["there is nobody to group"])
    if min_size is not None and min_size < 1:
        raise InfeasibleProblem([f"the minimum group size must be at least 1, not {min_size}"])
    if max_size is not None and min_size is not None and max_size < min_size:
        raise InfeasibleProblem(
            [f"the maximum group size {max_size} is below the minimum {min_size}"]
        )
    if groups is not None:
        if groups < 1:
            raise InfeasibleProblem([f"the number of groups must be at least 1, not {groups}"])
        m = groups
    elif size is not None:
        if size < 1:
            raise InfeasibleProblem([f"the group size must be at least 1, not {size}"])
        m = max(1, round(n / size))
    elif min_size is not None or max_size is not None:
        low = min_size or 1
        high = max_size or n
        fewest, most = math.ceil(n / high), n // low
        if fewest > most:
            raise InfeasibleProblem(
                [f"{n} people cannot be split into groups of {low} to {high} people"]
            )
        m = min(max(round(2 * n / (low + high)), fewest), most)
    else:
        raise InfeasibleProblem(["give a number of groups, a group size, or min/max sizes"])
    lo = min_size if min_size is not None else n // m
    hi = max_size if max_size is not None else math.ceil(n / m)
    if lo == 0 and min_size is None:
        raise InfeasibleProblem([f"{n} people are too few for {m} groups: some would be empty"])
    if m * lo > n or m * hi < n:
        raise InfeasibleProblem(
            [f"{n} people cannot fill {m} groups of {lo} to {hi} people (sizes must sum to {n})"]
        )
    return [lo] * m, [hi] * m


@dataclass(frozen=True)
class Model:
    """A people-level problem reduced to nodes (blocks of people kept together)."""

    people: tuple[Person, ...]  # present people, in input order
    w_person: np.ndarray  # (p, p) pair values (diversity, negative for shared categories)
    forbid_person: np.ndarray  # (p, p) uint8, kept-apart pairs
    hist_person: np.ndarray  # (p, p) recency-weighted past encounters
    node_of: np.ndarray  # (p,) node index of each person
    w: np.ndarray  # (n, n) node-level
    forbid: np.ndarray
    hist: np.ndarray
    mult: np.ndarray  # (n, n) number of person pairs between two nodes
    s: np.ndarray
    lo: np.ndarray
    hi: np.ndarray
    movable: np.ndarray
    start: np.ndarray
    categorical: tuple[CategoricalCriterion, ...]
    apart: tuple[str, ...]
    has_numeric: bool

    @property
    def m(self) -> int:
        return int(self.lo.shape[0])


def _value(person: Person, attribute: str) -> str:
    return str(person.attributes.get(attribute, "") or "").strip()


def _same(values: list[str]) -> np.ndarray:
    codes = {v: k for k, v in enumerate(sorted(set(values)))}
    arr = np.array([codes[v] for v in values], dtype=np.int64)
    nonempty = np.array([v != "" for v in values])
    same = (arr[:, None] == arr[None, :]) & nonempty[:, None] & nonempty[None, :]
    np.fill_diagonal(same, False)
    return same


def build_model(
    people: Sequence[Person],
    *,
    criteria: Sequence[Criterion],
    constraints: Sequence[Constraint],
    absent: frozenset[str] | set[str],
    lo: list[int],
    hi: list[int],
    history: History | None = None,
) -> Model:
    reasons: list[str] = []
    counts = Counter(p.id for p in people)
    reasons += [f"person id {pid!r} appears {c} times" for pid, c in counts.items() if c > 1]
    present = tuple(p for p in people if p.id not in absent)
    index = {p.id: k for k, p in enumerate(present)}
    known = set(counts)
    n_p = len(present)
    m = len(lo)
    if any(a > b for a, b in zip(lo, hi, strict=True)):
        reasons.append("a group has a minimum size above its maximum size")
    if n_p < sum(lo) or n_p > sum(hi):
        reasons.append(
            f"{n_p} people cannot fill {m} groups whose sizes must total {sum(lo)} to {sum(hi)}"
        )
    for crit in criteria:
        if crit.weight < 0:
            reasons.append(f"the weight of {crit.attribute!r} must not be negative")

    # keep together: union-find over present people
    parent = list(range(n_p))

    def find(x: int) -> int:
        while parent[x] != x:
            parent[x] = parent[parent[x]]
            x = parent[x]
        return x

    for c in constraints:
        if isinstance(c, KeepTogether):
            unknown = [pid for pid in c.ids if pid not in known]
            if unknown:
                reasons.append(f"keep-together names unknown people: {', '.join(unknown)}")
            ids = [index[pid] for pid in c.ids if pid in index]
            for x in ids[1:]:
                parent[find(x)] = find(ids[0])
    roots = sorted({find(x) for x in range(n_p)})
    node_index = {r: k for k, r in enumerate(roots)}
    node_of = np.array([node_index[find(x)] for x in range(n_p)], dtype=np.int64)
    n = len(roots)
    blocks: list[list[int]] = [[] for _ in range(n)]
    for x in range(n_p):
        blocks[node_of[x]].append(x)

    # pins
    pinned: dict[int, int] = {}
    pin_of_person: dict[str, int] = {}
    for c in constraints:
        if isinstance(c, Pin):
            if c.id not in known:
                reasons.append(f"pin names an unknown person: {c.id}")
                continue
            if not 0 <= c.group < m:
                reasons.append(f"{c.id} is pinned to group {c.group}, but groups are 0 to {m - 1}")
                continue
            if pin_of_person.get(c.id, c.group) != c.group:
                reasons.append(f"{c.id} is pinned to two groups ({pin_of_person[c.id]}, {c.group})")
                continue
            pin_of_person[c.id] = c.group
            if c.id not in index:
                continue
            node = int(node_of[index[c.id]])
            if pinned.get(node, c.group) != c.group:
                others = [present[x].id for x in blocks[node]]
                reasons.append(
                    f"{', '.join(others)} must be together but are pinned to different groups"
                )
                continue
            pinned[node] = c.group

    s = np.array([len(b) for b in blocks], dtype=np.int64)
    if n and hi and int(s.max()) > max(hi):
        for b in blocks:
            if len(b) > max(hi):
                reasons.append(
                    f"{len(b)} people must be together ({', '.join(present[x].id for x in b)}) "
                    f"but groups hold at most {max(hi)}"
                )
    load: defaultdict[int, int] = defaultdict(int)
    for node, g in pinned.items():
        load[g] += int(s[node])
    for g, total in sorted(load.items()):
        if total > hi[g]:
            reasons.append(f"{total} people are pinned to group {g}, which holds at most {hi[g]}")

    # keep apart
    apart = tuple(dict.fromkeys(c.attribute for c in constraints if isinstance(c, KeepApart)))
    forbid_p = np.zeros((n_p, n_p), dtype=np.uint8)
    for attribute in apart:
        values = [_value(p, attribute) for p in present]
        for value, count in sorted(Counter(v for v in values if v).items()):
            if count > m:
                reasons.append(
                    f"{attribute} {value!r} has {count} people to keep apart "
                    f"but there are only {m} groups"
                )
        forbid_p |= _same(values).astype(np.uint8)
    for b in blocks:
        for x in b:
            for y in b:
                if x < y and forbid_p[x, y]:
                    shared = [a for a in apart if _value(present[x], a) == _value(present[y], a)]
                    reasons.append(
                        f"{present[x].id} and {present[y].id} must be together "
                        f"but share {shared[0]} {_value(present[x], shared[0])!r}"
                    )
    pinned_people = [(x, pinned[int(node_of[x])]) for x in range(n_p) if int(node_of[x]) in pinned]
    for u, (x, gx) in enumerate(pinned_people):
        for y, gy in pinned_people[u + 1 :]:
            if gx == gy and forbid_p[x, y] and node_of[x] != node_of[y]:
                reasons.append(
                    f"{present[x].id} and {present[y].id} are pinned to group {gx} "
                    "but must be kept apart"
                )
    if reasons:
        raise InfeasibleProblem(reasons)

    # pair values
    w_p = np.zeros((n_p, n_p))
    categorical = tuple(c for c in criteria if isinstance(c, CategoricalCriterion))
    for crit in categorical:
        w_p -= crit.weight * _same([_value(p, crit.attribute) for p in present])
    numeric = [c for c in criteria if isinstance(c, NumericCriterion)]
    for crit in numeric:
        raw = [_value(p, crit.attribute) for p in present]
        try:
            vals = np.array([float(v) if v else np.nan for v in raw])
        except ValueError:
            bad = next(p.id for p, v in zip(present, raw, strict=True) if not _is_number(v))
            raise InfeasibleProblem([f"{crit.attribute} of {bad} is not a number"]) from None
        if np.isnan(vals).all():
            continue
        vals = np.where(np.isnan(vals), np.nanmean(vals), vals)
        spread = float(vals.max() - vals.min()) or 1.0
        w_p += crit.weight * np.abs(vals[:, None] - vals[None, :]) / spread
    np.fill_diagonal(w_p, 0.0)

    hist_p = np.zeros((n_p, n_p))
    if history is not None:
        past = list(history.sessions)
        for age, session in enumerate(reversed(past)):
            weight = history.decay**age
            groups = np.array([session.get(p.id, -1 - k) for k, p in enumerate(present)])
            together = groups[:, None] == groups[None, :]
            np.fill_diagonal(together, False)
            hist_p += weight * together

    member = np.zeros((n, n_p))
    member[node_of, np.arange(n_p)] = 1.0
    w = member @ w_p @ member.T
    forbid = (member @ forbid_p @ member.T > 0).astype(np.uint8)
    hist = member @ hist_p @ member.T
    for mat in (w, hist):
        np.fill_diagonal(mat, 0.0)
    np.fill_diagonal(forbid, 0)
    mult = np.outer(s, s).astype(np.float64)
    np.fill_diagonal(mult, 0.0)
    movable = np.ones(n, dtype=np.uint8)
    start = np.zeros(n, dtype=np.int64)
    for node, g in pinned.items():
        movable[node] = 0
        start[node] = g
    return Model(
        people=present,
        w_person=w_p,
        forbid_person=forbid_p,
        hist_person=hist_p,
        node_of=node_of,
        w=np.ascontiguousarray(w),
        forbid=np.ascontiguousarray(forbid),
        hist=np.ascontiguousarray(hist),
        mult=mult,
        s=s,
        lo=np.array(lo, dtype=np.int64),
        hi=np.array(hi, dtype=np.int64),
        movable=movable,
        start=start,
        categorical=categorical,
        apart=apart,
        has_numeric=bool(numeric),
    )


def _is_number(text: str) -> bool:
    try:
        float(text)
    except ValueError:
        return False
    return True


def balanced_pairs(count: int, m: int) -> int:
    """Fewest same-category pairs when ``count`` people spread over ``m`` groups."""
    q, r = divmod(count, m)
    return r * (q + 1) * q // 2 + (m - r) * q * (q - 1) // 2


def category_bound(people: Sequence[Person], attribute: str, m: int) -> int:
    counts = Counter(v for p in people if (v := _value(p, attribute)))
    return sum(balanced_pairs(c, m) for c in counts.values())


def describe_groups(
    model: Model, schedule: list[np.ndarray], labels: Mapping[int, str] | None = None
) -> list[dict]:
    """Per session and group: members, counts, same pairs, violations, repeats, new encounters."""
    present = model.people
    n_p = len(present)
    met = model.hist_person > 0
    met = met.copy()
    out = []
    attributes = list(dict.fromkeys([c.attribute for c in model.categorical] + list(model.apart)))
    for t, groups in enumerate(schedule):
        together = groups[:, None] == groups[None, :]
        np.fill_diagonal(together, False)
        for g in range(model.m):
            idx = [x for x in range(n_p) if groups[x] == g]
            ids = tuple(present[x].id for x in idx)
            counts = {}
            same = {}
            for attribute in attributes:
                c = Counter(_value(present[x], attribute) for x in idx)
                c.pop("", None)
                counts[attribute] = dict(sorted(c.items()))
                same[attribute] = sum(v * (v - 1) // 2 for v in c.values())
            violations = tuple(
                (present[x].id, present[y].id)
                for u, x in enumerate(idx)
                for y in idx[u + 1 :]
                if model.forbid_person[x, y]
            )
            repeats = tuple(
                (present[x].id, present[y].id)
                for u, x in enumerate(idx)
                for y in idx[u + 1 :]
                if met[x, y]
            )
            new = {present[x].id: sum(1 for y in idx if y != x and not met[x, y]) for x in idx}
            out.append(
                {
                    "session": t,
                    "group": g,
                    "label": (labels or {}).get(g, f"group {g + 1}"),
                    "members": ids,
                    "category_counts": counts,
                    "same_category_pairs": same,
                    "apart_violations": violations,
                    "repeat_pairs": repeats,
                    "new_encounters": new,
                }
            )
        met |= together
    return out
