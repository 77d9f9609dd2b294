from magellan import engine
from magellan.grouping.problems import (
    DIVERSE,
    PEER,
    Participant,
    diverse_problem,
    engine_people,
    history_from_groups,
    peer_problem,
    size_range,
)

ANA = Participant("1", "Ana", "design", "Intérieur", "defi-a", "female")
BOB = Participant("2", "Bob", "development", "Intérieur", "defi-a", "male")
CHLOE = Participant("3", "Chloé", "design", "Justice", "defi-b", "")


def test_engine_people_carry_the_four_attributes() -> None:
    assert engine_people([ANA, CHLOE]) == (
        engine.Person(
            "1",
            {
                "profession": "design",
                "administration": "Intérieur",
                "challenge": "defi-a",
                "gender": "female",
            },
        ),
        engine.Person(
            "3",
            {
                "profession": "design",
                "administration": "Justice",
                "challenge": "defi-b",
                "gender": "",
            },
        ),
    )


def test_history_from_groups_keeps_only_people_being_grouped() -> None:
    past = [{"1": 0, "2": 0, "9": 1}, {"1": 0, "9": 0}]

    history = history_from_groups(past, among=["1", "2", "3"])

    assert history == engine.History(sessions=({"1": 0, "2": 0},), decay=0.7)


def test_diverse_problem_keeps_challenges_apart_and_weighs_professions_first() -> None:
    history = engine.History(sessions=({"1": 0, "2": 0},))

    problem = diverse_problem(
        [ANA, BOB, CHLOE], min_size=4, max_size=5, history=history, sessions=2
    )

    assert (problem.criteria, problem.constraints) == (
        (
            engine.CategoricalCriterion("profession", 3.0),
            engine.CategoricalCriterion("administration", 2.0),
            engine.CategoricalCriterion("gender", 1.0),
        ),
        (engine.KeepApart("challenge"),),
    )
    assert (problem.min_size, problem.max_size, problem.sessions, problem.history) == (
        4,
        5,
        2,
        history,
    )
    assert problem.repeat_weight == 2 * 5 * 6.0 + 1


def test_peer_problem_groups_by_profession_mixing_challenges() -> None:
    problem = peer_problem([ANA, BOB], size=6)

    assert (problem.profession, problem.size, problem.criteria) == (
        "profession",
        6,
        (
            engine.CategoricalCriterion("challenge", 2.0),
            engine.CategoricalCriterion("administration", 1.0),
        ),
    )


def test_specs_differ_in_what_they_hold_fixed() -> None:
    assert (DIVERSE.apart, DIVERSE.same, PEER.apart, PEER.same) == (
        ("challenge",),
        "",
        (),
        "profession",
    )


def test_size_range_uses_the_format_or_defaults() -> None:
    assert [
        size_range(4, 5),
        size_range(None, None),
        size_range(None, 3),
        size_range(6, None),
        size_range(5, 4),
    ] == [
        (4, 5),
        (5, 5),
        (3, 3),
        (6, 6),
        (4, 5),
    ]


def test_diverse_problem_solves_with_challenges_apart() -> None:
    people = [
        Participant(
            str(k),
            f"P{k}",
            ["design", "development", "data_science"][k % 3],
            f"adm{k % 2}",
            f"c{k // 3}",
        )
        for k in range(12)
    ]

    result = engine.solve(
        diverse_problem(people, min_size=3, max_size=4), seed=1, stop=engine.MaxIterations(20)
    )

    challenge_of = {p.id: p.challenge for p in people}
    for members in result.members():
        assert len({challenge_of[m] for m in members}) == len(members)
