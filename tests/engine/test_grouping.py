import pytest

from magellan.engine import (
    CategoricalCriterion,
    GroupingProblem,
    InfeasibleProblem,
    KeepApart,
    KeepTogether,
    MaxIterations,
    NumericCriterion,
    Person,
    Pin,
    solve,
)

from .conftest import people

TEAM = people(
    "a dev c1",
    "b dev c1",
    "c dev c2",
    "d data c2",
    "e data c3",
    "f data c3",
    "g design c4",
    "h design c4",
)


def _groups_of(result):
    return {frozenset(m) for m in result.members()}


def test_two_groups_mix_professions_perfectly():
    problem = GroupingProblem(people=TEAM, criteria=(CategoricalCriterion("profession"),), groups=2)

    result = solve(problem, seed=1, stop=MaxIterations(10))

    assert result.certificate is not None
    assert result.certificate.cost == result.certificate.bound == 2
    assert result.certificate.gap_pct == 0.0
    assert sorted(r.size for r in result.groups) == [4, 4]


def test_keep_apart_separates_each_challenge():
    problem = GroupingProblem(people=TEAM, constraints=(KeepApart("challenge"),), groups=2)

    result = solve(problem, seed=3, stop=MaxIterations(5))

    for pair in (("a", "b"), ("c", "d"), ("e", "f"), ("g", "h")):
        assert result.assignment[pair[0]] != result.assignment[pair[1]]
    assert all(r.apart_violations == () for r in result.groups)


def test_keep_together_and_pin_hold():
    problem = GroupingProblem(
        people=TEAM,
        criteria=(CategoricalCriterion("profession"),),
        constraints=(KeepTogether(("a", "b")), Pin("a", 1), Pin("g", 0)),
        groups=2,
    )

    result = solve(problem, seed=2, stop=MaxIterations(5))

    assert result.assignment["a"] == result.assignment["b"] == 1
    assert result.assignment["g"] == 0


def test_absent_people_are_left_out():
    problem = GroupingProblem(people=TEAM, groups=2, absent=frozenset({"h", "a"}))

    result = solve(problem, seed=0, stop=MaxIterations(2))

    assert set(result.assignment) == set("bcdefg")
    assert sorted(r.size for r in result.groups) == [3, 3]


def test_size_picks_the_number_of_groups_and_even_sizes():
    crowd = tuple(Person(str(i), {"profession": "dev" if i % 2 else "data"}) for i in range(23))
    problem = GroupingProblem(people=crowd, criteria=(CategoricalCriterion("profession"),), size=5)

    result = solve(problem, seed=0, stop=MaxIterations(3))

    assert sorted(r.size for r in result.groups) == [4, 4, 5, 5, 5]


def test_numeric_criterion_spreads_values():
    crowd = tuple(Person(str(i), {"age": str(20 + 10 * (i // 2))}) for i in range(4))
    problem = GroupingProblem(people=crowd, criteria=(NumericCriterion("age"),), groups=2)

    result = solve(problem, seed=0, stop=MaxIterations(5))

    assert result.assignment["0"] != result.assignment["1"]
    assert result.certificate is None


def test_group_reports_explain_each_group():
    problem = GroupingProblem(
        people=TEAM,
        criteria=(CategoricalCriterion("profession"),),
        constraints=(KeepApart("challenge"),),
        groups=2,
    )

    result = solve(problem, seed=1, stop=MaxIterations(5))

    report = result.groups[0]
    assert sum(report.category_counts["profession"].values()) == 4
    assert set(report.new_encounters.values()) == {3}
    assert report.repeat_pairs == ()
    assert report.label == "group 1"


@pytest.mark.parametrize(
    ("problem", "reason"),
    [
        (
            GroupingProblem(people=TEAM, constraints=(KeepApart("challenge"),), groups=1),
            "challenge 'c1' has 2 people to keep apart but there are only 1 groups",
        ),
        (
            GroupingProblem(people=TEAM, groups=3, min_size=3, max_size=3),
            "8 people cannot fill 3 groups of 3 to 3 people (sizes must sum to 8)",
        ),
        (
            GroupingProblem(
                people=TEAM,
                constraints=(KeepApart("challenge"), KeepTogether(("a", "b"))),
                groups=4,
            ),
            "a and b must be together but share challenge 'c1'",
        ),
        (
            GroupingProblem(people=TEAM, constraints=(Pin("a", 0), Pin("a", 1)), groups=2),
            "a is pinned to two groups (0, 1)",
        ),
        (
            GroupingProblem(people=TEAM, constraints=(Pin("zz", 0),), groups=2),
            "pin names an unknown person: zz",
        ),
        (
            GroupingProblem(people=TEAM, constraints=(Pin("a", 5),), groups=2),
            "a is pinned to group 5, but groups are 0 to 1",
        ),
        (
            GroupingProblem(
                people=TEAM,
                constraints=(KeepTogether(("a", "c")), Pin("a", 0), Pin("c", 1)),
                groups=2,
            ),
            "a, c must be together but are pinned to different groups",
        ),
        (
            GroupingProblem(
                people=TEAM,
                constraints=(KeepApart("challenge"), Pin("a", 0), Pin("b", 0)),
                groups=4,
            ),
            "a and b are pinned to group 0 but must be kept apart",
        ),
        (
            GroupingProblem(people=(*TEAM, Person("a")), groups=2),
            "person id 'a' appears 2 times",
        ),
        (GroupingProblem(people=()), "there is nobody to group"),
        (
            GroupingProblem(people=TEAM, groups=9),
            "8 people are too few for 9 groups: some would be empty",
        ),
        (GroupingProblem(people=TEAM), "give a number of groups, a group size, or min/max sizes"),
        (
            GroupingProblem(people=TEAM, constraints=(KeepTogether(tuple("abcde")),), groups=2),
            "5 people must be together (a, b, c, d, e) but groups hold at most 4",
        ),
    ],
    ids=[
        "challenge-larger-than-groups",
        "impossible-sizes",
        "together-vs-apart",
        "pinned-twice",
        "unknown-pin",
        "pin-out-of-range",
        "together-vs-pins",
        "pins-vs-apart",
        "duplicate-id",
        "nobody",
        "empty-groups",
        "no-size",
        "block-too-big",
    ],
)
def test_infeasible_problems_say_why_before_searching(problem, reason):
    def never(best):
        raise AssertionError("the search must not start")

    with pytest.raises(InfeasibleProblem) as caught:
        solve(problem, seed=0, stop=never)

    assert reason in caught.value.reasons


def test_infeasible_problem_lists_every_reason():
    problem = GroupingProblem(
        people=TEAM,
        constraints=(Pin("zz", 0), Pin("a", 9), KeepApart("challenge")),
        groups=1,
    )

    with pytest.raises(InfeasibleProblem) as caught:
        solve(problem, seed=0, stop=MaxIterations(1))

    assert len(caught.value.reasons) >= 3


def test_search_stops_once_the_bound_is_reached():
    problem = GroupingProblem(people=TEAM, criteria=(CategoricalCriterion("profession"),), groups=2)

    result = solve(problem, seed=1, stop=MaxIterations(10_000))

    assert result.certificate is not None
    assert result.certificate.gap == 0
    assert result.rounds < 10_000
