"""The migration that lets a draft sit beside published groups keeps every existing grouping."""

from typing import Any

import pytest
from django.db import connection
from django.db.migrations.executor import MigrationExecutor
from django.utils import timezone

BEFORE = [("grouping", "0001_initial")]
AFTER = [("grouping", "0002_session_draft_beside_published")]


def _migrate(targets: list[tuple[str, str]]) -> Any:
    executor = MigrationExecutor(connection)
    executor.loader.build_graph()
    executor.migrate(targets)
    return executor.loader.project_state(targets).apps


@pytest.fixture
def back_to_the_latest_schema() -> Any:
    yield
    executor = MigrationExecutor(connection)
    executor.loader.build_graph()
    executor.migrate(executor.loader.graph.leaf_nodes())


@pytest.mark.django_db(transaction=True)
def test_existing_groupings_keep_their_session_groups_and_members(
    back_to_the_latest_schema: None,
) -> None:
    from tests.factories import PersonFactory, SessionFactory

    session = SessionFactory()
    person = PersonFactory()
    old = _migrate(BEFORE)
    Grouping = old.get_model("grouping", "Grouping")
    Group = old.get_model("grouping", "Group")
    GroupMember = old.get_model("grouping", "GroupMember")
    grouping = Grouping.objects.create(
        session_id=session.pk,
        kind="diverse",
        status="published",
        seed=7,
        published_at=timezone.now(),
    )
    group = Group.objects.create(grouping=grouping, number=1)
    GroupMember.objects.create(grouping=grouping, group=group, person_id=person.pk)

    new = _migrate(AFTER)

    kept = new.get_model("grouping", "Grouping").objects.get()
    assert (kept.pk, kept.session_id, kept.status, kept.seed) == (
        grouping.pk,
        session.pk,
        "published",
        7,
    )
    members = new.get_model("grouping", "GroupMember").objects.values_list(
        "grouping_id", "group__number", "person_id"
    )
    assert list(members) == [(grouping.pk, 1, person.pk)]
