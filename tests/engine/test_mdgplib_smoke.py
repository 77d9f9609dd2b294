"""Smoke test on six MDGPLIB instances of the shared kit (skipped when the kit is absent)."""

import csv

import numpy as np
import pytest

from magellan.engine import MaxRuntime, matrix_objective, solve
from magellan.engine.mdgplib import read_instance

NAMES = [
    f"{family}_n120_{kind}_01" for family in ("RanReal", "RanInt", "Geo") for kind in ("ss", "ds")
]


@pytest.mark.shared
@pytest.mark.parametrize("name", NAMES)
def test_short_runs_are_feasible_and_within_5_percent(kit, name):
    with open(kit / "bkv.csv", newline="") as handle:
        bkv = {row["instance"]: float(row["bkv"]) for row in csv.DictReader(handle)}
    problem = read_instance(kit / "instances" / f"{name}.txt.gz")

    result = solve(problem, seed=1, stop=MaxRuntime(0.5))

    sizes = np.bincount(result.assignment, minlength=len(problem.lower))
    assert np.all(sizes >= problem.lower)
    assert np.all(sizes <= problem.upper)
    f = matrix_objective(problem.distances, result.assignment)
    assert 100 * (bkv[name] - f) / bkv[name] < 5.0
