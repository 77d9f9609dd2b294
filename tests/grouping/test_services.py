import datetime
from collections import Counter
from typing import Any

import pytest
from django.utils import timezone

from magellan.grouping import queries, services
from magellan.grouping.models import Grouping, GroupingKind, GroupingStatus, GroupMember
from magellan.program.models import GroupingMode
from tests.factories import (
    AdministrationFactory,
    AttendanceFactory,
    ChallengeFactory,
    ChallengeMembershipFactory,
    CohortFactory,
    FormatFactory,
    PersonFactory,
    RegistrationFactory,
    SessionFactory,
)

from .conftest import Setting, make_setting

pytestmark = pytest.mark.django_db


def _groups(grouping: Grouping) -> dict[int, set[int]]:
    groups: dict[int, set[int]] = {}
    for member in GroupMember.objects.filter(grouping=grouping).select_related("group"):
        groups.setdefault(member.group.number, set()).add(member.person_id)
    return groups


def _challenge_of(setting: Setting) -> dict[int, int]:
    return {m.person_id: m.challenge_id for c in setting.challenges for m in c.memberships.all()}


def test_form_groups_keeps_challenges_apart_in_groups_of_four_to_five(setting: Setting) -> None:
    grouping = services.form_groups(session=setting.session, seed=1)

    groups = _groups(grouping)
    challenge_of = _challenge_of(setting)
    assert sorted(len(g) for g in groups.values()) == [5, 5, 5]
    assert all(len({challenge_of[p] for p in g}) == len(g) for g in groups.values())
    assert (grouping.status, grouping.kind, grouping.seed, grouping.violations) == (
        GroupingStatus.DRAFT,
        GroupingKind.DIVERSE,
        1,
        0,
    )


def test_form_groups_stores_the_scores_of_its_groups() -> None:
    # Four fellows, two teams (Awa + Bao, Cyr + Dia), groups of two: the teams apart leave two
    # groupings. {Awa, Cyr} {Bao, Dia} share a profession twice (2 × 3 = 6); {Awa, Dia}
    # {Bao, Cyr} share a gender twice (2 × 1 = 2): the engine keeps the second. Every
    # category has two people for two groups, so the bound is 0; two new pairs, no repeat.
    cohort = CohortFactory()
    people = {}
    teams = [
        [("Awa", "design", "female"), ("Bao", "development", "male")],
        [("Cyr", "design", "male"), ("Dia", "development", "female")],
    ]
    for members in teams:
        challenge = ChallengeFactory(cohorts=[cohort], administration=AdministrationFactory())
        for name, profession, gender in members:
            person = PersonFactory(
                name=name, fellow=True, cohort=cohort, profession=profession, gender=gender
            )
            ChallengeMembershipFactory(person=person, challenge=challenge)
            people[name] = person
    format_ = FormatFactory(grouping_mode=GroupingMode.DIVERSE, group_size_min=2, group_size_max=2)
    session = SessionFactory(cohort=cohort, format=format_)
    for person in people.values():
        RegistrationFactory(session=session, person=person)

    grouping = services.form_groups(session=session, seed=1)

    names = {p.pk: name for name, p in people.items()}
    assert sorted(sorted(names[pk] for pk in g) for g in _groups(grouping).values()) == [
        ["Awa", "Dia"],
        ["Bao", "Cyr"],
    ]
    assert (
        grouping.cost,
        grouping.bound,
        grouping.repeats,
        grouping.new_encounters,
        grouping.violations,
    ) == (2.0, 0.0, 0, 2, 0)
    assert grouping.objective == -2.0


def test_form_groups_on_the_cohort_meets_thirty_new_pairs_above_a_positive_bound(
    setting: Setting,
) -> None:
    grouping = services.form_groups(session=setting.session, seed=1)

    # Three groups of five: 3 × 10 pairs, none met before.
    assert (grouping.repeats, grouping.new_encounters) == (0, 3 * 10)
    assert grouping.cost >= grouping.bound > 0


def test_form_groups_gives_the_same_groups_for_the_same_seed(setting: Setting) -> None:
    first = _groups(services.form_groups(session=setting.session, seed=7))

    again = _groups(services.form_groups(session=setting.session, seed=7))

    assert again == first
    assert Grouping.objects.count() == 1


def test_form_groups_beside_published_groups_keeps_them_until_the_draft_is_published(
    setting: Setting,
) -> None:
    published = services.form_groups(session=setting.session, seed=1)
    services.publish_grouping(grouping=published)
    before = _groups(published)
    fellow = setting.fellows[0]
    mine = queries.my_group(setting.session, fellow)

    draft = services.form_groups(session=setting.session, seed=2)

    published.refresh_from_db()
    assert (draft.status, draft.seed, published.status) == (
        GroupingStatus.DRAFT,
        2,
        GroupingStatus.PUBLISHED,
    )
    assert _groups(published) == before
    assert queries.my_group(setting.session, fellow) == mine
    assert list(Grouping.objects.working().filter(session=setting.session)) == [draft]


def test_form_groups_again_replaces_the_draft_not_the_published_groups(setting: Setting) -> None:
    published = services.form_groups(session=setting.session, seed=1)
    services.publish_grouping(grouping=published)
    first_draft = services.form_groups(session=setting.session, seed=2)

    second_draft = services.form_groups(session=setting.session, seed=3)

    assert second_draft.pk == first_draft.pk
    assert sorted(Grouping.objects.values_list("status", "seed")) == [
        (GroupingStatus.DRAFT, 3),
        (GroupingStatus.PUBLISHED, 1),
    ]


def test_a_session_holds_at_most_one_draft_and_one_published_grouping(setting: Setting) -> None:
    from django.db import IntegrityError, transaction

    from tests.factories import GroupingFactory

    GroupingFactory(session=setting.session)
    GroupingFactory(session=setting.session, published=True)

    with pytest.raises(IntegrityError), transaction.atomic():
        GroupingFactory(session=setting.session)
    with pytest.raises(IntegrityError), transaction.atomic():
        GroupingFactory(session=setting.session, published=True)


def test_publishing_a_new_proposal_replaces_the_published_groups(setting: Setting) -> None:
    old = services.save_groups(
        session=setting.session,
        kind=GroupingKind.DIVERSE,
        assignment={str(f.pk): i % 3 for i, f in enumerate(setting.fellows)},
        labels={},
        seed=1,
        repeat_weight=0.0,
    )
    services.publish_grouping(grouping=old)
    # Fellows 0 and 1 swap groups: their groups (0, 1) change, group 2 stays as it was.
    swapped = {str(f.pk): i % 3 for i, f in enumerate(setting.fellows)}
    swapped[str(setting.fellows[0].pk)], swapped[str(setting.fellows[1].pk)] = 1, 0
    new = services.save_groups(
        session=setting.session,
        kind=GroupingKind.DIVERSE,
        assignment=swapped,
        labels={},
        seed=2,
        repeat_weight=0.0,
    )

    publication = services.publish_grouping(grouping=new)

    in_groups_0_and_1 = [f.pk for i, f in enumerate(setting.fellows) if i % 3 in (0, 1)]
    assert publication.changed == tuple(sorted(in_groups_0_and_1))
    assert list(Grouping.objects.values_list("pk", "status")) == [
        (new.pk, GroupingStatus.PUBLISHED)
    ]
    assert queries.my_group(setting.session, setting.fellows[0]).grouping_id == new.pk


def test_changed_people_are_those_whose_group_mates_differ() -> None:
    # Before: {1, 2} {3, 4}; after: {1, 2} renumbered, 3 alone, 4 with 5 (new).
    before = {1: 1, 2: 1, 3: 2, 4: 2}
    after = {1: 2, 2: 2, 3: 1, 4: 3, 5: 3}

    assert services.changed_people(before, after) == [3, 4, 5]


def test_two_coaches_publishing_one_draft_publish_it_once(setting: Setting) -> None:
    draft = services.form_groups(session=setting.session, seed=1)
    first = Grouping.objects.get(pk=draft.pk)
    second = Grouping.objects.get(pk=draft.pk)  # loaded by the second coach before the first ran

    services.publish_grouping(grouping=first)
    with pytest.raises(services.GroupingError, match="déjà publiés"):
        services.publish_grouping(grouping=second)

    assert list(Grouping.objects.values_list("status", flat=True)) == [GroupingStatus.PUBLISHED]


def test_a_move_on_a_draft_another_coach_just_published_goes_to_a_new_draft(
    setting: Setting,
) -> None:
    draft = services.form_groups(session=setting.session, seed=1)
    seen = Grouping.objects.get(pk=draft.pk)  # the first coach's page, before publication
    services.publish_grouping(grouping=draft)  # the second coach publishes
    before = _groups(draft)
    member = GroupMember.objects.filter(grouping=seen).select_related("group").first()
    target = seen.groups.exclude(pk=member.group_id).first()

    services.move_member(grouping=seen, person=member.person, group=target)

    new = Grouping.objects.drafts().get(session=setting.session)
    assert _groups(draft) == before
    assert GroupMember.objects.get(grouping=new, person=member.person).group.number == (
        target.number
    )
    assert new.is_edited


def test_discard_draft_keeps_the_published_groups(setting: Setting) -> None:
    published = services.form_groups(session=setting.session, seed=1)
    services.publish_grouping(grouping=published)
    services.form_groups(session=setting.session, seed=2)

    services.discard_draft(session=setting.session)

    assert list(Grouping.objects.values_list("pk", "status")) == [
        (published.pk, GroupingStatus.PUBLISHED)
    ]


def test_discard_draft_refuses_a_draft_with_no_published_groups_beside(setting: Setting) -> None:
    services.form_groups(session=setting.session, seed=1)

    with pytest.raises(services.GroupingError, match="pas de groupes publiés"):
        services.discard_draft(session=setting.session)

    assert Grouping.objects.drafts().count() == 1


def test_unpublish_refuses_while_a_new_proposal_waits(setting: Setting) -> None:
    published = services.form_groups(session=setting.session, seed=1)
    services.publish_grouping(grouping=published)
    services.form_groups(session=setting.session, seed=2)

    with pytest.raises(services.GroupingError, match="nouvelle proposition attend"):
        services.unpublish_grouping(grouping=published)

    published.refresh_from_db()
    assert published.status == GroupingStatus.PUBLISHED


def _past_session(setting: Setting, *, days: int = 20) -> object:
    starts_at = timezone.now() - datetime.timedelta(days=days)
    return SessionFactory(
        cohort=setting.cohort,
        format=setting.format,
        starts_at=starts_at,
        ends_at=starts_at + datetime.timedelta(hours=1),
    )


def _by_position(setting: Setting) -> dict[str, int]:
    """Fellow i (challenge i // 3) in group i % 5: five groups, challenges apart."""
    return {str(f.pk): i % 5 for i, f in enumerate(setting.fellows)}


def _pairs(grouping: Grouping) -> int:
    return sum(len(g) * (len(g) - 1) // 2 for g in _groups(grouping).values())


def test_form_groups_avoids_encounters_of_attended_past_sessions(db: None) -> None:
    # Five groups: the five members of a past group can all go to different groups.
    setting = make_setting(challenges=7)
    past = _past_session(setting)
    previous = services.save_groups(
        session=past,
        kind=GroupingKind.DIVERSE,
        assignment=_by_position(setting),
        labels={},
        seed=3,
        repeat_weight=0.0,
    )
    services.publish_grouping(grouping=previous)
    for fellow in setting.fellows:
        AttendanceFactory(session=past, person=fellow)

    grouping = services.form_groups(session=setting.session, seed=3)

    assert (grouping.repeats, grouping.new_encounters) == (0, _pairs(grouping))
    assert _pairs(grouping) == 10 + 4 * 6


def test_form_groups_counts_repeats_only_for_people_who_attended(db: None) -> None:
    setting = make_setting(challenges=7)
    past = _past_session(setting)
    previous = services.save_groups(
        session=past,
        kind=GroupingKind.DIVERSE,
        assignment=_by_position(setting),
        labels={},
        seed=3,
        repeat_weight=0.0,
    )
    services.publish_grouping(grouping=previous)
    # Fellows 0, 5 and 10 met in group 0; 10 was absent.
    AttendanceFactory(session=past, person=setting.fellows[0])
    AttendanceFactory(session=past, person=setting.fellows[5])
    AttendanceFactory(session=past, person=setting.fellows[10], is_present=False)
    grouping = services.form_groups(session=setting.session, seed=3)
    assert grouping.repeats == 0
    first, second = setting.fellows[0], setting.fellows[5]
    target = GroupMember.objects.get(grouping=grouping, person=second).group

    evaluation = services.move_member(grouping=grouping, person=first, group=target)

    assert (evaluation.repeats, grouping.repeats) == (1, 1)


def test_form_groups_refuses_a_format_without_groups(setting: Setting) -> None:
    session = SessionFactory(cohort=setting.cohort, format=FormatFactory())

    with pytest.raises(services.GroupingError, match="Ce dispositif ne forme pas de groupes"):
        services.form_groups(session=session, seed=1)


def test_form_groups_needs_two_participants(db: None) -> None:
    session = SessionFactory(format=FormatFactory(grouping_mode=GroupingMode.DIVERSE))

    with pytest.raises(services.GroupingError, match="Il faut au moins deux participants"):
        services.form_groups(session=session, seed=1)

    assert Grouping.objects.count() == 0


def test_form_groups_says_which_challenge_cannot_be_kept_apart(setting: Setting) -> None:
    big = setting.challenges[0]
    from tests.factories import ChallengeMembershipFactory, PersonFactory, RegistrationFactory

    for _ in range(2):
        extra = PersonFactory(fellow=True, cohort=setting.cohort)
        ChallengeMembershipFactory(person=extra, challenge=big)
        RegistrationFactory(session=setting.session, person=extra)
    # 17 people in groups of 4 to 5: 4 groups, and this challenge has 5 members.

    with pytest.raises(services.GroupingError) as error:
        services.form_groups(session=setting.session, seed=1)

    assert str(error.value) == (
        f"Impossible de séparer les membres d’un même défi : {big.slug} compte(nt) plus de "
        "membres qu’il n’y a de groupes (4)."
    )
    assert Grouping.objects.count() == 0


def test_form_peer_groups_puts_one_profession_in_each_group(db: None) -> None:
    setting = make_setting(challenges=8, mode=GroupingMode.PEER_BY_PROFESSION)
    # 24 fellows: 6 in data science (two groups of 3 for a target size of 4), 4 or 5 elsewhere.

    grouping = services.form_groups(session=setting.session, seed=1)

    profession = {f.pk: f.profession for f in setting.fellows}
    labels = sorted(grouping.groups.values_list("label", flat=True))
    assert all(len({profession[p] for p in g}) == 1 for g in _groups(grouping).values())
    assert (grouping.kind, grouping.violations) == (GroupingKind.PEER, 0)
    assert labels == [
        "Data engineering 1",
        "Data science 1",
        "Data science 2",
        "Design 1",
        "Développement 1",
        "Produit 1",
    ]


def test_move_member_rescores_and_flags_a_challenge_together(setting: Setting) -> None:
    grouping = services.form_groups(session=setting.session, seed=1)
    ana, bob = setting.challenges[0].memberships.order_by("pk")[:2]
    target = GroupMember.objects.get(grouping=grouping, person=bob.person).group

    evaluation = services.move_member(grouping=grouping, person=ana.person, group=target)

    grouping.refresh_from_db()
    kinds = sorted(v.kind for g in evaluation.groups for v in g.violations)
    # Two of a challenge together, and their group now one over the maximum size.
    assert kinds == ["apart", "size"]
    assert (evaluation.violations, grouping.violations, grouping.is_edited) == (2, 2, True)
    assert GroupMember.objects.get(grouping=grouping, person=ana.person).group == target


def test_move_member_in_published_groups_prepares_a_new_draft(setting: Setting) -> None:
    grouping = services.form_groups(session=setting.session, seed=1)
    services.publish_grouping(grouping=grouping)
    before = _groups(grouping)
    member = grouping.members.select_related("group").first()
    other = grouping.groups.exclude(pk=member.group_id).first()

    services.move_member(grouping=grouping, person=member.person, group=other)

    draft = Grouping.objects.drafts().get(session=setting.session)
    moved = _groups(draft)
    assert _groups(grouping) == before
    assert member.person_id in moved[other.number]
    assert {p for g in moved.values() for p in g} == {p for g in before.values() for p in g}
    assert (draft.is_edited, draft.seed) == (True, grouping.seed)


def test_publish_grouping_refuses_twice(setting: Setting) -> None:
    grouping = services.form_groups(session=setting.session, seed=1)
    services.publish_grouping(grouping=grouping)

    with pytest.raises(services.GroupingError, match="déjà publiés"):
        services.publish_grouping(grouping=grouping)


def test_unpublish_grouping_hides_the_groups_again(setting: Setting) -> None:
    grouping = services.form_groups(session=setting.session, seed=1)
    services.publish_grouping(grouping=grouping)

    services.unpublish_grouping(grouping=grouping)

    assert (grouping.status, grouping.published_at) == (GroupingStatus.DRAFT, None)


def test_plan_series_meets_new_people_at_every_session(db: None) -> None:
    setting = make_setting(challenges=7)
    later = [
        SessionFactory(
            cohort=setting.cohort,
            format=setting.format,
            starts_at=setting.session.starts_at + datetime.timedelta(days=30 * k),
            ends_at=setting.session.ends_at + datetime.timedelta(days=30 * k),
        )
        for k in (1, 2)
    ]
    for session in later:
        for fellow in setting.fellows:
            RegistrationFactory(session=session, person=fellow)

    plan = services.plan_series(cohort=setting.cohort, format=setting.format, seed=1)

    groupings = plan.groupings

    assert [g.session for g in groupings] == [setting.session, *later]
    met: Counter[frozenset[int]] = Counter()
    for grouping in groupings:
        for members in _groups(grouping).values():
            met.update(frozenset((a, b)) for a in members for b in members if a < b)
    assert max(met.values()) == 1
    assert [(g.series_size, g.repeats, g.violations) for g in groupings] == [(3, 0, 0)] * 3


def test_plan_series_keeps_published_groups(setting: Setting) -> None:
    published = services.form_groups(session=setting.session, seed=1)
    services.publish_grouping(grouping=published)
    before = _groups(published)

    with pytest.raises(services.GroupingError, match="Aucune séance à venir"):
        services.plan_series(cohort=setting.cohort, format=setting.format, seed=2)

    assert _groups(published) == before


def _later(setting: Setting, days: int) -> Any:
    return SessionFactory(
        cohort=setting.cohort,
        format=setting.format,
        starts_at=setting.session.starts_at + datetime.timedelta(days=days),
        ends_at=setting.session.ends_at + datetime.timedelta(days=days),
    )


def test_plan_series_groups_at_each_session_only_its_expected_participants(
    setting: Setting,
) -> None:
    second, third = _later(setting, 30), _later(setting, 60)
    two_per_team = [f for k, f in enumerate(setting.fellows) if k % 3 != 2]
    for fellow in two_per_team:
        RegistrationFactory(session=second, person=fellow)
    calls: list[tuple[int, int]] = []

    plan = services.plan_series(
        cohort=setting.cohort,
        format=setting.format,
        seed=1,
        progress=lambda done, total: calls.append((done, total)),
    )

    grouped = {
        g.session: set(g.members.values_list("person_id", flat=True)) for g in plan.groupings
    }
    assert grouped == {
        setting.session: {f.pk for f in setting.fellows},
        second: {f.pk for f in two_per_team},
    }
    assert (plan.too_few, Grouping.objects.filter(session=third).exists()) == ((third,), False)
    assert [g.series_size for g in plan.groupings] == [2, 2]
    assert calls == [(1, 2), (2, 2)]


def test_plan_series_of_a_format_meant_for_nobody_forms_no_groups(db: None) -> None:
    setting = make_setting(challenges=2)
    nobody = FormatFactory(
        open=True, audience_roles=[], grouping_mode=GroupingMode.DIVERSE, group_size_min=2
    )
    for days in (10, 40):
        SessionFactory(
            cohort=setting.cohort,
            format=nobody,
            starts_at=timezone.now() + datetime.timedelta(days=days),
        )

    with pytest.raises(
        services.GroupingError, match="Aucune des séances à venir n’a au moins deux participants"
    ):
        services.plan_series(cohort=setting.cohort, format=nobody, seed=1)

    assert Grouping.objects.count() == 0


def test_plan_series_checks_every_session_before_saving_any(setting: Setting) -> None:
    crowded = _later(setting, 30)
    for fellow in setting.fellows[:8]:  # 8 people make 2 groups: a team of 3 cannot be split
        RegistrationFactory(session=crowded, person=fellow)

    with pytest.raises(services.GroupingError, match="Impossible de séparer"):
        services.plan_series(cohort=setting.cohort, format=setting.format, seed=1)

    assert Grouping.objects.count() == 0


def test_form_groups_leaves_the_facilitators_out(setting: Setting) -> None:
    facilitator = setting.fellows[0]
    setting.session.facilitators.add(facilitator)

    grouping = services.form_groups(session=setting.session, seed=1)

    assert grouping.members.count() == 14
    assert not grouping.members.filter(person=facilitator).exists()


def test_reporting_stop_reports_progress_and_shares_its_time() -> None:
    reports: list[tuple[int, int]] = []
    stop = services._ReportingStop(
        seconds=8.0, progress=lambda done, total: reports.append((done, total))
    )

    stop(0.0)
    part = stop.scaled(0.25)

    assert (reports, part.seconds, part.progress) == ([(0, 100)], 2.0, None)


def test_moves_that_break_the_group_sizes_are_flagged(setting: Setting) -> None:
    grouping = services.form_groups(session=setting.session, seed=1)
    low, high = setting.session.format.group_size_min, setting.session.format.group_size_max
    groups = list(grouping.groups.order_by("number"))
    source, target = groups[0], groups[1]
    movers = list(GroupMember.objects.filter(group=source).order_by("pk"))
    moves = len(movers) - low + 1  # enough to leave `source` below the minimum
    evaluation = None
    for member in movers[:moves]:
        evaluation = services.move_member(grouping=grouping, person=member.person, group=target)

    grouping.refresh_from_db()
    sizes = [g.members.count() for g in (source, target)]
    assert sizes[0] < low
    assert sizes[1] > high
    size_flags = [
        v
        for g in evaluation.groups
        for v in g.violations
        if v.kind == "size"  # type: ignore[union-attr]
    ]
    assert len(size_flags) == 2
    assert grouping.violations >= 2


def test_rescoring_keeps_a_publication_made_meanwhile(setting: Setting) -> None:
    grouping = services.form_groups(session=setting.session, seed=1)
    stale = Grouping.objects.get(pk=grouping.pk)
    services.publish_grouping(grouping=grouping)

    services.rescore(stale)

    grouping.refresh_from_db()
    assert grouping.status == GroupingStatus.PUBLISHED
