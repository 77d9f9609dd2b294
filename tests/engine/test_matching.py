import dataclasses
import math

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from magellan.engine import (
    Match,
    MatchingProblem,
    MatchingResult,
    MaxIterations,
    Mentor,
    Unmatched,
    UnmatchedReason,
    solve,
)
from tests.engine.matching_reference import brute_force, milp_best, random_problem


def problem(needs, mentors, scores, pins=(), exclusions=()):
    return MatchingProblem(
        needs=tuple(needs.split()),
        mentors=tuple(Mentor(m, c) for m, c in mentors.items()),
        scores=scores,
        pins=tuple(pins),
        exclusions=frozenset(exclusions),
    )


def check_valid(p: MatchingProblem, r: MatchingResult) -> None:
    """Everything a result must satisfy, recomputed from the problem."""
    placed = [m.need for m in r.assignment] + [u.need for u in r.unmatched]
    assert sorted(placed) == sorted(p.needs)
    assert [m.need for m in r.assignment] == [
        n for n in p.needs if n in {m.need for m in r.assignment}
    ]
    for m in r.assignment:
        assert p.allowed(m.need, m.mentor)
        assert m.score == p.scores[(m.need, m.mentor)]
        assert m.pinned == ((m.need, m.mentor) in p.pins)
    assert set(p.pins) <= {(m.need, m.mentor) for m in r.assignment}
    load = r.load()
    capacity = {m.id: m.capacity for m in p.mentors}
    assert all(load[m] <= capacity[m] for m in load)
    assert r.objective == pytest.approx(math.fsum(m.score for m in r.assignment), abs=1e-9)
    for u in r.unmatched:
        allowed = [m.id for m in p.mentors if p.allowed(u.need, m.id)]
        if allowed:
            assert u.reason == UnmatchedReason.ALL_AT_CAPACITY
            assert all(load.get(m, 0) == capacity[m] for m in allowed)
        else:
            assert u.reason == UnmatchedReason.NO_ALLOWED_MENTOR


@st.composite
def small_problems(draw):
    n_needs = draw(st.integers(0, 5))
    n_mentors = draw(st.integers(0, 3))
    needs = [f"n{i}" for i in range(n_needs)]
    mentors = {f"m{j}": draw(st.integers(0, 3)) for j in range(n_mentors)}
    score = st.one_of(
        st.integers(-10, 30), st.floats(-10, 30, allow_nan=False).map(lambda x: round(x, 2))
    )
    scores = {}
    for n in needs:
        for m in mentors:
            if draw(st.booleans()):
                scores[(n, m)] = draw(score)
    room = dict(mentors)
    pins = []
    for pair in draw(st.lists(st.sampled_from(sorted(scores)), max_size=3)) if scores else []:
        if room[pair[1]] > 0 and pair[0] not in {n for n, _ in pins}:
            pins.append(pair)
            room[pair[1]] -= 1
    free = [p for p in sorted(scores) if p not in pins]
    exclusions = draw(st.lists(st.sampled_from(free), max_size=3)) if free else []
    return problem(" ".join(needs), mentors, scores, pins, exclusions)


@settings(max_examples=200, deadline=None, derandomize=True)
@given(small_problems())
def test_matching_equals_brute_force_on_small_instances(p):
    result = solve(p, seed=0)

    check_valid(p, result)
    count, score = brute_force(p)
    assert len(result.assignment) == count
    assert result.objective == pytest.approx(score, abs=1e-6)


@pytest.mark.parametrize("seed", range(12))
def test_matching_equals_the_milp_formulation_on_medium_instances(seed):
    p = random_problem(
        seed, needs=60, mentors=20, density=0.25, capacity=(0, 4), pins=5, exclusions=20
    )

    result = solve(p, seed=0)

    check_valid(p, result)
    count, score = milp_best(p)
    assert len(result.assignment) == count
    assert result.objective == pytest.approx(score, abs=1e-6)


def test_matching_prefers_one_more_match_to_a_higher_score():
    p = problem("n1 n2", {"m1": 1, "m2": 1}, {("n1", "m1"): 10, ("n2", "m1"): 9, ("n1", "m2"): -5})

    result = solve(p)

    assert result.assignment == (Match("n1", "m2", -5.0), Match("n2", "m1", 9.0))
    assert result.objective == 4.0
    assert result.unmatched == ()


def test_matching_takes_the_best_score_among_equally_many_matches():
    p = problem(
        "n1 n2",
        {"m1": 1, "m2": 1},
        {("n1", "m1"): 1, ("n1", "m2"): 8, ("n2", "m1"): 3, ("n2", "m2"): 4},
    )

    result = solve(p)

    assert result.assignment == (Match("n1", "m2", 8.0), Match("n2", "m1", 3.0))
    assert result.objective == 11.0


def test_matching_pin_is_kept_even_when_it_lowers_the_score():
    scores = {("n1", "m1"): 10, ("n1", "m2"): 1, ("n2", "m1"): 1, ("n2", "m2"): 10}
    p = problem("n1 n2", {"m1": 1, "m2": 1}, scores, pins=[("n1", "m2")])

    result = solve(p)

    assert result.assignment == (Match("n1", "m2", 1.0, pinned=True), Match("n2", "m1", 1.0))
    assert result.objective == 2.0


def test_matching_exclusion_forbids_the_best_pair():
    p = problem(
        "n1", {"m1": 1, "m2": 1}, {("n1", "m1"): 10, ("n1", "m2"): 2}, exclusions=[("n1", "m1")]
    )

    result = solve(p)

    assert result.assignment == (Match("n1", "m2", 2.0),)


def test_matching_unmatched_needs_carry_their_reason():
    scores = {("n1", "m1"): 5, ("n2", "m1"): 3, ("n3", "m2"): 7, ("n4", "m1"): 1}
    p = problem("n1 n2 n3 n4", {"m1": 1, "m2": 0}, scores, exclusions=[("n4", "m1")])

    result = solve(p)

    assert result.assignment == (Match("n1", "m1", 5.0),)
    assert result.unmatched == (
        Unmatched("n2", UnmatchedReason.ALL_AT_CAPACITY),
        Unmatched("n3", UnmatchedReason.ALL_AT_CAPACITY),
        Unmatched("n4", UnmatchedReason.NO_ALLOWED_MENTOR),
    )
    assert str(UnmatchedReason.NO_ALLOWED_MENTOR) == "no allowed mentor"


def test_matching_result_does_not_depend_on_the_seed_or_the_stop():
    p = random_problem(7, needs=40, mentors=12, density=0.3, capacity=(1, 3))

    first = solve(p, seed=1)
    second = solve(p, seed=99, stop=MaxIterations(0))

    assert first.assignment == second.assignment
    assert first.unmatched == second.unmatched
    assert (first.seed, second.seed) == (1, 99)


def test_matching_problem_keeps_its_own_copy_of_the_scores():
    scores = {("n1", "m1"): 5}
    p = problem("n1", {"m1": 1}, scores)

    scores[("n1", "m1")] = -100
    with pytest.raises(TypeError):
        p.scores[("n1", "m1")] = 0  # type: ignore[index]
    with pytest.raises(dataclasses.FrozenInstanceError):
        p.needs = ()  # type: ignore[misc]
    assert solve(p).objective == 5.0


def test_matching_empty_problem_has_nothing_to_match():
    result = solve(problem("", {}, {}))

    assert (result.assignment, result.unmatched, result.objective) == ((), (), 0.0)


@pytest.mark.parametrize(
    ("kwargs", "message"),
    [
        ({"scores": {("n9", "m1"): 1}}, "score ('n9', 'm1'): unknown need 'n9'"),
        ({"scores": {("n1", "m9"): 1}}, "score ('n1', 'm9'): unknown mentor 'm9'"),
        ({"mentors": {"m1": -1}}, "mentor 'm1': negative capacity -1"),
        ({"mentors": {"m1": 1.5}}, "mentor 'm1': the capacity must be a whole number, not 1.5"),
        ({"needs": "n1 n2 n1"}, "duplicate need id 'n1'"),
        ({"scores": {("n1", "m1"): math.nan}}, "score ('n1', 'm1'): nan is not a finite number"),
        ({"pins": [("n1", "m2")]}, "pin ('n1', 'm2'): the pair is forbidden (it has no score)"),
        (
            {"pins": [("n1", "m1")], "exclusions": [("n1", "m1")]},
            "pin ('n1', 'm1'): the pair is also excluded",
        ),
        (
            {"pins": [("n1", "m1"), ("n2", "m1")]},
            "mentor 'm1' is pinned to 2 needs beyond a capacity of 1",
        ),
        ({"pins": [("n1", "m1"), ("n1", "m1")]}, "need 'n1' is pinned more than once"),
        ({"exclusions": [("n3", "m1")]}, "exclusion ('n3', 'm1'): unknown need 'n3'"),
        ({"pins": [("n1", "m7")]}, "pin ('n1', 'm7'): unknown mentor 'm7'"),
    ],
)
def test_matching_problem_rejects_bad_input(kwargs, message):
    base = {
        "needs": "n1 n2",
        "mentors": {"m1": 1, "m2": 1},
        "scores": {("n1", "m1"): 3, ("n2", "m1"): 2},
    }

    with pytest.raises(ValueError) as error:
        problem(**{**base, **kwargs})

    assert str(error.value) == message
