"""The demo's repositories: made on disk, followed and checked, with a range of results."""

from pathlib import Path

import pytest

from magellan.demo.repositories import load_repositories_demo
from magellan.values.models import CheckOutcome, HealthCheck, Repository
from tests.factories import ChallengeFactory, CohortFactory

pytestmark = pytest.mark.django_db


def test_the_demo_repositories_show_a_range_of_health_results(tmp_path: Path) -> None:
    cohort = CohortFactory(number=9)
    challenges = [ChallengeFactory(cohorts=[cohort]) for _ in range(4)]
    assert load_repositories_demo(root=tmp_path, cohort_numbers=(9,)) == 4
    checks = {
        check.repository.challenge_id: check
        for check in HealthCheck.objects.select_related("repository")
    }
    assert [checks[c.pk].outcome for c in challenges] == [
        CheckOutcome.PASSED,
        CheckOutcome.WARNINGS,
        CheckOutcome.WARNINGS,
        CheckOutcome.FAILED,
    ]
    partial, stale = checks[challenges[1].pk], checks[challenges[2].pk]
    assert [r["code"] for r in partial.results if not r["ok"]] == [
        "contributing",
        "publiccode",
        "ci",
    ]
    assert partial.licence_detected == "EUPL-1.2"
    assert [r["code"] for r in stale.results if not r["ok"]] == [
        "licence",
        "readme",
        "contributing",
        "publiccode",
        "last_commit",
        "tests",
        "ci",
    ]
    assert checks[challenges[3].pk].error.startswith("Le dépôt n’a pas pu être copié")
    assert all(check.job_id is None for check in checks.values())
    # Loaded once.
    assert load_repositories_demo(root=tmp_path, cohort_numbers=(9,)) == 0
    assert Repository.objects.count() == 4
