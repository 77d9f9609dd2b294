"""Time a coaches' mentoring round through Django (profiles, scoring, exact matching, saving).

    .venv/bin/python benchmarks/mentoring_round.py --needs 300 --mentors 120

Builds a synthetic cohort on a fresh SQLite file in a temporary folder (or on PostgreSQL when
POSTGRES_DB is set: use a scratch database): mentors with 3 of 12 expertises and capacities 1-4,
needs with a main and a secondary expertise and 4 of 10 half-days. Prints the time and queries of
`services.run_round` (a first run, then a re-run, as a coach's « Relancer »).
"""

import argparse
import os
import random
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--needs", type=int, default=300)
    parser.add_argument("--mentors", type=int, default=120)
    parser.add_argument("--seed", type=int, default=1)
    args = parser.parse_args()
    folder = Path(tempfile.mkdtemp(prefix="magellan-bench-"))
    os.environ.setdefault("SQLITE_PATH", str(folder / "bench.sqlite3"))
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings.dev")
    sys.path.insert(0, str(ROOT))
    import django

    django.setup()
    import datetime

    from django.core.management import call_command
    from django.db import connection, transaction
    from django.test.utils import CaptureQueriesContext

    from magellan.directory.models import Cohort, CohortRole, Expertise, Person, Role
    from magellan.mentoring import services
    from magellan.mentoring.models import HALF_DAYS, Need, Offer, OfferExpertise

    call_command("migrate", verbosity=0)
    rng = random.Random(args.seed)  # noqa: S311 - synthetic data
    halves = [code for code, _label in HALF_DAYS]
    with transaction.atomic():
        cohort = Cohort.objects.create(
            number=99,
            slug="bench",
            start_date=datetime.date(2026, 9, 1),
            end_date=datetime.date(2027, 6, 30),
        )
        expertises = [Expertise.objects.create(name=f"E{i}", slug=f"e{i}") for i in range(12)]
        for i in range(args.mentors):
            person = Person.objects.create(name=f"Mentor {i}", slug=f"mentor-{i}")
            CohortRole.objects.create(person=person, cohort=cohort, role=Role.MENTOR)
            capacity = rng.randint(1, 4)
            offer = Offer.objects.create(
                person=person,
                pitch="-",
                capacity=capacity,
                capacity_per_quarter=capacity + 2,
                availability=rng.sample(halves, 5),
            )
            OfferExpertise.objects.bulk_create(
                OfferExpertise(offer=offer, expertise=e, level=rng.randint(1, 3))
                for e in rng.sample(expertises, 3)
            )
        for i in range(args.needs):
            person = Person.objects.create(name=f"Fellow {i}", slug=f"fellow-{i}")
            CohortRole.objects.create(person=person, cohort=cohort, role=Role.FELLOW)
            main, secondary = rng.sample(expertises, 2)
            need = Need.objects.create(
                cohort=cohort,
                person=person,
                main_expertise=main,
                description="-",
                availability=rng.sample(halves, 4),
            )
            need.secondary_expertises.add(secondary)
    round = services.open_round(cohort=cohort, created_by=None)
    for label in ("first run", "re-run"):
        with CaptureQueriesContext(connection) as queries:
            started = time.perf_counter()
            round = services.run_round(round=round)
            seconds = time.perf_counter() - started
        print(
            f"{label}: {args.needs} needs x {args.mentors} mentors in {seconds:.2f} s, "
            f"{len(queries)} queries, {round.proposals.count()} proposals, "
            f"{len(round.unmatched)} unmatched ({connection.vendor})"
        )


if __name__ == "__main__":
    main()
