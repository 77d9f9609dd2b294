import pytest

from magellan.values import queries
from magellan.values.models import Status, Value
from tests.factories import DatasetFactory, PersonFactory, ValueStatusFactory

from .values_world import make_team

pytestmark = pytest.mark.django_db


def test_coaches_read_every_challenges_values_and_members_their_teams_only():
    team = make_team()
    mine = ValueStatusFactory(challenge=team.challenge, phase=team.phase(1))
    other = ValueStatusFactory(challenge=team.other_challenge, phase=team.phase(1))
    my_dataset = DatasetFactory(challenge=team.challenge)
    other_dataset = DatasetFactory(challenge=team.other_challenge)
    coach = team.coach.user
    assert set(queries.values_visible_to(coach)) == {mine, other}
    assert set(queries.datasets_visible_to(coach)) == {my_dataset, other_dataset}
    assert set(queries.challenges_visible_to(coach)) >= {team.challenge, team.other_challenge}
    for member in (team.fellow, team.project_owner, team.sponsor):
        assert list(queries.values_visible_to(member.user)) == [mine]
        assert list(queries.datasets_visible_to(member.user)) == [my_dataset]
        assert list(queries.challenges_visible_to(member.user)) == [team.challenge]
    outsider = PersonFactory(with_account=True).user
    assert list(queries.values_visible_to(outsider)) == []
    assert list(queries.datasets_visible_to(outsider)) == []


def test_the_challenges_values_default_to_not_started_and_keep_the_history_of_its_phases():
    team = make_team()
    ValueStatusFactory(
        challenge=team.challenge, phase=team.phase(2), value=Value.ECODESIGN, status=Status.DONE
    )
    phases, rows = queries.challenge_values(team.challenge)
    assert phases == team.phases
    ecodesign = next(row for row in rows if row.value == Value.ECODESIGN)
    assert [cell.status for cell in ecodesign.cells] == [
        Status.NOT_STARTED,
        Status.DONE,
        Status.NOT_STARTED,
        Status.NOT_STARTED,
    ]
    assert [row.value for row in rows] == list(Value)


def test_the_default_phase_is_the_one_under_way():
    team = make_team(under_way=3)
    today = team.phase(3).start_date
    assert queries.default_phase(team.phases, today) == team.phase(3)
    # Between two phases: the latest started; before any: the first.
    assert queries.default_phase(team.phases, team.phase(3).end_date) == team.phase(3)
    gap = team.phase(1).end_date + (team.phase(2).start_date - team.phase(1).end_date) / 2
    assert queries.default_phase(team.phases, gap) == team.phase(1)
    assert queries.default_phase(team.phases, team.phase(1).start_date.replace(year=2000)) == (
        team.phase(1)
    )
    assert queries.default_phase([], today) is None
