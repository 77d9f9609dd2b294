"""What a solve returns: frozen, recomputed from the assignment, self-explaining."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass


class InfeasibleProblem(ValueError):  # noqa: N818 - the name the issue and the Django side use
    """The hard constraints cannot all hold; ``reasons`` says which and why, one line each."""

    def __init__(self, reasons: list[str]) -> None:
        self.reasons = list(reasons)
        super().__init__("; ".join(self.reasons))


@dataclass(frozen=True)
class GroupReport:
    """One group of one session, explained.

    ``same_category_pairs[attribute]`` counts the member pairs sharing a value;
    ``apart_violations`` lists member pairs sharing a kept-apart value (empty for every result of
    the solver); ``repeat_pairs`` lists member pairs that had met before (in the history or an
    earlier planned session); ``new_encounters[id]`` counts the group-mates ``id`` had never met.
    """

    session: int
    group: int
    label: str
    members: tuple[str, ...]
    category_counts: Mapping[str, Mapping[str, int]]
    same_category_pairs: Mapping[str, int]
    apart_violations: tuple[tuple[str, str], ...]
    repeat_pairs: tuple[tuple[str, str], ...]
    new_encounters: Mapping[str, int]

    @property
    def size(self) -> int:
        return len(self.members)


@dataclass(frozen=True)
class Certificate:
    """How far the categorical objective is from the balanced-count lower bound.

    ``cost`` is the weighted number of same-category member pairs (summed over sessions);
    ``bound`` is a lower bound on it: for each attribute, every category spread as evenly as
    possible over the groups. ``gap_pct`` is ``100 * (cost - bound) / bound`` (0 when both are 0).
    """

    cost: float
    bound: float
    per_attribute: Mapping[str, tuple[int, int]]  # attribute -> (same pairs, bound on them)

    @property
    def gap(self) -> float:
        return self.cost - self.bound

    @property
    def gap_pct(self) -> float:
        if self.bound > 0:
            return 100.0 * (self.cost - self.bound) / self.bound
        return 0.0 if self.cost <= 1e-9 else float("inf")


@dataclass(frozen=True)
class Result:
    """A grouping (or a schedule of groupings) and its explanation.

    ``schedule[t][id]`` is the group of person ``id`` in planned session ``t``; absent people do
    not appear. ``objective = diversity - repeat_cost`` is recomputed from the schedule.
    ``cpu_seconds`` is the search's; ``compiled`` says that this run first compiled (or loaded
    from the cache) the kernels, which took ``compile_seconds`` before the budget's clock started.
    """

    schedule: tuple[Mapping[str, int], ...]
    objective: float
    diversity: float
    repeat_cost: float
    repeats: int
    groups: tuple[GroupReport, ...]
    certificate: Certificate | None
    seed: int
    rounds: int
    cpu_seconds: float
    compiled: bool = False
    compile_seconds: float = 0.0

    @property
    def assignment(self) -> Mapping[str, int]:
        """The groups of the first (often only) planned session."""
        return self.schedule[0]

    def members(self, session: int = 0) -> list[list[str]]:
        """Member ids of each group of ``session``."""
        return [list(r.members) for r in self.groups if r.session == session]


@dataclass(frozen=True)
class MatrixResult:
    """Solution of a MatrixProblem: ``assignment[i]`` is the group of element ``i``.

    ``compiled`` and ``compile_seconds`` as for :class:`Result`.
    """

    assignment: tuple[int, ...]
    objective: float
    sizes: tuple[int, ...]
    feasible: bool
    seed: int
    rounds: int
    cpu_seconds: float
    compiled: bool = False
    compile_seconds: float = 0.0
