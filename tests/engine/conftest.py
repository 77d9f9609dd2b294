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
