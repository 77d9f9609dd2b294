"""Helpers shared by the engine tests (no Django fixtures here)."""

from pathlib import Path

import pytest

from magellan.engine import Person

SHARED = Path(__file__).resolve().parents[2].parent / "shared"
KIT = SHARED / "benchmarks" / "mdgp"


def people(*rows: str, columns: str = "profession,challenge") -> tuple[Person, ...]:
    """people("a dev c1", "b data c2") -> Persons with the given attribute columns."""
    names = columns.split(",")
    out = []
    for row in rows:
        pid, *values = row.split()
        out.append(Person(pid, dict(zip(names, values, strict=True))))
    return tuple(out)


@pytest.fixture
def kit() -> Path:
    if not KIT.is_dir():
        pytest.skip(f"the shared MDGP kit is absent ({KIT})")
    return KIT


def pair_sum(distances, assignment) -> float:
    """The objective of a matrix problem recomputed pair by pair, apart from the engine's code."""
    n = len(assignment)
    return float(
        sum(
            distances[i][j]
            for i in range(n)
            for j in range(i + 1, n)
            if assignment[i] == assignment[j]
        )
    )
