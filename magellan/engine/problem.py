"""Problem descriptions: frozen dataclasses, validated by :func:`magellan.engine.solve`."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field

import numpy as np


@dataclass(frozen=True)
class Person:
    """Someone to group: an id and attribute values (``{"profession": "dev", ...}``)."""

    id: str
    attributes: Mapping[str, str] = field(default_factory=dict)


@dataclass(frozen=True)
class CategoricalCriterion:
    """Two members of a group sharing a value of ``attribute`` cost ``weight``."""

    attribute: str
    weight: float = 1.0


@dataclass(frozen=True)
class NumericCriterion:
    """Members whose numeric ``attribute`` values differ gain ``weight * |x - y| / range``."""

    attribute: str
    weight: float = 1.0


Criterion = CategoricalCriterion | NumericCriterion


@dataclass(frozen=True)
class KeepApart:
    """People sharing a (non-empty) value of ``attribute`` never meet in a group."""

    attribute: str


@dataclass(frozen=True)
class KeepTogether:
    """These people always share a group."""

    ids: tuple[str, ...]


@dataclass(frozen=True)
class Pin:
    """This person goes to group ``group`` (0-based), in every session."""

    id: str
    group: int


Constraint = KeepApart | KeepTogether | Pin


@dataclass(frozen=True)
class History:
    """Past sessions, oldest first: each maps a person id to the group they were in.

    An encounter ``k`` sessions before the one being planned weighs ``decay ** (k - 1)``: the last
    session weighs 1, the one before ``decay``, and so on.
    """

    sessions: tuple[Mapping[str, int], ...] = ()
    decay: float = 0.7


@dataclass(frozen=True)
class GroupingProblem:
    """Split ``people`` into groups, maximising diversity under hard constraints.

    Give the number of groups (``groups``), or a target ``size``, or ``min_size``/``max_size``;
    sizes are as even as possible within whatever bounds result.
    """

    people: tuple[Person, ...]
    criteria: tuple[Criterion, ...] = ()
    constraints: tuple[Constraint, ...] = ()
    groups: int | None = None
    size: int | None = None
    min_size: int | None = None
    max_size: int | None = None
    absent: frozenset[str] = frozenset()


@dataclass(frozen=True)
class RotationProblem:
    """Plan ``sessions`` successive groupings so that people meet as few times again as possible.

    ``history`` holds past sessions (recent encounters weigh more). Each repeated encounter costs
    ``repeat_weight`` in the objective (default: more than any diversity gain of one pair, so
    repeats are avoided first and diversity is maximised among schedules with fewest repeats).
    """

    people: tuple[Person, ...]
    sessions: int = 1
    criteria: tuple[Criterion, ...] = ()
    constraints: tuple[Constraint, ...] = ()
    groups: int | None = None
    size: int | None = None
    min_size: int | None = None
    max_size: int | None = None
    history: History = History()
    repeat_weight: float | None = None
    absent: frozenset[str] = frozenset()


@dataclass(frozen=True)
class PeerGroupProblem:
    """Groups of one profession each, of balanced sizes close to ``size``, mixing the rest.

    Each profession is split into ``round(count / size)`` groups (at least one) of even sizes;
    inside a profession, ``criteria`` (by default: challenge and administration) are mixed and
    ``constraints`` hold.
    """

    people: tuple[Person, ...]
    profession: str = "profession"
    size: int = 6
    criteria: tuple[Criterion, ...] = (
        CategoricalCriterion("challenge", 2.0),
        CategoricalCriterion("administration", 1.0),
    )
    constraints: tuple[Constraint, ...] = ()
    absent: frozenset[str] = frozenset()


@dataclass(frozen=True, eq=False)
class MatrixProblem:
    """Plain MDGP: maximise the sum of ``distances[i, j]`` over pairs sharing a group.

    Group ``g`` must have between ``lower[g]`` and ``upper[g]`` elements. Optional ``forbidden``
    pairs (i, j) never share a group.
    """

    distances: np.ndarray
    lower: tuple[int, ...]
    upper: tuple[int, ...]
    forbidden: tuple[tuple[int, int], ...] = ()

    @property
    def n(self) -> int:
        return int(self.distances.shape[0])


Problem = GroupingProblem | RotationProblem | PeerGroupProblem | MatrixProblem


def people_from_rows(
    rows: Sequence[Mapping[str, str]], id_column: str = "id"
) -> tuple[Person, ...]:
    """People from dict rows (e.g. ``csv.DictReader``): the id column plus every other column."""
    return tuple(
        Person(
            id=str(row[id_column]),
            attributes={key: str(value) for key, value in row.items() if key != id_column},
        )
        for row in rows
    )
