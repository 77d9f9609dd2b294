import datetime

import pytest
from django.utils import timezone

from magellan.directory.models import Role
from magellan.exports.tables import EXPORTS
from magellan.grouping.models import GroupingStatus
from magellan.program.models import RegistrationStatus
from tests.factories import (
    AttendanceFactory,
    BulletinFactory,
    ChallengeFactory,
    ChallengeMembershipFactory,
    CohortFactory,
    CohortRoleFactory,
    FeedbackFactory,
    FormatFactory,
    GroupFactory,
    GroupingFactory,
    GroupMemberFactory,
    HelpRequestFactory,
    PersonFactory,
    RegistrationFactory,
    SessionFactory,
)

pytestmark = pytest.mark.django_db

PARIS_9_30 = datetime.datetime(2026, 3, 10, 9, 30)


def _rows(name, cohort):
    return [list(row) for row in EXPORTS[name].rows(cohort)]


def _session(cohort, **kwargs):
    starts = timezone.make_aware(PARIS_9_30)
    return SessionFactory(
        cohort=cohort,
        starts_at=starts,
        ends_at=starts + datetime.timedelta(hours=2),
        **kwargs,
    )


def test_every_export_has_as_many_headers_as_cells_in_its_rows():
    cohort = CohortFactory()
    person = PersonFactory(fellow=True, cohort=cohort)
    challenge = ChallengeFactory(cohorts=[cohort])
    ChallengeMembershipFactory(person=person, challenge=challenge)
    BulletinFactory(cohort=cohort, challenge=challenge, author=person)
    session = _session(cohort)
    RegistrationFactory(session=session, person=person)
    AttendanceFactory(session=session, person=person)
    FeedbackFactory(session=session, person=person)
    GroupMemberFactory(group=GroupFactory(grouping=GroupingFactory(session=session)), person=person)
    HelpRequestFactory(author=person, cohort=cohort)

    for export in EXPORTS.values():
        rows = _rows(export.slug, cohort)
        assert rows, export.slug
        assert {len(row) for row in rows} == {len(export.headers())}, export.slug


def test_people_lists_the_cohorts_people_with_their_roles_and_challenges_only():
    cohort = CohortFactory()
    other = CohortFactory()
    awa = PersonFactory(name="Awa", email="awa@example.test", fellow=True, cohort=cohort)
    CohortRoleFactory(person=awa, cohort=cohort, role=Role.MENTOR)
    challenge = ChallengeFactory(title="Océans", cohorts=[cohort])
    ChallengeMembershipFactory(person=awa, challenge=challenge)
    ChallengeMembershipFactory(
        person=awa, challenge=ChallengeFactory(title="Ailleurs", cohorts=[other])
    )
    PersonFactory(name="Bruno", fellow=True, cohort=other)

    assert _rows("personnes", cohort) == [
        ["Awa", "awa@example.test", "EIG, Parrain·marraine", "Développement", "", "Océans", False]
    ]


def test_challenges_lists_each_team_by_role():
    cohort = CohortFactory()
    challenge = ChallengeFactory(title="Océans", cohorts=[cohort], town="Brest", is_visible=False)
    ChallengeMembershipFactory(challenge=challenge, person=PersonFactory(name="Zoé"))
    ChallengeMembershipFactory(challenge=challenge, person=PersonFactory(name="Awa"))
    ChallengeMembershipFactory(
        challenge=challenge, person=PersonFactory(name="Paul"), role=Role.PROJECT_OWNER
    )

    (row,) = _rows("defis", cohort)
    assert row[0] == "Océans"
    assert row[2:] == ["Brest", "Awa, Zoé", "Paul", "", False]


def test_sessions_count_registrations_presence_and_feedback_per_session():
    cohort = CohortFactory()
    session = _session(cohort, title="Atelier RGAA", place="Ségur", capacity=2)
    session.facilitators.add(PersonFactory(name="Coach B"), PersonFactory(name="Coach A"))
    for _ in range(2):
        RegistrationFactory(session=session)
    RegistrationFactory(session=session, waitlisted=True)
    RegistrationFactory(session=session, status=RegistrationStatus.CANCELLED)
    AttendanceFactory(session=session)
    AttendanceFactory(session=session, is_present=False)
    FeedbackFactory(session=session, rating=5)
    FeedbackFactory(session=session, rating=2)

    (row,) = _rows("seances", cohort)
    assert row[0] == PARIS_9_30
    assert row[1] == PARIS_9_30 + datetime.timedelta(hours=2)
    assert row[3] == "Atelier RGAA"
    assert row[6] == "Ségur"
    assert row[8] == "Coach A, Coach B"
    assert row[9:15] == [2, 2, 1, 1, 2, 3.5]


def test_attendance_by_person_gives_the_same_rates_as_the_report():
    cohort = CohortFactory()
    awa = PersonFactory(name="Awa")
    first, second = _session(cohort), _session(cohort)
    AttendanceFactory(session=first, person=awa, is_present=True)
    AttendanceFactory(session=second, person=awa, is_present=False)

    assert _rows("presences-par-personne", cohort) == [["Awa", 2, 1, 2, 0, 50]]
    assert _rows("presences", cohort) == [
        [PARIS_9_30, first.display_title, "Awa", True, False],
        [PARIS_9_30, second.display_title, "Awa", False, False],
    ]


def test_feedback_carries_the_comment_and_its_author():
    cohort = CohortFactory()
    session = _session(cohort, format=FormatFactory(name="Codev"))
    FeedbackFactory(session=session, person=PersonFactory(name="Awa"), rating=4, comment="=utile")

    (row,) = _rows("avis", cohort)
    assert row[:6] == [PARIS_9_30, "Codev", session.display_title, "Awa", 4, "=utile"]


def test_groups_list_each_member_with_the_groupings_state():
    cohort = CohortFactory()
    session = _session(cohort)
    grouping = GroupingFactory(session=session, status=GroupingStatus.PUBLISHED)
    GroupMemberFactory(
        group=GroupFactory(grouping=grouping, number=2), person=PersonFactory(name="Zoé")
    )
    GroupMemberFactory(
        group=GroupFactory(grouping=grouping, number=1), person=PersonFactory(name="Awa")
    )

    assert [row[2:4] + row[5:] for row in _rows("groupes", cohort)] == [
        ["Groupe 1", "Awa", "Publiés"],
        ["Groupe 2", "Zoé", "Publiés"],
    ]
