"""Addresses no page takes: a clear 4xx with a reason, never a 500."""

import pytest
from django.test import Client

from tests.factories import PersonFactory

pytestmark = pytest.mark.django_db

NUL_REASON = "Invalid request: the address holds a NUL byte (%00)."


@pytest.mark.parametrize(
    "url",
    [
        "/api/people?q=%00",
        "/api/people?cohort=a%00b",
        "/api/people?%00=1",
        "/api/people/%00",
        "/api/challenges?q=%00",
        "/api/challenges/x%00y",
        "/api/cohorts/%00",
        "/api/administrations/%00",
    ],
)
def test_api_answers_400_to_a_nul_byte(client: Client, url: str) -> None:
    response = client.get(url)

    assert response.status_code == 400
    assert response.json() == {"detail": NUL_REASON}


@pytest.mark.parametrize(
    "url",
    [
        "/programme/ical/%00.ics",
        "/programme/ical/abc%00/promotion-1.ics",
        "/programme/ical/abc.ics?x=%00",
    ],
)
def test_feeds_answer_400_to_a_nul_byte(client: Client, url: str) -> None:
    response = client.get(url)

    assert response.status_code == 400
    assert (
        response.content.decode() == "Requête invalide : l’adresse contient un caractère nul (%00)."
    )


@pytest.mark.parametrize("page", ["9999999999999999999999", "1000001"])
def test_api_answers_400_to_a_page_number_beyond_the_bound(client: Client, page: str) -> None:
    PersonFactory(name="Alice", public=True)

    response = client.get("/api/people", {"page": page})

    assert response.status_code == 400
    assert response.json() == {"detail": "Invalid request: page must be at most 1000000."}


def test_api_still_serves_the_last_allowed_page_empty(client: Client) -> None:
    PersonFactory(name="Alice", public=True)

    response = client.get("/api/people", {"page": "1000000"})

    assert response.status_code == 200
    assert response.json() == {"items": [], "count": 1}
