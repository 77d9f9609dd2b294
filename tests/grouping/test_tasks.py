"""Background work on groups: jobs enqueued once committed, announcements sent once."""

import ast
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from django.core import mail

from magellan.core.models import Job, JobStatus
from magellan.grouping import services, tasks
from magellan.grouping.models import Grouping, GroupingKind, GroupingStatus, GroupMember

from .conftest import Setting

pytestmark = pytest.mark.django_db


def test_grouping_services_never_import_the_tasks() -> None:
    tree = ast.parse(Path(services.__file__).read_text(encoding="utf-8"))
    modules = [
        node.module or ""
        for node in ast.walk(tree)
        if isinstance(node, ast.ImportFrom) and node.level and node.module
    ]

    assert [m for m in modules if m.split(".")[-1] == "tasks"] == []


def test_start_forming_groups_enqueues_only_once_committed(
    setting: Setting, django_capture_on_commit_callbacks: Callable[..., Any]
) -> None:
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        job = tasks.start_forming_groups(session=setting.session, seed=1, user=setting.coach.user)
        job.refresh_from_db()
        assert (job.status, Grouping.objects.count()) == (JobStatus.PENDING, 0)

    assert len(callbacks) == 1
    callbacks[0]()
    job.refresh_from_db()
    assert (job.status, Grouping.objects.get().session) == (JobStatus.SUCCEEDED, setting.session)


def test_start_planning_series_enqueues_only_once_committed(
    setting: Setting, django_capture_on_commit_callbacks: Callable[..., Any]
) -> None:
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        job = tasks.start_planning_series(
            cohort=setting.cohort, format=setting.format, seed=1, user=setting.coach.user
        )

    assert (len(callbacks), Grouping.objects.count()) == (1, 0)
    callbacks[0]()
    job.refresh_from_db()
    assert (job.status, job.message) == (JobStatus.SUCCEEDED, "1 séances planifiées.")


def test_form_groups_task_records_why_it_failed(
    setting: Setting, django_capture_on_commit_callbacks: Callable[..., Any]
) -> None:
    setting.session.registrations.all().delete()

    with django_capture_on_commit_callbacks(execute=True):
        tasks.start_forming_groups(session=setting.session, seed=1, user=setting.coach.user)

    job = Job.objects.get()
    assert (job.status, job.error) == (
        JobStatus.FAILED,
        "Il faut au moins deux participants pour former des groupes.",
    )


def test_publish_and_announce_e_mails_each_participant_their_group(
    setting: Setting, django_capture_on_commit_callbacks: Callable[..., Any]
) -> None:
    grouping = services.form_groups(session=setting.session, seed=1)

    with django_capture_on_commit_callbacks(execute=True):
        tasks.publish_and_announce(grouping=grouping)

    grouping.refresh_from_db()
    first = setting.fellows[0]
    message = next(m for m in mail.outbox if m.to == [first.email])
    mates = GroupMember.objects.filter(group__members__person=first).exclude(person=first)
    assert (grouping.status, len(mail.outbox)) == (GroupingStatus.PUBLISHED, 15)
    assert grouping.announced_at is not None
    assert message.subject.startswith(f"Votre groupe pour « {setting.session.display_title} » du ")
    assert all(m.person.name in message.body for m in mates)
    assert setting.session.get_absolute_url() in message.body


def test_a_double_click_on_publish_announces_once(
    setting: Setting, django_capture_on_commit_callbacks: Callable[..., Any]
) -> None:
    grouping = services.form_groups(session=setting.session, seed=1)
    first = Grouping.objects.get(pk=grouping.pk)
    second = Grouping.objects.get(pk=grouping.pk)  # the second click, loaded before the first ran

    with django_capture_on_commit_callbacks(execute=True):
        tasks.publish_and_announce(grouping=first)
        with pytest.raises(services.GroupingError, match="déjà publiés"):
            tasks.publish_and_announce(grouping=second)

    assert len(mail.outbox) == 15


def test_publishing_without_the_task_announces_nothing(
    setting: Setting, django_capture_on_commit_callbacks: Callable[..., Any]
) -> None:
    grouping = services.form_groups(session=setting.session, seed=1)

    with django_capture_on_commit_callbacks(execute=True):
        services.publish_grouping(grouping=grouping)  # the demo's way: published, not announced

    grouping.refresh_from_db()
    assert (grouping.status, grouping.announced_at, mail.outbox) == (
        GroupingStatus.PUBLISHED,
        None,
        [],
    )


def test_publishing_new_groups_tells_those_whose_group_changed_once(
    setting: Setting, django_capture_on_commit_callbacks: Callable[..., Any]
) -> None:
    old = services.form_groups(session=setting.session, seed=1)
    services.publish_grouping(grouping=old)  # published earlier (announced or not)
    member = old.members.select_related("group").order_by("pk").first()
    target = old.groups.exclude(pk=member.group_id).first()
    services.move_member(grouping=old, person=member.person, group=target)
    draft = Grouping.objects.drafts().get(session=setting.session)
    first = Grouping.objects.get(pk=draft.pk)
    second = Grouping.objects.get(pk=draft.pk)  # a double click
    # The mover, the group left and the group joined: everyone else keeps their group-mates.
    left = set(
        GroupMember.objects.filter(grouping=old, group=member.group).values_list(
            "person", flat=True
        )
    )
    joined = set(
        GroupMember.objects.filter(grouping=old, group=target).values_list("person", flat=True)
    )

    with django_capture_on_commit_callbacks(execute=True):
        tasks.publish_and_announce(grouping=first)
        with pytest.raises(services.GroupingError, match="déjà publiés"):
            tasks.publish_and_announce(grouping=second)

    told = {p.email for p in setting.fellows if p.pk in left | joined}
    assert sorted(m.to[0] for m in mail.outbox) == sorted(told)
    assert mail.outbox[0].subject.startswith(
        f"Vos groupes ont changé pour « {setting.session.display_title} » du "
    )
    assert "Vos groupes ont changé pour la séance" in mail.outbox[0].body
    assert list(Grouping.objects.values_list("pk", flat=True)) == [draft.pk]


def test_an_announcement_run_twice_sends_once(
    setting: Setting, django_capture_on_commit_callbacks: Callable[..., Any]
) -> None:
    grouping = services.form_groups(session=setting.session, seed=1)
    services.publish_grouping(grouping=grouping)

    sent = [
        tasks.announce_groups_task.call(grouping.pk),
        tasks.announce_groups_task.call(grouping.pk),
    ]

    assert (sent, len(mail.outbox)) == ([15, 0], 15)


def test_announcements_go_to_the_emails_queue_and_long_jobs_stay_on_the_default_one() -> None:
    # The e-mail worker never waits behind forming groups or planning a series (issue 7, item 26).
    assert tasks.announce_groups_task.queue_name == "emails"
    assert {tasks.form_groups_task.queue_name, tasks.plan_series_task.queue_name} == {"default"}


def test_new_groups_without_someone_tell_them_they_are_in_no_group_any_more(
    setting: Setting, django_capture_on_commit_callbacks: Callable[..., Any]
) -> None:
    everyone = {str(f.pk): i % 3 for i, f in enumerate(setting.fellows)}
    old = services.save_groups(
        session=setting.session,
        kind=GroupingKind.DIVERSE,
        assignment=everyone,
        labels={},
        seed=1,
        repeat_weight=0.0,
    )
    services.publish_grouping(grouping=old)
    gone = setting.fellows[0]  # group 0 loses them: its four others change too
    new = services.save_groups(
        session=setting.session,
        kind=GroupingKind.DIVERSE,
        assignment={pid: g for pid, g in everyone.items() if pid != str(gone.pk)},
        labels={},
        seed=1,
        repeat_weight=0.0,
    )

    with django_capture_on_commit_callbacks(execute=True):
        publication = tasks.publish_and_announce(grouping=new)

    group_0 = [f for i, f in enumerate(setting.fellows) if i % 3 == 0 and f != gone]
    assert publication.removed == (gone.pk,)
    assert sorted(m.to[0] for m in mail.outbox) == sorted(p.email for p in [gone, *group_0])
    farewell = next(m for m in mail.outbox if m.to == [gone.email])
    assert "vous ne faites plus partie d’aucun groupe" in farewell.body
    assert farewell.subject.startswith("Vos groupes ont changé pour ")
