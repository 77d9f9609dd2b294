import datetime

import pytest
from django.utils import timezone

from magellan.grouping import queries, services
from magellan.grouping.models import GroupingKind
from tests.factories import AttendanceFactory, SessionFactory

from .conftest import Setting

pytestmark = pytest.mark.django_db


def _session(setting: Setting, days: int) -> object:
    starts_at = timezone.now() + datetime.timedelta(days=days)
    return SessionFactory(
        cohort=setting.cohort,
        format=setting.format,
        starts_at=starts_at,
        ends_at=starts_at + datetime.timedelta(hours=1),
    )


def _grouped(
    setting: Setting, session: object, assignment: dict[int, int], *, publish: bool
) -> object:
    grouping = services.save_groups(
        session=session,
        kind=GroupingKind.DIVERSE,
        assignment={str(setting.fellows[i].pk): g for i, g in assignment.items()},
        labels={},
        seed=1,
        repeat_weight=0.0,
    )
    if publish:
        services.publish_grouping(grouping=grouping)
    return grouping


def test_participants_of_reads_challenge_and_administration(setting: Setting) -> None:
    fellow = setting.fellows[0]
    challenge = setting.challenges[0]

    [participant] = queries.participants_of([fellow], cohort=setting.cohort)

    assert (
        participant.id,
        participant.profession,
        participant.challenge,
        participant.administration,
    ) == (
        str(fellow.pk),
        fellow.profession,
        challenge.slug,
        challenge.administration.name,
    )


def test_past_groups_keep_published_groups_of_present_people(setting: Setting) -> None:
    attended = _session(setting, -30)
    _grouped(setting, attended, {0: 0, 3: 0, 6: 0, 1: 1, 4: 1}, publish=True)
    for i in (0, 3, 1, 4):
        AttendanceFactory(session=attended, person=setting.fellows[i])
    AttendanceFactory(session=attended, person=setting.fellows[6], is_present=False)
    draft = _session(setting, -20)
    _grouped(setting, draft, {0: 0, 1: 0}, publish=False)
    for i in (0, 1):
        AttendanceFactory(session=draft, person=setting.fellows[i])

    past = queries.past_groups(setting.cohort, before=setting.session.starts_at)

    ids = {str(f.pk): i for i, f in enumerate(setting.fellows)}
    assert [{ids[pid]: g for pid, g in groups.items()} for groups in past] == [
        {0: 1, 3: 1, 1: 2, 4: 2}
    ]


def test_past_groups_count_planned_sessions_before_the_one_being_formed(setting: Setting) -> None:
    planned = _session(setting, 5)
    _grouped(setting, planned, {0: 0, 1: 0, 2: 1, 3: 1}, publish=False)
    later = _session(setting, 40)
    _grouped(setting, later, {0: 0, 2: 0}, publish=True)

    past = queries.past_groups(setting.cohort, before=setting.session.starts_at)

    assert [len(groups) for groups in past] == [4]


def test_past_groups_count_the_new_proposal_of_a_planned_session_not_its_published_groups(
    setting: Setting,
) -> None:
    planned = _session(setting, 5)
    _grouped(setting, planned, {0: 0, 1: 0, 2: 1, 3: 1}, publish=True)
    _grouped(setting, planned, {0: 0, 2: 0, 1: 1, 3: 1}, publish=False)

    past = queries.past_groups(setting.cohort, before=setting.session.starts_at)

    ids = {str(f.pk): i for i, f in enumerate(setting.fellows)}
    assert [{ids[pid]: g for pid, g in groups.items()} for groups in past] == [
        {0: 1, 2: 1, 1: 2, 3: 2}
    ]


def test_past_groups_count_the_published_groups_of_a_session_that_took_place(
    setting: Setting,
) -> None:
    held = _session(setting, -5)
    _grouped(setting, held, {0: 0, 1: 0}, publish=True)
    _grouped(setting, held, {0: 0, 2: 0}, publish=False)
    for i in (0, 1, 2):
        AttendanceFactory(session=held, person=setting.fellows[i])

    past = queries.past_groups(setting.cohort, before=setting.session.starts_at)

    ids = {str(f.pk): i for i, f in enumerate(setting.fellows)}
    assert [{ids[pid]: g for pid, g in groups.items()} for groups in past] == [{0: 1, 1: 1}]


def test_cohort_encounters_counts_pairs_and_people(setting: Setting) -> None:
    attended = _session(setting, -30)
    _grouped(setting, attended, {0: 0, 3: 0, 6: 0}, publish=True)
    second = _session(setting, -10)
    _grouped(setting, second, {0: 0, 3: 0, 9: 0}, publish=True)
    for session in (attended, second):
        for i in (0, 3, 6, 9):
            AttendanceFactory(session=session, person=setting.fellows[i])

    summary = queries.cohort_encounters(
        setting.cohort, before=timezone.now(), people=setting.fellows
    )

    by_index = {
        setting.fellows.index(row.person): (row.sessions, row.met) for row in summary.people
    }
    assert (summary.sessions, summary.pairs, summary.pairs_met, summary.pairs_met_twice) == (
        2,
        105,
        5,
        1,
    )
    assert (by_index[0], by_index[3], by_index[6], by_index[9], by_index[1]) == (
        (2, 3),
        (2, 3),
        (1, 2),
        (1, 2),
        (0, 0),
    )
    assert summary.people[0].met == 0


def test_my_group_only_once_published(setting: Setting) -> None:
    grouping = services.form_groups(session=setting.session, seed=1)
    fellow = setting.fellows[0]
    draft = queries.my_group(setting.session, fellow)
    services.publish_grouping(grouping=grouping)

    group = queries.my_group(setting.session, fellow)

    assert draft is None
    assert group is not None
    assert fellow.pk in [m.person_id for m in group.members.all()]
    assert queries.my_group(setting.session, None) is None
