import itertools

import pytest

from magellan.engine.result import InfeasibleProblem
from magellan.engine.review_assignment import ReviewAssignmentProblem, solve_review_assignment
from magellan.engine.solve import solve


def _problem(**kwargs):
    base = {"subjects": ["a1", "a2", "a3"], "reviewers": ["r1", "r2", "r3"], "per_subject": 2}
    return ReviewAssignmentProblem.build(**(base | kwargs))


def test_every_subject_gets_its_reviewers_with_the_load_balanced():
    result = solve(_problem())

    assert len(result.pairs) == 6
    assert all(len(result.reviewers_of(s)) == 2 for s in ("a1", "a2", "a3"))
    assert result.loads == {"r1": 2, "r2": 2, "r3": 2}
    assert (result.max_load, result.min_load) == (2, 2)


def test_a_forbidden_pair_is_never_chosen():
    result = solve(_problem(forbidden=[("a1", "r1"), ("a2", "r1")]))

    assert ("a1", "r1") not in result.pairs
    assert ("a2", "r1") not in result.pairs
    assert result.reviewers_of("a1") == ["r2", "r3"]
    assert result.reviewers_of("a2") == ["r2", "r3"]


def test_the_largest_load_is_minimal_then_the_spread():
    # 5 subjects × 1 review over 2 reviewers: 3 and 2, never 4 and 1.
    result = solve(
        _problem(subjects=[f"a{i}" for i in range(5)], reviewers=["r1", "r2"], per_subject=1)
    )

    assert sorted(result.loads.values()) == [2, 3]


def test_the_optimum_matches_a_brute_force_on_small_cases():
    subjects, reviewers = ["a", "b", "c", "d"], ["x", "y", "z"]
    forbidden = {("a", "x"), ("b", "x"), ("c", "y")}
    result = solve(_problem(subjects=subjects, reviewers=reviewers, forbidden=forbidden))
    best = None
    options = [
        [c for c in itertools.combinations(reviewers, 2) if not {(s, r) for r in c} & forbidden]
        for s in subjects
    ]
    for choice in itertools.product(*options):
        loads = [sum(r in c for c in choice) for r in reviewers]
        key = (max(loads), max(loads) - min(loads))
        best = key if best is None or key < best else best
    assert (result.max_load, result.max_load - result.min_load) == best


def test_kept_pairs_stay():
    result = solve(_problem(keep=[("a1", "r1"), ("a2", "r1"), ("a3", "r1")]))

    assert {("a1", "r1"), ("a2", "r1"), ("a3", "r1")} <= set(result.pairs)
    assert result.loads["r1"] == 3


def test_a_subject_short_of_allowed_reviewers_is_named():
    with pytest.raises(InfeasibleProblem) as error:
        solve(_problem(forbidden=[("a2", "r1"), ("a2", "r2")]))

    assert error.value.reasons == ["a2: 1 allowed reviewer(s) for 2 reviews needed"]


def test_a_kept_forbidden_pair_is_refused():
    with pytest.raises(InfeasibleProblem) as error:
        solve_review_assignment(_problem(forbidden=[("a1", "r1")], keep=[("a1", "r1")]))

    assert error.value.reasons == ["kept pair (a1, r1) is also forbidden"]


def test_no_reviewer_at_all_is_infeasible():
    with pytest.raises(InfeasibleProblem) as error:
        solve(_problem(reviewers=[]))

    assert len(error.value.reasons) == 3


def test_the_seed_is_recorded_and_changes_nothing():
    assert solve(_problem(), seed=3).pairs == solve(_problem(), seed=7).pairs
    assert solve(_problem(), seed=3).seed == 3
