import datetime

import pytest
from django.utils import timezone

from magellan.core.models import JobStatus
from magellan.dashboard.queries import RECENT_DAYS, coach_dashboard, member_next, week_of
from magellan.grouping.models import GroupingStatus
from magellan.program.models import GroupingMode
from tests.factories import (
    AttendanceFactory,
    ChallengeFactory,
    ChallengeMembershipFactory,
    CohortFactory,
    FeedbackFactory,
    FormatFactory,
    GroupFactory,
    GroupingFactory,
    GroupMemberFactory,
    JobFactory,
    PersonFactory,
    RegistrationFactory,
    SessionFactory,
    UserFactory,
)

pytestmark = pytest.mark.django_db

# A Wednesday at noon, Paris time: the week runs from Monday 30 November to Sunday 6 December.
NOW = timezone.make_aware(datetime.datetime(2026, 12, 2, 12, 0))


def _at(days: float, hours: float = 0) -> datetime.datetime:
    return NOW + datetime.timedelta(days=days, hours=hours)


def _labels(dashboard, session):
    (item,) = [item for item in dashboard.week_sessions if item.session.pk == session.pk]
    return [(need.label, need.is_done) for need in item.needs]


def _cohort():
    return CohortFactory(start_date=datetime.date(2026, 9, 1), end_date=datetime.date(2027, 6, 30))


def test_week_of_runs_from_monday_to_monday():
    start, end = week_of(datetime.date(2026, 12, 2))

    assert timezone.localtime(start).date() == datetime.date(2026, 11, 30)
    assert end - start == datetime.timedelta(days=7)


def test_only_this_weeks_sessions_are_listed():
    cohort = _cohort()
    monday = SessionFactory(cohort=cohort, starts_at=_at(-2, -3))
    sunday = SessionFactory(cohort=cohort, starts_at=_at(4, 11))
    SessionFactory(cohort=cohort, starts_at=_at(-3))  # last Sunday
    SessionFactory(cohort=cohort, starts_at=_at(5, 13))  # next Monday

    dashboard = coach_dashboard(UserFactory(), now=NOW)

    assert [item.session for item in dashboard.week_sessions] == [monday, sunday]


def test_a_held_session_without_attendance_asks_for_it_then_says_it_is_done():
    session = SessionFactory(cohort=_cohort(), starts_at=_at(-1))
    user = UserFactory()

    assert _labels(coach_dashboard(user, now=NOW), session) == [("Présences à noter", False)]

    AttendanceFactory(session=session)
    assert _labels(coach_dashboard(user, now=NOW), session) == [("Présences notées", True)]


def test_a_sharing_group_session_asks_to_form_then_to_publish_its_groups():
    session = SessionFactory(
        cohort=_cohort(),
        starts_at=_at(1),
        format=FormatFactory(grouping_mode=GroupingMode.DIVERSE),
    )
    user = UserFactory()
    assert _labels(coach_dashboard(user, now=NOW), session) == [("Groupes à former", False)]

    grouping = GroupingFactory(session=session)
    assert _labels(coach_dashboard(user, now=NOW), session) == [("Groupes à publier", False)]

    grouping.status = GroupingStatus.PUBLISHED
    grouping.save()
    assert _labels(coach_dashboard(user, now=NOW), session) == [("Groupes publiés", True)]


def test_a_held_sharing_group_session_no_longer_asks_for_groups():
    session = SessionFactory(
        cohort=_cohort(),
        starts_at=_at(-1),
        format=FormatFactory(grouping_mode=GroupingMode.DIVERSE),
    )

    assert _labels(coach_dashboard(UserFactory(), now=NOW), session) == [
        ("Présences à noter", False)
    ]


def test_waiting_list_and_feedback_are_counted():
    session = SessionFactory(cohort=_cohort(), starts_at=_at(-1))
    AttendanceFactory(session=session)
    RegistrationFactory(session=session, waitlisted=True)
    RegistrationFactory(session=session, waitlisted=True)
    FeedbackFactory(session=session)

    assert _labels(coach_dashboard(UserFactory(), now=NOW), session) == [
        ("Présences notées", True),
        ("2 personnes en liste d’attente", False),
        ("1 avis reçu", True),
    ]


def test_a_cancelled_session_asks_for_nothing():
    session = SessionFactory(cohort=_cohort(), starts_at=_at(-1), cancelled=True)

    dashboard = coach_dashboard(UserFactory(), now=NOW)

    assert _labels(dashboard, session) == [("Séance annulée", True)]
    assert dashboard.todo_count == 0


def test_drafts_of_later_weeks_are_listed_but_not_past_ones():
    later = GroupingFactory(session=SessionFactory(cohort=_cohort(), starts_at=_at(20)))
    GroupingFactory(session=SessionFactory(cohort=_cohort(), starts_at=_at(-20)))
    # This week's draft is said among this week's sessions, not a second time below them.
    GroupingFactory(session=SessionFactory(cohort=_cohort(), starts_at=_at(1)))
    GroupingFactory(
        session=SessionFactory(cohort=_cohort(), starts_at=_at(30)), status=GroupingStatus.PUBLISHED
    )

    assert coach_dashboard(UserFactory(), now=NOW).draft_groupings == [later]


def test_jobs_are_the_users_own_waiting_or_recently_failed_ones():
    user = UserFactory()
    waiting = JobFactory(created_by=user, running=True)
    failed = JobFactory(created_by=user, status=JobStatus.FAILED)
    JobFactory(created_by=user, status=JobStatus.SUCCEEDED)
    JobFactory(created_by=UserFactory(), status=JobStatus.FAILED)  # someone else's
    old = JobFactory(created_by=user, status=JobStatus.FAILED)
    type(old).objects.filter(pk=old.pk).update(
        created_at=timezone.now() - datetime.timedelta(days=RECENT_DAYS + 1)
    )

    assert set(coach_dashboard(user, now=timezone.now()).jobs) == {waiting, failed}


def test_people_without_a_role_and_fellows_without_a_challenge_are_listed():
    cohort = CohortFactory(
        start_date=timezone.localdate() - datetime.timedelta(days=30),
        end_date=timezone.localdate() + datetime.timedelta(days=300),
    )
    lost = PersonFactory(name="Sans Rôle")
    alone = PersonFactory(name="Sans Défi", fellow=True, cohort=cohort)
    placed = PersonFactory(fellow=True, cohort=cohort)
    ChallengeMembershipFactory(person=placed, challenge=ChallengeFactory(cohorts=[cohort]))
    elsewhere = PersonFactory(fellow=True, cohort=cohort)
    ChallengeMembershipFactory(
        person=elsewhere, challenge=ChallengeFactory(cohorts=[CohortFactory()])
    )

    dashboard = coach_dashboard(UserFactory())

    assert dashboard.people_without_role == [lost]
    # Sorted by name: "Personne Fictive …" before "Sans Défi".
    assert dashboard.fellows_without_challenge == [(elsewhere, cohort), (alone, cohort)]


def test_an_empty_week_has_nothing_to_do():
    assert coach_dashboard(UserFactory(), now=NOW).todo_count == 0


def test_member_next_gives_the_published_group_and_the_feedback_still_to_give():
    cohort = CohortFactory()
    fellow = PersonFactory(fellow=True, cohort=cohort)
    diverse = FormatFactory(grouping_mode=GroupingMode.DIVERSE)
    coming = SessionFactory(cohort=cohort, format=diverse)
    group = GroupFactory(grouping=GroupingFactory(session=coming, published=True))
    GroupMemberFactory(group=group, person=fellow)
    held = SessionFactory(cohort=cohort, starts_at=timezone.now() - datetime.timedelta(days=2))
    RegistrationFactory(session=held, person=fellow)
    # Open to registration, but the fellow did not come: no feedback is asked.
    SessionFactory(cohort=cohort, starts_at=timezone.now() - datetime.timedelta(days=1))
    reviewed = SessionFactory(cohort=cohort, starts_at=timezone.now() - datetime.timedelta(days=3))
    FeedbackFactory(session=reviewed, person=fellow)
    SessionFactory(cohort=cohort, starts_at=timezone.now() - datetime.timedelta(days=40))

    next_ = member_next(fellow)

    assert next_.groups == [(coming, group)]
    assert next_.feedback_to_give == [held]


def test_member_next_hides_a_draft_group():
    cohort = CohortFactory()
    fellow = PersonFactory(fellow=True, cohort=cohort)
    coming = SessionFactory(cohort=cohort, format=FormatFactory(grouping_mode=GroupingMode.DIVERSE))
    GroupMemberFactory(group=GroupFactory(grouping=GroupingFactory(session=coming)), person=fellow)

    assert member_next(fellow).groups == []
