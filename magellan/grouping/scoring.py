"""Score and explain any assignment, engine-made or edited by hand (pure: no Django here).

The definitions match the engine's: the cost is the weighted number of member pairs sharing a
category, the bound spreads each category as evenly as possible over the groups, a repeat is a
pair of group-mates who met in a past session, and the objective is `-cost - repeat weight ×
recency-weighted past encounters`. Unlike the engine, it also flags broken hard constraints, so
that a coach's manual move can be shown for what it breaks.
"""

from collections import Counter
from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass
from itertools import combinations

from .problems import Participant, Spec

# Attributes a group's explanation shows (gender is used to mix groups but never shown).
SHOWN = ("profession", "administration", "challenge")


@dataclass(frozen=True)
class Violation:
    """A broken hard constraint in a group: `kind` "apart" (two members share `value` of
    `attribute`), "mixed" (`ids` do not share the group's `value` of `attribute`) or "size"
    (the group's `ids` are fewer or more than the sizes allowed, `value` "low-high")."""

    kind: str
    attribute: str
    value: str
    ids: tuple[str, ...]


@dataclass(frozen=True)
class GroupScore:
    number: int
    members: tuple[str, ...]
    counts: Mapping[str, Mapping[str, int]]
    same_pairs: Mapping[str, int]
    violations: tuple[Violation, ...]
    repeat_pairs: tuple[tuple[str, str], ...]
    new_encounters: Mapping[str, int]
    # How many times each repeat pair had already been in a group together (not weighted).
    repeat_times: tuple[int, ...] = ()

    @property
    def size(self) -> int:
        return len(self.members)

    @property
    def meeting_someone_new(self) -> int:
        """Members who have at least one group-mate they never met."""
        return sum(1 for count in self.new_encounters.values() if count > 0)


@dataclass(frozen=True)
class Evaluation:
    groups: tuple[GroupScore, ...]
    cost: float
    bound: float
    repeat_cost: float
    repeats: int
    new_encounters: int

    @property
    def objective(self) -> float:
        return -self.cost - self.repeat_cost

    @property
    def gap_pct(self) -> float | None:
        """100 × (cost − bound) / bound; 0 when both are 0; None when only the bound is 0."""
        if self.bound > 0:
            return 100.0 * (self.cost - self.bound) / self.bound
        return 0.0 if self.cost <= 1e-9 else None

    @property
    def violations(self) -> int:
        return sum(len(g.violations) for g in self.groups)

    @property
    def meeting_someone_new(self) -> int:
        """People who have at least one group-mate they never met."""
        return sum(g.meeting_someone_new for g in self.groups)


# The thresholds a verdict names ("within 1 % of the best possible", …), in percent.
VERDICT_STEPS = (1, 5, 10)


@dataclass(frozen=True)
class Verdict:
    """A plain verdict on a grouping's mix, for coaches.

    `level` is "broken" (hard constraints broken: `violations` of them), "optimal" (the cost
    reaches the lower bound: no grouping mixes better), "within" (at most `within` percent above
    the bound, so at most that far from the best possible) or "unknown" (further from the bound,
    or a zero bound: the best possible may be higher than the bound, so nothing can be said).
    """

    level: str
    within: int | None = None
    violations: int = 0


def verdict(*, cost: float, bound: float, violations: int = 0) -> Verdict:
    """The verdict on a mix of `cost` (weighted same-category pairs) above its lower `bound`."""
    if violations:
        return Verdict("broken", violations=violations)
    if cost <= bound + 1e-9:
        return Verdict("optimal")
    if bound > 0:
        gap = 100.0 * (cost - bound) / bound
        for step in VERDICT_STEPS:
            if gap <= step + 1e-9:
                return Verdict("within", within=step)
    return Verdict("unknown")


def _value(participant: Participant, attribute: str) -> str:
    return str(getattr(participant, attribute, "") or "").strip()


def balanced_pairs(count: int, groups: int) -> int:
    """Fewest pairs sharing a category when `count` people spread over `groups` groups."""
    q, r = divmod(count, groups)
    return r * (q + 1) * q // 2 + (groups - r) * q * (q - 1) // 2


def _bound(people: Sequence[Participant], groups: int, spec: Spec) -> float:
    total = 0.0
    for attribute, weight in spec.criteria:
        counts = Counter(v for p in people if (v := _value(p, attribute)))
        total += weight * sum(balanced_pairs(c, groups) for c in counts.values())
    return total


def _shared_value(members: Sequence[Participant], attribute: str) -> str:
    """The value most members share (ties: the smallest), the group's own."""
    counts = Counter(_value(p, attribute) for p in members)
    if not counts:
        return ""
    top = max(counts.values())
    return min(v for v, c in counts.items() if c == top)


def _pairs(session: Mapping[str, int]) -> Iterator[frozenset[str]]:
    """Each pair of people who shared a group in one session (person id → group number)."""
    groups: dict[int, list[str]] = {}
    for pid, group in session.items():
        groups.setdefault(group, []).append(pid)
    for members in groups.values():
        for a, b in combinations(sorted(members), 2):
            yield frozenset((a, b))


def past_encounters(
    history: Sequence[Mapping[str, int]], *, decay: float
) -> dict[frozenset[str], float]:
    """Recency-weighted encounters: the last session weighs 1, the one before `decay`, …"""
    weights: dict[frozenset[str], float] = {}
    for age, session in enumerate(reversed(list(history))):
        for key in _pairs(session):
            weights[key] = weights.get(key, 0.0) + decay**age
    return weights


def past_meetings(history: Sequence[Mapping[str, int]]) -> Counter[frozenset[str]]:
    """How many times each pair has been in a group together in `history` (not weighted)."""
    return Counter(key for session in history for key in _pairs(session))


def evaluate(
    participants: Sequence[Participant],
    assignment: Mapping[str, int],
    *,
    spec: Spec,
    history: Sequence[Mapping[str, int]] = (),
    repeat_weight: float = 0.0,
    sizes: tuple[int, int] | None = None,
) -> Evaluation:
    """Scores and explanations of `assignment` (person id → group number).

    `sizes` (low, high), when given, flags each group of fewer than low or more than high members.
    """
    by_id = {p.id: p for p in participants}
    unknown = sorted(set(assignment) - set(by_id))
    if unknown:
        raise ValueError(f"unknown people in the assignment: {', '.join(unknown)}")
    met = past_encounters(history, decay=spec.decay)
    times = past_meetings(history)
    order = {p.id: k for k, p in enumerate(participants)}
    groups: dict[int, list[Participant]] = {}
    for pid in sorted(assignment, key=order.__getitem__):
        groups.setdefault(assignment[pid], []).append(by_id[pid])
    attributes = tuple(dict.fromkeys([*SHOWN, *(a for a, _ in spec.criteria), *spec.apart]))
    scores = []
    cost = repeat_cost = 0.0
    repeats = new_total = 0
    for number in sorted(groups):
        members = groups[number]
        counts: dict[str, dict[str, int]] = {}
        same: dict[str, int] = {}
        for attribute in attributes:
            c = Counter(v for p in members if (v := _value(p, attribute)))
            counts[attribute] = dict(sorted(c.items()))
            same[attribute] = sum(v * (v - 1) // 2 for v in c.values())
        cost += sum(weight * same[attribute] for attribute, weight in spec.criteria)
        violations = [
            Violation(
                "apart",
                attribute,
                value,
                tuple(p.id for p in members if _value(p, attribute) == value),
            )
            for attribute in spec.apart
            for value, count in counts[attribute].items()
            if count > 1
        ]
        if spec.same:
            own = _shared_value(members, spec.same)
            odd = tuple(p.id for p in members if _value(p, spec.same) != own)
            if odd:
                violations.append(Violation("mixed", spec.same, own, odd))
        if sizes is not None and not sizes[0] <= len(members) <= sizes[1]:
            violations.append(
                Violation("size", "size", f"{sizes[0]}-{sizes[1]}", tuple(p.id for p in members))
            )
        repeat_pairs = []
        for a, b in combinations(members, 2):
            weight = met.get(frozenset((a.id, b.id)), 0.0)
            if weight > 0:
                repeat_pairs.append((a.id, b.id))
                repeat_cost += repeat_weight * weight
        new = {
            p.id: sum(1 for q in members if q.id != p.id and frozenset((p.id, q.id)) not in met)
            for p in members
        }
        repeats += len(repeat_pairs)
        new_total += sum(new.values()) // 2
        scores.append(
            GroupScore(
                number=number,
                members=tuple(p.id for p in members),
                counts=counts,
                same_pairs=same,
                violations=tuple(violations),
                repeat_pairs=tuple(repeat_pairs),
                new_encounters=new,
                repeat_times=tuple(times[frozenset(pair)] for pair in repeat_pairs),
            )
        )
    grouped = [by_id[pid] for pid in assignment]
    if spec.same:
        groups_per_value = Counter(_shared_value(m, spec.same) for m in groups.values())
        bound = sum(
            _bound([p for p in grouped if _value(p, spec.same) == value], m, spec)
            for value, m in groups_per_value.items()
        )
    else:
        bound = _bound(grouped, max(1, len(groups)), spec) if groups else 0.0
    return Evaluation(
        groups=tuple(scores),
        cost=cost,
        bound=bound,
        repeat_cost=repeat_cost,
        repeats=repeats,
        new_encounters=new_total,
    )
