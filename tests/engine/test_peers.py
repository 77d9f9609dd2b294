import pytest

from magellan.engine import (
    InfeasibleProblem,
    KeepTogether,
    MaxIterations,
    PeerGroupProblem,
    Pin,
    solve,
)

from .conftest import people

COHORT = people(
    *(f"dev{i} dev c{i % 4} a{i % 3}" for i in range(13)),
    *(f"data{i} data c{i % 3} a{i % 2}" for i in range(5)),
    "solo design c9 a0",
    columns="profession,challenge,administration",
)


def test_each_peer_group_has_one_profession_and_balanced_sizes():
    result = solve(PeerGroupProblem(people=COHORT, size=6), seed=1, stop=MaxIterations(10))

    by_label = {r.label: r for r in result.groups}
    assert sorted(by_label) == ["data 1", "design 1", "dev 1", "dev 2"]
    assert sorted(r.size for r in result.groups if r.label.startswith("dev")) == [6, 7]
    for report in result.groups:
        assert len(report.category_counts.get("challenge", {})) > 0
        professions = {pid.rstrip("0123456789") for pid in report.members}
        assert len(professions) == 1
    assert sorted(result.assignment.values()) == sorted(
        g for r in result.groups for g in [r.group] * r.size
    )


def test_peer_groups_mix_challenges():
    result = solve(PeerGroupProblem(people=COHORT, size=6), seed=1, stop=MaxIterations(10))

    assert result.certificate is not None
    assert (
        result.certificate.per_attribute["challenge"][0]
        == result.certificate.per_attribute["challenge"][1]
    )


@pytest.mark.parametrize(
    ("constraints", "reason"),
    [
        ((Pin("dev1", 0),), "pins are not supported for peer groups"),
        (
            (KeepTogether(("dev1", "data1")),),
            "dev1, data1 must be together but have different professions",
        ),
    ],
)
def test_peer_group_errors(constraints, reason):
    problem = PeerGroupProblem(people=COHORT, constraints=constraints)

    with pytest.raises(InfeasibleProblem) as caught:
        solve(problem, seed=0, stop=MaxIterations(1))

    assert caught.value.reasons == [reason]
