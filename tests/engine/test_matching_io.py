import json

import pytest

from magellan.engine import MatchingProblem, Mentor, solve
from magellan.engine.matching_io import MatchingFormatError, problem_from_json, result_to_json


def test_problem_from_json_builds_the_same_problem_as_the_api():
    text = json.dumps(
        {
            "needs": ["n1", "n2"],
            "mentors": [{"id": "m1", "capacity": 2}, {"id": "m2", "capacity": 0}],
            "scores": [["n1", "m1", 12.5], ["n2", "m1", 3], ["n2", "m2", 1]],
            "pins": [["n1", "m1"]],
            "exclusions": [["n2", "m2"]],
        }
    )

    problem = problem_from_json(text)

    assert problem == MatchingProblem(
        needs=("n1", "n2"),
        mentors=(Mentor("m1", 2), Mentor("m2", 0)),
        scores={("n1", "m1"): 12.5, ("n2", "m1"): 3.0, ("n2", "m2"): 1.0},
        pins=(("n1", "m1"),),
        exclusions=frozenset({("n2", "m2")}),
    )


def test_pins_and_exclusions_are_optional():
    problem = problem_from_json('{"needs": [], "mentors": [], "scores": []}')

    assert (problem.pins, problem.exclusions) == ((), frozenset())


def test_result_to_json_has_exactly_the_three_keys_of_the_issue():
    problem = problem_from_json(
        '{"needs": ["a", "b"], "mentors": [{"id": "m", "capacity": 1}], '
        '"scores": [["a", "m", 1], ["b", "m", 2]]}'
    )

    data = json.loads(result_to_json(solve(problem)))

    assert data == {"assignment": [["b", "m"]], "unmatched": ["a"], "objective": 2.0}


def test_several_faults_of_the_problem_stay_on_one_line():
    text = json.dumps(
        {"needs": ["n1"], "mentors": [{"id": "m1", "capacity": -2}], "scores": [["n2", "m2", 1]]}
    )

    with pytest.raises(MatchingFormatError) as error:
        problem_from_json(text)

    message = str(error.value)
    assert "\n" not in message
    assert "negative capacity -2" in message
    assert "unknown need 'n2'" in message
    assert "unknown mentor 'm2'" in message


def test_result_file_puts_one_pair_per_line():
    problem = problem_from_json(
        '{"needs": ["a", "b", "c"], "mentors": [{"id": "m", "capacity": 2}], '
        '"scores": [["a", "m", 1], ["b", "m", 2.5]]}'
    )

    text = result_to_json(solve(problem))

    assert text == (
        '{\n  "assignment": [\n    ["a", "m"],\n    ["b", "m"]\n  ],\n'
        '  "unmatched": ["c"],\n  "objective": 3.5\n}\n'
    )
