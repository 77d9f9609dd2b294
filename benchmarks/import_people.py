"""Time the people import (CSV → directory) on a synthetic list; prints rows, seconds, queries.

    .venv/bin/python benchmarks/import_people.py --rows 100000

Runs on a fresh SQLite file in a temporary folder (or on PostgreSQL when POSTGRES_DB is set:
then it writes to that database, use a scratch one). The people are synthetic.
"""

import argparse
import os
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rows", type=int, default=100_000)
    args = parser.parse_args()
    folder = Path(tempfile.mkdtemp(prefix="magellan-bench-"))
    os.environ.setdefault("SQLITE_PATH", str(folder / "bench.sqlite3"))
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings.dev")
    sys.path.insert(0, str(ROOT))
    import django

    django.setup()
    from django.core.management import call_command
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from magellan.directory.importers import import_people
    from magellan.directory.models import Cohort

    call_command("migrate", verbosity=0)
    import datetime

    cohort, _ = Cohort.objects.get_or_create(
        slug="bench",
        defaults={
            "number": 99,
            "start_date": datetime.date(2026, 9, 1),
            "end_date": datetime.date(2027, 6, 30),
        },
    )
    path = folder / "people.csv"
    lines = [f"Personne {i};personne{i}@bench.example;Développeuse" for i in range(args.rows)]
    path.write_text("name;email;profession\n" + "\n".join(lines) + "\n", encoding="utf-8")
    for label in ("first run (creates)", "second run (unchanged)"):
        with CaptureQueriesContext(connection) as queries:
            started = time.perf_counter()
            report = import_people(path, cohort_slug=cohort.slug)
            seconds = time.perf_counter() - started
        print(
            f"{label}: {args.rows} rows in {seconds:.1f} s, {len(queries)} queries, "
            f"{report.created('people')} created, {report.unchanged('people')} unchanged "
            f"({connection.vendor})"
        )


if __name__ == "__main__":
    main()
