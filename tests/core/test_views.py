import pytest
from django.test import Client
from django.urls import reverse

from tests.factories import JobFactory

pytestmark = pytest.mark.django_db


def _client_for(job: object) -> Client:
    client = Client()
    client.force_login(job.created_by)  # type: ignore[attr-defined]
    return client


def test_job_status_json_reports_progress() -> None:
    job = JobFactory(running=True, message="Recherche")

    response = _client_for(job).get(reverse("core:job_status_json", args=[job.pk]))

    assert response.json() == {
        "status": "running",
        "status_label": "En cours",
        "done": 3,
        "total": 10,
        "percent": 30,
        "message": "Recherche",
        "error": "",
        "finished": False,
        "url": "",
    }


def test_job_status_page_polls_while_running() -> None:
    job = JobFactory(running=True)

    html = _client_for(job).get(job.get_absolute_url()).content.decode()

    assert 'role="status"' in html
    assert 'value="30"' in html
    assert 'data-job-finished="false"' in html
    assert '<noscript><meta http-equiv="refresh" content="3"></noscript>' in html
    assert "core/job_status.js" in html


def test_job_status_page_links_to_the_result_once_succeeded() -> None:
    job = JobFactory(succeeded=True)

    html = _client_for(job).get(job.get_absolute_url()).content.decode()

    assert 'href="/resultat/"' in html
    assert 'http-equiv="refresh"' not in html


def test_job_status_page_shows_the_error_once_failed() -> None:
    job = JobFactory(failed=True)

    html = _client_for(job).get(job.get_absolute_url()).content.decode()

    assert "La tâche a échoué : Trop de membres dans un défi." in html
