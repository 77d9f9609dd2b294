"""The repositories' services: adding and removing, requesting and running a check (on git
repositories made in tmp_path), the weekly re-check."""

from pathlib import Path
from typing import Any

import pytest
from django.urls import reverse

from magellan.core.models import Job, JobStatus
from magellan.scheduler.jobs import JOBS
from magellan.scheduler.schedules import Weekly
from magellan.values.models import CheckOutcome, HealthCheck, Repository
from magellan.values.services import repositories as services
from magellan.values.services.base import ValuesError
from tests.factories import ChallengeFactory, PersonFactory, UserFactory
from tests.factories.repositories import HealthCheckFactory, RepositoryFactory
from tests.values.git_repos import HEALTHY, make_hanging_repository, make_repository

pytestmark = pytest.mark.django_db


@pytest.fixture
def local(settings: Any) -> Any:
    settings.MAGELLAN_REPOSITORY_ALLOW_LOCAL = True
    settings.MAGELLAN_REPOSITORY_CLONE_TIMEOUT = 30
    return settings


def test_add_repository_keeps_the_address_and_normalises_the_licence() -> None:
    challenge, person = ChallengeFactory(), PersonFactory()
    repository = services.add_repository(
        challenge=challenge,
        url="  https://github.com/etalab/projet.git ",
        licence="AGPL-3.0-or-later",
        by=person,
    )
    assert (repository.url, repository.licence, repository.added_by) == (
        "https://github.com/etalab/projet.git",
        "AGPL-3.0",
        person,
    )


def test_the_same_address_twice_in_a_challenge_is_refused() -> None:
    repository = RepositoryFactory()
    with pytest.raises(ValuesError) as refused:
        services.add_repository(challenge=repository.challenge, url=repository.url, by=None)
    assert refused.value.message == "Ce dépôt est déjà suivi pour ce défi."
    assert Repository.objects.count() == 1


def test_the_same_address_in_another_challenge_is_accepted() -> None:
    repository = RepositoryFactory()
    services.add_repository(challenge=ChallengeFactory(), url=repository.url, by=None)
    assert Repository.objects.count() == 2


@pytest.mark.parametrize(
    ("url", "message"),
    [
        ("git@github.com:etalab/projet.git", "Les adresses ssh ne sont pas acceptées"),
        ("/srv/depots/projet", "Les dépôts locaux ne sont pas acceptés"),
        ("file:///srv/depots/projet", "Les dépôts locaux ne sont pas acceptés"),
        ("projet.git", "Cette adresse n’est pas celle d’un dépôt git accessible"),
        ("", "Indiquez l’adresse du dépôt git."),
    ],
)
def test_addresses_that_can_never_be_cloned_are_refused_at_once(url: str, message: str) -> None:
    with pytest.raises(ValuesError) as refused:
        services.add_repository(challenge=ChallengeFactory(), url=url, by=None)
    assert refused.value.message.startswith(message)
    assert Repository.objects.count() == 0


def test_a_licence_that_is_not_an_spdx_identifier_is_refused() -> None:
    with pytest.raises(ValuesError) as refused:
        services.add_repository(
            challenge=ChallengeFactory(),
            url="https://github.com/etalab/projet.git",
            licence="Licence libre de l’État",
            by=None,
        )
    assert refused.value.message.startswith("Donnez la licence par son identifiant SPDX")


def test_request_check_records_a_pending_check_and_its_job() -> None:
    repository, user = RepositoryFactory(), UserFactory()
    check = services.request_check(repository=repository, by=user)
    assert (check.outcome, check.requested_by, check.repository) == (
        CheckOutcome.PENDING,
        user,
        repository,
    )
    assert check.job is not None
    assert (check.job.kind, check.job.created_by, check.job.back_url) == (
        "values.check_repository",
        user,
        reverse("values:repository", args=[repository.pk]),
    )


def test_a_second_request_while_one_waits_returns_it() -> None:
    repository = RepositoryFactory()
    first = services.request_check(repository=repository, by=None)
    assert services.request_check(repository=repository, by=None) == first
    assert HealthCheck.objects.count() == 1


def test_a_check_whose_job_ended_no_longer_blocks_a_new_one() -> None:
    repository = RepositoryFactory()
    first = services.request_check(repository=repository, by=None)
    Job.objects.filter(pk=first.job_id).update(status=JobStatus.FAILED)
    assert services.request_check(repository=repository, by=None) != first


def test_the_requested_check_runs_in_the_background_and_records_each_criterion(
    local: Any, tmp_path: Path, django_capture_on_commit_callbacks: Any
) -> None:
    source = make_repository(tmp_path / "sain", HEALTHY)
    repository = RepositoryFactory(url=source.as_uri(), licence="MIT")
    with django_capture_on_commit_callbacks(execute=True):
        check = services.request_check(repository=repository, by=UserFactory())
    check.refresh_from_db()
    assert check.outcome == CheckOutcome.PASSED
    assert [(r["code"], r["ok"]) for r in check.results] == [
        ("licence", True),
        ("readme", True),
        ("contributing", True),
        ("publiccode", True),
        ("last_commit", True),
        ("tests", True),
        ("ci", True),
    ]
    assert (check.licence_detected, check.last_commit_at.isoformat()) == (
        "MIT",
        "2026-11-30T10:00:00+00:00",
    )
    assert check.finished_at is not None
    job = Job.objects.get(pk=check.job_id)
    assert (job.status, job.message, job.result) == (
        JobStatus.SUCCEEDED,
        "7 critères remplis sur 7",
        {"url": reverse("values:repository", args=[repository.pk])},
    )


def test_missing_criteria_end_the_check_with_warnings(local: Any, tmp_path: Path) -> None:
    source = make_repository(tmp_path / "maigre", {"README.md": "# Maigre\n"})
    check = services.request_check(repository=RepositoryFactory(url=source.as_uri()), by=None)
    check = services.run_check(check=check)
    assert check.outcome == CheckOutcome.WARNINGS
    assert [r["code"] for r in check.results if not r["ok"]] == [
        "licence",
        "contributing",
        "publiccode",
        "tests",
        "ci",
    ]


def test_an_address_that_is_not_git_fails_the_check_and_keeps_the_repository(
    local: Any, tmp_path: Path
) -> None:
    folder = tmp_path / "page"
    folder.mkdir()
    repository = RepositoryFactory(url=folder.as_uri())
    check = services.run_check(check=services.request_check(repository=repository, by=None))
    assert check.outcome == CheckOutcome.FAILED
    assert check.error.startswith(
        "Le dépôt n’a pas pu être copié : aucun dépôt git n’a été trouvé à cette adresse"
    )
    assert check.results == []
    assert Repository.objects.filter(pk=repository.pk).exists()
    job = Job.objects.get(pk=check.job_id)
    assert (job.status, job.error) == (JobStatus.FAILED, check.error)


def test_a_hanging_clone_fails_the_check_at_the_time_limit(local: Any, tmp_path: Path) -> None:
    local.MAGELLAN_REPOSITORY_CLONE_TIMEOUT = 1
    source = make_hanging_repository(tmp_path / "bloque")
    check = services.run_check(
        check=services.request_check(repository=RepositoryFactory(url=source.as_uri()), by=None)
    )
    assert (check.outcome, check.error) == (
        CheckOutcome.FAILED,
        "La copie du dépôt a dépassé le temps permis (1 s) et a été arrêtée. Vérifiez que "
        "l’adresse répond, ou réessayez plus tard.",
    )


def test_a_repository_over_the_size_limit_fails_the_check(local: Any, tmp_path: Path) -> None:
    local.MAGELLAN_REPOSITORY_MAX_BYTES = 64 * 1024
    noise = bytes(range(256)) * 1024  # 256 kB checked out, over the limit on disk
    source = make_repository(tmp_path / "gros", {"data.bin": noise})
    check = services.run_check(
        check=services.request_check(repository=RepositoryFactory(url=source.as_uri()), by=None)
    )
    assert check.outcome == CheckOutcome.FAILED
    assert check.error.startswith("Le dépôt dépasse la taille permise (0.1 Mo")


def test_a_local_address_fails_the_check_where_local_copies_are_not_allowed(
    settings: Any, tmp_path: Path
) -> None:
    settings.MAGELLAN_REPOSITORY_ALLOW_LOCAL = False
    source = make_repository(tmp_path / "sain", HEALTHY)
    check = services.run_check(
        check=services.request_check(repository=RepositoryFactory(url=source.as_uri()), by=None)
    )
    assert check.outcome == CheckOutcome.FAILED
    assert check.error.startswith("Les dépôts locaux ne sont pas acceptés")


def test_a_finished_check_is_not_run_again(local: Any, tmp_path: Path) -> None:
    check = HealthCheckFactory(warnings=True, repository__url=(tmp_path / "absent").as_uri())
    assert services.run_check(check=check).outcome == CheckOutcome.WARNINGS
    check.refresh_from_db()
    assert check.error == ""


def test_removing_a_repository_removes_its_checks() -> None:
    check = HealthCheckFactory(passed=True)
    services.remove_repository(repository=check.repository, by=None)
    assert (Repository.objects.count(), HealthCheck.objects.count()) == (0, 0)


def test_the_weekly_recheck_requests_a_check_of_each_repository_not_already_waiting() -> None:
    waiting = RepositoryFactory()
    services.request_check(repository=waiting, by=None)
    checked = HealthCheckFactory(passed=True).repository
    never = RepositoryFactory()
    assert services.recheck_all() == 2
    assert {
        repository.pk: repository.checks.count() for repository in (waiting, checked, never)
    } == {waiting.pk: 1, checked.pk: 2, never.pk: 1}
    assert HealthCheck.objects.filter(requested_by__isnull=False).count() == 0


def test_the_weekly_recheck_is_scheduled_on_monday_at_six() -> None:
    job = next(job for job in JOBS if job.name == "values.recheck_repositories")
    assert job.run == "magellan.values.services.repositories.recheck_all"
    assert isinstance(job.schedule, Weekly)
    assert (job.schedule.weekday, job.schedule.at.isoformat()) == (0, "06:00:00")
