"""API pages hold MAGELLAN_API_PAGE_SIZE items, read at each call."""

import pytest
from django.test import Client

from tests.factories import CohortFactory, PersonFactory

pytestmark = pytest.mark.django_db


def test_api_page_size_is_the_setting_read_at_call_time(client: Client, settings: object) -> None:
    for name in ("Ada", "Alan", "Grace"):
        PersonFactory(name=name, public=True)
    settings.MAGELLAN_API_PAGE_SIZE = 2  # type: ignore[attr-defined]

    first = client.get("/api/people").json()
    second = client.get("/api/people", {"page": 2}).json()

    assert [p["name"] for p in first["items"]] == ["Ada", "Alan"]
    assert [p["name"] for p in second["items"]] == ["Grace"]
    assert first["count"] == second["count"] == 3


def test_api_page_size_parameter_overrides_the_setting(client: Client, settings: object) -> None:
    for number in (1, 2, 3):
        CohortFactory(number=number)
    settings.MAGELLAN_API_PAGE_SIZE = 1  # type: ignore[attr-defined]

    body = client.get("/api/cohorts", {"page_size": 3}).json()

    assert len(body["items"]) == 3


def test_api_default_page_size_is_50(client: Client) -> None:
    for number in range(1, 52):
        CohortFactory(number=number)

    body = client.get("/api/cohorts").json()

    assert (len(body["items"]), body["count"]) == (50, 51)
