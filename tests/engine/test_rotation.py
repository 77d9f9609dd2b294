import itertools

import numpy as np

from magellan.engine import (
    CategoricalCriterion,
    History,
    KeepApart,
    MaxIterations,
    MaxRuntime,
    Person,
    RotationProblem,
    solve,
)


def _meetings(schedule):
    counts = {}
    for session in schedule:
        groups = {}
        for pid, g in session.items():
            groups.setdefault(g, []).append(pid)
        for members in groups.values():
            for pair in itertools.combinations(sorted(members), 2):
                counts[pair] = counts.get(pair, 0) + 1
    return counts


def test_social_golfer_8_4_9_has_no_repeated_pair():
    golfers = tuple(Person(f"g{i}") for i in range(32))
    problem = RotationProblem(people=golfers, sessions=9, groups=8, min_size=4, max_size=4)

    result = solve(problem, seed=1, stop=MaxRuntime(30))

    assert result.repeats == 0
    assert max(_meetings(result.schedule).values()) == 1
    for session in result.schedule:
        assert sorted(np.bincount(list(session.values()))) == [4] * 8


def test_cohort_of_45_with_challenges_meets_nobody_twice_over_6_sessions():
    rng = np.random.default_rng(5)
    crowd, challenge = [], 0
    while len(crowd) < 45:
        for _ in range(min(int(rng.integers(2, 5)), 45 - len(crowd))):
            crowd.append(
                Person(
                    f"p{len(crowd)}",
                    {"challenge": f"c{challenge}", "profession": str(rng.choice(["dev", "data"]))},
                )
            )
        challenge += 1
    problem = RotationProblem(
        people=tuple(crowd),
        sessions=6,
        size=5,
        criteria=(CategoricalCriterion("profession"),),
        constraints=(KeepApart("challenge"),),
    )

    result = solve(problem, seed=2, stop=MaxIterations(5))

    assert result.repeats == 0
    assert all(r.apart_violations == () for r in result.groups)


def test_next_session_avoids_the_people_met_last_time():
    crowd = tuple(Person(str(i)) for i in range(8))
    last = {str(i): i // 4 for i in range(8)}  # {0..3} and {4..7} met last time
    problem = RotationProblem(people=crowd, groups=2, history=History(sessions=(last,)))

    result = solve(problem, seed=0, stop=MaxIterations(10))

    assert result.repeats == 4  # two of each old group must stay together: the minimum
    for report in result.groups:
        assert sum(report.new_encounters.values()) == 8


def test_recent_encounters_weigh_more_than_old_ones():
    crowd = tuple(Person(str(i)) for i in range(4))
    old = {"0": 0, "1": 0, "2": 1, "3": 1}
    middle = {"0": 0, "3": 0, "1": 1, "2": 1}
    recent = {"0": 0, "2": 0, "1": 1, "3": 1}
    history = History(sessions=(old, middle, recent))
    problem = RotationProblem(people=crowd, groups=2, history=history)

    result = solve(problem, seed=0, stop=MaxIterations(5))

    assert result.assignment["0"] == result.assignment["1"]  # the older pairing comes back


def test_rotation_is_deterministic_for_a_seed_and_iteration_budget():
    crowd = tuple(Person(str(i), {"p": "ab"[i % 2]}) for i in range(12))
    problem = RotationProblem(
        people=crowd, sessions=3, groups=3, criteria=(CategoricalCriterion("p"),)
    )

    first = solve(problem, seed=4, stop=MaxIterations(3))
    second = solve(problem, seed=4, stop=MaxIterations(3))

    assert first.schedule == second.schedule
    assert first.objective == second.objective
