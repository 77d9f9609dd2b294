"""The repositories' pages: the list and its form, a repository's page (criteria, what failed,
how to fix it, the history), « vérifier maintenant » and removal."""

from pathlib import Path
from typing import Any

import pytest
from django.test import Client
from django.urls import reverse

from magellan.values.models import CheckOutcome, HealthCheck, Repository
from tests.evaluation.retrospective_world import make_team
from tests.factories import PersonFactory
from tests.factories.repositories import HealthCheckFactory, RepositoryFactory
from tests.query_counts import assert_queries_do_not_grow
from tests.values.git_repos import HEALTHY, make_repository

pytestmark = pytest.mark.django_db


def _client(person: Any) -> Client:
    client = Client()
    client.force_login(person.user)
    return client


def test_the_list_shows_each_repository_with_its_latest_check() -> None:
    team = make_team()
    repository = RepositoryFactory(challenge=team.challenge, url="https://forge.example.fr/a.git")
    HealthCheckFactory(repository=repository, failed=True)
    HealthCheckFactory(repository=repository, passed=True)
    RepositoryFactory(challenge=team.challenge, url="https://forge.example.fr/b.git", licence="")
    response = _client(team.sponsor).get(reverse("values:repositories", args=[team.challenge.slug]))
    text = response.content.decode()
    assert response.status_code == 200
    assert "Tous les critères sont remplis" in text
    assert "Pas encore vérifié" in text
    assert "Vérification impossible" not in text  # only the latest check is listed
    # The sponsor reads: no form, no button.
    assert "Ajouter un dépôt" not in text
    assert reverse("values:repository_check", args=[repository.pk]) not in text


def test_writers_check_a_repository_from_the_list() -> None:
    team = make_team()
    repository = RepositoryFactory(challenge=team.challenge)
    text = (
        _client(team.project_owner)
        .get(reverse("values:repositories", args=[team.challenge.slug]))
        .content.decode()
    )
    assert reverse("values:repository_check", args=[repository.pk]) in text
    assert "Ajouter un dépôt" in text


def test_a_fellow_adds_a_repository_and_reads_its_check(
    settings: Any, tmp_path: Path, django_capture_on_commit_callbacks: Any
) -> None:
    settings.MAGELLAN_REPOSITORY_ALLOW_LOCAL = True
    team = make_team()
    source = make_repository(
        tmp_path / "sain", {k: v for k, v in HEALTHY.items() if k != "CONTRIBUTING.md"}
    )
    client = _client(team.fellow)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            reverse("values:repositories", args=[team.challenge.slug]),
            {"new-url": source.as_uri(), "new-licence": "MIT"},
        )
    repository = Repository.objects.get()
    check = HealthCheck.objects.get()
    # To the job's page (the test runs the task once the request is over), which then sends
    # the fellow to the repository's page.
    assert response["Location"] == reverse("core:job_status", args=[check.job_id])
    assert check.job.result == {"url": reverse("values:repository", args=[repository.pk])}
    assert (repository.added_by, repository.licence) == (team.fellow, "MIT")
    page = client.get(reverse("values:repository", args=[repository.pk])).content.decode()
    assert "Des critères manquent" in page
    assert "Aucun fichier CONTRIBUTING (à la racine, dans .github/ ou docs/)." in page
    assert "Ajoutez un CONTRIBUTING.md qui explique comment signaler un problème" in page
    assert "Licence MIT (MIT) trouvée dans LICENSE." in page
    assert "Dernier commit le 30 novembre 2026." in page


def test_a_refused_address_redisplays_the_form_with_the_reason_and_adds_nothing() -> None:
    team = make_team()
    response = _client(team.project_owner).post(
        reverse("values:repositories", args=[team.challenge.slug]),
        {"new-url": "git@github.com:etalab/projet.git", "new-licence": ""},
    )
    assert response.status_code == 200
    assert "Les adresses ssh ne sont pas acceptées" in response.content.decode()
    assert 'value="git@github.com:etalab/projet.git"' in response.content.decode()
    assert Repository.objects.count() == 0


def test_the_sponsor_cannot_add_a_repository() -> None:
    team = make_team()
    response = _client(team.sponsor).post(
        reverse("values:repositories", args=[team.challenge.slug]),
        {"new-url": "https://github.com/etalab/projet.git"},
    )
    assert response.status_code == 403
    assert Repository.objects.count() == 0


def test_a_failed_check_shows_why_and_the_history() -> None:
    team = make_team()
    repository = RepositoryFactory(challenge=team.challenge)
    HealthCheckFactory(repository=repository, passed=True, requested_by=team.fellow.user)
    HealthCheckFactory(repository=repository, failed=True)
    page = _client(team.coach).get(reverse("values:repository", args=[repository.pk]))
    text = page.content.decode()
    assert "La vérification n’a pas pu se faire" in text
    assert "aucun dépôt git n’a été trouvé à cette adresse" in text
    assert "7 / 7" in text
    assert str(team.fellow) in text
    assert "vérification hebdomadaire" in text
    assert "Vérifier maintenant" in text


def test_the_sponsor_reads_a_repository_without_its_buttons() -> None:
    team = make_team()
    check = HealthCheckFactory(repository__challenge=team.challenge, warnings=True)
    text = (
        _client(team.sponsor)
        .get(reverse("values:repository", args=[check.repository.pk]))
        .content.decode()
    )
    assert "Corriger licence." in text
    assert "Vérifier maintenant" not in text
    assert "Ne plus suivre ce dépôt" not in text


def test_check_now_starts_a_check_and_follows_its_job() -> None:
    team = make_team()
    repository = RepositoryFactory(challenge=team.challenge)
    response = _client(team.fellow).post(reverse("values:repository_check", args=[repository.pk]))
    check = HealthCheck.objects.get()
    assert check.outcome == CheckOutcome.PENDING
    assert response["Location"] == reverse("core:job_status", args=[check.job_id])


def test_check_now_on_a_repository_that_is_not_git_says_why(
    settings: Any, tmp_path: Path, django_capture_on_commit_callbacks: Any
) -> None:
    settings.MAGELLAN_REPOSITORY_ALLOW_LOCAL = True
    team = make_team()
    repository = RepositoryFactory(challenge=team.challenge, url=tmp_path.as_uri())
    client = _client(team.coach)
    with django_capture_on_commit_callbacks(execute=True):
        client.post(reverse("values:repository_check", args=[repository.pk]))
    job_page = client.get(reverse("core:job_status", args=[HealthCheck.objects.get().job_id]))
    assert "aucun dépôt git n’a été trouvé à cette adresse" in job_page.content.decode()
    page = client.get(reverse("values:repository", args=[repository.pk])).content.decode()
    assert "aucun dépôt git n’a été trouvé à cette adresse" in page
    assert Repository.objects.filter(pk=repository.pk).exists()


def test_another_challenge_s_fellow_cannot_check_nor_remove() -> None:
    team = make_team()
    repository = RepositoryFactory(challenge=team.challenge)
    outsider = _client(PersonFactory(fellow=True, cohort=team.challenge.cohorts.first()))
    assert (
        outsider.post(reverse("values:repository_check", args=[repository.pk])).status_code == 403
    )
    assert (
        outsider.post(reverse("values:repository_delete", args=[repository.pk])).status_code == 403
    )
    assert (Repository.objects.count(), HealthCheck.objects.count()) == (1, 0)


def test_removing_a_repository_goes_back_to_the_list() -> None:
    team = make_team()
    repository = RepositoryFactory(challenge=team.challenge)
    response = _client(team.project_owner).post(
        reverse("values:repository_delete", args=[repository.pk])
    )
    assert response["Location"] == reverse("values:repositories", args=[team.challenge.slug])
    assert Repository.objects.count() == 0


def test_check_and_remove_are_post_only() -> None:
    team = make_team()
    repository = RepositoryFactory(challenge=team.challenge)
    client = _client(team.coach)
    assert client.get(reverse("values:repository_check", args=[repository.pk])).status_code == 405
    assert client.get(reverse("values:repository_delete", args=[repository.pk])).status_code == 405


def test_the_list_runs_the_same_queries_with_one_and_three_repositories() -> None:
    team = make_team()

    def make() -> str:
        check = HealthCheckFactory(repository__challenge=team.challenge, passed=True)
        HealthCheckFactory(repository=check.repository, warnings=True)
        return check.repository.url

    assert_queries_do_not_grow(
        _client(team.fellow), reverse("values:repositories", args=[team.challenge.slug]), make
    )


def test_a_repository_s_page_runs_the_same_queries_with_one_and_three_checks() -> None:
    team = make_team()
    repository = RepositoryFactory(challenge=team.challenge)

    def make() -> str:
        person = PersonFactory(with_account=True)
        HealthCheckFactory(repository=repository, passed=True, requested_by=person.user)
        return person.name

    assert_queries_do_not_grow(
        _client(team.coach), reverse("values:repository", args=[repository.pk]), make
    )


def test_the_optional_licence_field_says_it_is_optional_once() -> None:
    team = make_team()

    html = _client(team.fellow).get(reverse("values:repositories", args=[team.challenge.slug]))

    text = html.content.decode()
    assert "Licence déclarée" in text
    assert "(facultatif)" not in text
    assert text.count("(Optionnel)") == 1
