"""Backups, rehearsed: the commands of docs/operations.md dump the database and restore it into a
fresh one with the same rows in every table."""

import shutil
import subprocess
from pathlib import Path

import pytest
from django.apps import apps
from django.db import connection

from tests.factories import (
    ChallengeMembershipFactory,
    CohortRoleFactory,
    HelpRequestFactory,
    SessionFactory,
)
from tests.operations.postgres import client_env

pytestmark = [
    pytest.mark.skipif(
        connection.vendor != "postgresql",
        reason="pg_dump and pg_restore are PostgreSQL's (CI runs the suite on it).",
    ),
    pytest.mark.skipif(shutil.which("pg_dump") is None, reason="pg_dump is not installed"),
    pytest.mark.django_db(transaction=True),
]


def _counts(database: str) -> dict[str, int]:
    tables = sorted(
        {model._meta.db_table for model in apps.get_models() if model._meta.managed}
        | {
            field.remote_field.through._meta.db_table
            for model in apps.get_models()
            for field in model._meta.many_to_many
        }
    )
    env = client_env()
    # Table names from the models, not from input.
    query = " UNION ALL ".join(f"SELECT '{t}', COUNT(*) FROM \"{t}\"" for t in tables)  # noqa: S608
    done = subprocess.run(  # noqa: S603
        ["psql", "-d", database, "-tA", "-F", "\t", "-c", query],  # noqa: S607
        env=env,
        capture_output=True,
        text=True,
        check=True,
    )
    return {
        table: int(count)
        for table, count in (line.split("\t") for line in done.stdout.splitlines() if line)
    }


def test_a_dump_restores_into_a_fresh_database_with_the_same_rows(tmp_path: Path) -> None:
    CohortRoleFactory.create_batch(3)
    ChallengeMembershipFactory.create_batch(2)
    SessionFactory.create_batch(2)
    HelpRequestFactory()
    source = connection.settings_dict["NAME"]
    restored = f"{source}_restored"
    dump = tmp_path / "magellan.dump"
    env = client_env()

    # docs/operations.md, "Backups": the same commands.
    subprocess.run(["pg_dump", "--format=custom", f"--file={dump}", source], env=env, check=True)  # noqa: S603, S607
    subprocess.run(["dropdb", "--if-exists", restored], env=env, check=True)  # noqa: S603, S607
    subprocess.run(["createdb", restored], env=env, check=True)  # noqa: S603, S607
    try:
        subprocess.run(  # noqa: S603
            ["pg_restore", "--no-owner", "--exit-on-error", f"--dbname={restored}", str(dump)],  # noqa: S607
            env=env,
            check=True,
        )
        before, after = _counts(source), _counts(restored)
    finally:
        subprocess.run(["dropdb", "--if-exists", restored], env=env, check=True)  # noqa: S603, S607

    assert after == before
    assert before["directory_person"] >= 5
    assert before["helpdesk_helprequest"] == 1
