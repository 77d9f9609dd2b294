import pytest

from magellan.bulletins import permissions
from tests.factories import BulletinFactory, PersonFactory, UserFactory

pytestmark = pytest.mark.django_db


def _users(team, names):
    return [getattr(team, name).user for name in names]


def test_the_team_s_fellows_and_project_owner_write(team):
    allowed = _users(team, ["fellow", "teammate", "owner"])
    forbidden = _users(team, ["sponsor", "other_fellow", "coach", "mentor"])
    assert [permissions.can_write(u, team.challenge) for u in allowed] == [True] * 3
    assert [permissions.can_write(u, team.challenge) for u in forbidden] == [False] * 4


def test_the_team_the_cohort_and_the_coaches_read_the_team_s_bulletins(team):
    alumni = PersonFactory(alumni=True)
    allowed = [
        *_users(team, ["fellow", "sponsor", "other_fellow", "mentor", "coach"]),
        UserFactory(staff=True),
    ]
    forbidden = [alumni.user, PersonFactory(with_account=True).user, UserFactory()]
    assert [permissions.can_view_team(u, team.challenge) for u in allowed] == [True] * 6
    assert [permissions.can_view_team(u, team.challenge) for u in forbidden] == [False] * 3


def test_the_cohort_page_is_for_the_cohort_s_members_and_the_coaches(team):
    allowed = _users(team, ["fellow", "sponsor", "mentor", "coach"])
    forbidden = [PersonFactory(alumni=True).user, PersonFactory(with_account=True).user]
    assert [permissions.can_view_cohort(u, team.cohort) for u in allowed] == [True] * 4
    assert [permissions.can_view_cohort(u, team.cohort) for u in forbidden] == [False] * 2


def test_a_private_help_need_is_for_the_team_and_the_coaches(team):
    bulletin = BulletinFactory(
        challenge=team.challenge, cohort=team.cohort, help_needed="x", help_is_private=True
    )
    allowed = _users(team, ["fellow", "sponsor", "coach"])
    forbidden = _users(team, ["other_fellow", "mentor"])
    assert [permissions.can_view_help(u, bulletin) for u in allowed] == [True] * 3
    assert [permissions.can_view_help(u, bulletin) for u in forbidden] == [False] * 2
    bulletin.help_is_private = False
    assert permissions.can_view_help(team.other_fellow.user, bulletin) is True


def test_the_team_s_writers_and_the_coaches_set_its_webhook(team):
    allowed = _users(team, ["fellow", "owner", "coach"])
    forbidden = _users(team, ["sponsor", "other_fellow"])
    assert [permissions.can_edit_settings(u, team.challenge) for u in allowed] == [True] * 3
    assert [permissions.can_edit_settings(u, team.challenge) for u in forbidden] == [False] * 2


def test_only_people_with_a_cohort_role_subscribe(team):
    assert permissions.can_subscribe(team.mentor.user) is True
    assert permissions.can_subscribe(PersonFactory(with_account=True).user) is False
    assert permissions.can_subscribe(UserFactory(staff=True)) is False
