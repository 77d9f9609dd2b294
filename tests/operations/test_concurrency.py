"""Two coaches at once on the same groups: one publishes, the other is told, nothing is lost.
(The help desk, the programme's registrations, mentoring and bulletins have their own races in their
apps' tests; this one is the groups'.) PostgreSQL only: SQLite serialises writers."""

import threading
from collections.abc import Callable

import pytest
from django.db import connection

from magellan.grouping import services
from magellan.grouping.models import Grouping, GroupingStatus
from tests.grouping.conftest import make_setting

pytestmark = [
    pytest.mark.skipif(
        connection.vendor != "postgresql",
        reason="SQLite serialises writers: the race only exists on PostgreSQL (CI runs it).",
    ),
    pytest.mark.django_db(transaction=True),
]


def _race(actions: list[Callable[[], object]]) -> list[BaseException]:
    barrier = threading.Barrier(len(actions))
    errors: list[BaseException] = []

    def run(action: Callable[[], object]) -> None:
        try:
            barrier.wait()
            action()
        except BaseException as error:
            errors.append(error)
        finally:
            connection.close()

    threads = [threading.Thread(target=run, args=(action,)) for action in actions]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return errors


def test_two_coaches_publishing_the_same_groups_at_once() -> None:
    setting = make_setting()
    draft = services.form_groups(session=setting.session, seed=1)
    members = sorted(draft.members.values_list("person_id", "group_id"))

    errors = _race(
        [
            lambda: services.publish_grouping(grouping=Grouping.objects.get(pk=draft.pk)),
            lambda: services.publish_grouping(grouping=Grouping.objects.get(pk=draft.pk)),
        ]
    )

    assert [str(error) for error in errors] == ["Ces groupes sont déjà publiés."]
    published = Grouping.objects.get(session=setting.session)
    assert published.status == GroupingStatus.PUBLISHED
    assert sorted(published.members.values_list("person_id", "group_id")) == members


def test_a_move_made_while_another_coach_publishes_is_never_lost() -> None:
    setting = make_setting()
    draft = services.form_groups(session=setting.session, seed=1)
    person = setting.fellows[0]
    member = draft.members.get(person=person)
    target = draft.groups.exclude(pk=member.group_id).first()
    assert target is not None

    errors = _race(
        [
            lambda: services.publish_grouping(grouping=Grouping.objects.get(pk=draft.pk)),
            lambda: services.move_member(
                grouping=Grouping.objects.get(pk=draft.pk), person=person, group=target
            ),
        ]
    )

    assert errors == []
    published = Grouping.objects.get(session=setting.session, status=GroupingStatus.PUBLISHED)
    # The move landed before the publication (published with it), or after it: then it is in the
    # session's new draft, copied from the published groups, waiting to be published.
    where = [
        grouping.members.get(person=person).group.number
        for grouping in Grouping.objects.filter(session=setting.session)
        if grouping.pk == published.pk or grouping.status == GroupingStatus.DRAFT
    ]
    assert target.number in where
