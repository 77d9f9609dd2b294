import time

import pytest

from magellan.engine import AllOf, FirstOf, MaxIterations, MaxRuntime, NoImprovement


def test_max_iterations_stops_after_the_budget():
    stop = MaxIterations(3)

    answers = [stop(0.0) for _ in range(5)]

    assert answers == [False, False, False, True, True]


def test_no_improvement_counts_rounds_without_a_better_best():
    stop = NoImprovement(2)

    answers = [stop(f) for f in (1.0, 2.0, 2.0, 2.0, 2.0)]

    assert answers == [False, False, False, False, True]


def test_max_runtime_measures_cpu_time_from_the_first_call():
    stop = MaxRuntime(0.05)
    assert stop(0.0) is False
    end = time.process_time() + 0.1
    while time.process_time() < end:
        pass

    assert stop(0.0) is True


def test_first_of_stops_when_any_criterion_does():
    stop = FirstOf(MaxIterations(1), MaxIterations(5))

    assert [stop(0.0), stop(0.0)] == [False, True]


def test_all_of_stops_when_every_criterion_does():
    stop = AllOf(MaxIterations(1), MaxIterations(2))

    assert [stop(0.0), stop(0.0), stop(0.0)] == [False, False, True]


def test_negative_budgets_are_refused():
    with pytest.raises(ValueError, match="non-negative"):
        MaxIterations(-1)
    with pytest.raises(ValueError, match="non-negative"):
        MaxRuntime(-1.0)


def test_portion_shares_time_and_renews_round_budgets():
    from magellan.engine.stop import portion

    shared = portion(FirstOf(MaxRuntime(10.0), MaxIterations(4)), 0.25)

    assert isinstance(shared, FirstOf)
    assert shared.criteria[0].seconds == 2.5
    assert shared.criteria[1].iterations == 4
