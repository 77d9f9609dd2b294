import gzip

import numpy as np
import pytest

from magellan.engine import (
    InfeasibleProblem,
    MatrixProblem,
    MaxIterations,
    matrix_objective,
    solve,
)
from magellan.engine.mdgplib import InstanceFormatError, read_instance, write_solution

from .conftest import pair_sum

SQUARE = np.array(
    [
        [0, 1, 9, 9],
        [1, 0, 9, 9],
        [9, 9, 0, 1],
        [9, 9, 1, 0],
    ],
    dtype=float,
)


@pytest.mark.parametrize(
    ("assignment", "expected"), [((0, 0, 1, 1), 1 + 1), ((0, 1, 0, 1), 9 + 9), ((0, 0, 0, 0), 38)]
)
def test_matrix_objective_sums_the_distances_inside_groups(assignment, expected):
    assert matrix_objective(SQUARE, assignment) == expected


def test_two_far_pairs_are_grouped_across():
    result = solve(MatrixProblem(SQUARE, (2, 2), (2, 2)), seed=0, stop=MaxIterations(5))

    assert result.objective == 18.0
    assert result.assignment[0] != result.assignment[1]
    assert result.feasible


def test_forbidden_pairs_hold():
    problem = MatrixProblem(SQUARE, (2, 2), (2, 2), forbidden=((0, 2), (0, 3)))

    result = solve(problem, seed=0, stop=MaxIterations(5))

    assert result.assignment[0] == result.assignment[1]
    assert result.objective == 2.0


def test_different_sizes_follow_the_bounds():
    rng = np.random.default_rng(0)
    d = rng.random((20, 20))
    d = d + d.T
    np.fill_diagonal(d, 0.0)
    problem = MatrixProblem(d, (3, 5, 2), (4, 9, 8))

    result = solve(problem, seed=0, stop=MaxIterations(5))

    assert all(lo <= s <= hi for s, lo, hi in zip(result.sizes, (3, 5, 2), (4, 9, 8), strict=True))
    assert result.objective == pytest.approx(pair_sum(d, result.assignment))


def test_impossible_sizes_are_refused():
    with pytest.raises(InfeasibleProblem) as caught:
        solve(MatrixProblem(SQUARE, (3, 3), (3, 3)), seed=0, stop=MaxIterations(1))

    assert caught.value.reasons == ["4 elements cannot fill groups whose sizes total 6 to 6"]


def test_instance_files_round_trip(tmp_path):
    path = tmp_path / "tiny_ds.txt.gz"
    with gzip.open(path, "wt") as handle:
        handle.write("4 2 ds 1 3 1 3\n0 1 1\n0 2 9\n0 3 9\n1 2 9\n1 3 9\n2 3 1\n")

    problem = read_instance(path)
    result = solve(problem, seed=0, stop=MaxIterations(3))
    write_solution(tmp_path / "sol.txt", result.assignment)

    assert problem.lower == (1, 1)
    assert problem.upper == (3, 3)
    assert np.array_equal(problem.distances, SQUARE)
    assert (tmp_path / "sol.txt").read_text().split() == [str(g) for g in result.assignment]


def test_bad_instance_files_are_reported(tmp_path):
    path = tmp_path / "bad.txt"
    path.write_text("four 2 ss\n")

    with pytest.raises(InstanceFormatError, match="bad header"):
        read_instance(path)
