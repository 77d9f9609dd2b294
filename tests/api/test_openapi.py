"""The OpenAPI document tells the truth: schemathesis, run against it offline, finds nothing.

Bounded on purpose: a few examples per operation, derandomised with a fixed seed, through the WSGI
application in the test process (no server, no network); about ten seconds in all.
"""

from collections.abc import Iterator

import pytest
import schemathesis
from django.core import signals
from django.core.wsgi import get_wsgi_application
from django.db import close_old_connections
from django.test import Client
from hypothesis import HealthCheck, settings

from tests.factories import ChallengeFactory, CohortFactory, PersonFactory

pytestmark = pytest.mark.django_db

EXAMPLES_PER_OPERATION = 25
CONFIG = schemathesis.Config.from_dict(
    {
        "seed": 20260101,
        "generation": {"deterministic": True},
        "operations": [
            {
                # A slug filter is a string in the schema, which cannot list the known slugs:
                # an unknown one is a documented 400 with its reason, even for a "valid" string.
                "include-path-regex": "^/api/(challenges|people)$",
                "checks": {
                    "positive_data_acceptance": {"expected-statuses": ["2xx", "400", "404"]}
                },
            }
        ],
    }
)
# The document as clients read it (no database is needed to serve it).
schema = schemathesis.openapi.from_wsgi("/api/openapi.json", get_wsgi_application(), config=CONFIG)


@pytest.fixture
def directory() -> None:
    """Something to find beside the 404s: public and hidden challenges, public and private people."""
    cohort = CohortFactory(slug="promo-1")
    ChallengeFactory(slug="defi-public", cohorts=[cohort])
    ChallengeFactory(slug="defi-cache", cohorts=[cohort], hidden=True)
    PersonFactory(slug="ada", public=True, fellow=True, cohort=cohort)
    PersonFactory(slug="alan", fellow=True, cohort=cohort)


@pytest.fixture
def keep_the_test_connection() -> Iterator[None]:
    """The WSGI application closes the database connection at the end of each request (Django's
    close_old_connections, CONN_MAX_AGE 0), which would end the test's transaction on PostgreSQL:
    keep it open during the test, as Django's test client does."""
    signals.request_started.disconnect(close_old_connections)
    signals.request_finished.disconnect(close_old_connections)
    try:
        yield
    finally:
        signals.request_started.connect(close_old_connections)
        signals.request_finished.connect(close_old_connections)


@schema.parametrize()
@settings(
    max_examples=EXAMPLES_PER_OPERATION,
    derandomize=True,
    deadline=None,
    suppress_health_check=list(HealthCheck),
)
def test_api_conforms_to_its_openapi_document(
    case: schemathesis.Case, directory: None, keep_the_test_connection: None
) -> None:
    case.call_and_validate()


def _operations(client: Client) -> list[tuple[str, dict]]:
    document = client.get("/api/openapi.json").json()
    return [
        (f"{method.upper()} {path}", operation)
        for path, methods in document["paths"].items()
        for method, operation in methods.items()
    ]


def test_openapi_says_the_token_is_optional_on_every_operation(client: Client) -> None:
    security = {name: operation["security"] for name, operation in _operations(client)}

    assert len(security) == 8
    assert set(map(str, security.values())) == {str([{"OptionalBearer": []}, {}])}


def test_openapi_documents_the_error_answers(client: Client) -> None:
    statuses = {name: sorted(operation["responses"]) for name, operation in _operations(client)}

    lists = ["200", "400", "401", "422"]
    items = ["200", "400", "401", "404"]
    assert statuses == {
        "GET /api/cohorts": lists,
        "GET /api/cohorts/{slug}": items,
        "GET /api/administrations": lists,
        "GET /api/administrations/{slug}": items,
        "GET /api/challenges": lists,
        "GET /api/challenges/{slug}": items,
        "GET /api/people": lists,
        "GET /api/people/{slug}": items,
    }


def test_openapi_documents_the_page_bound(client: Client) -> None:
    parameters = dict(_operations(client))["GET /api/people"]["parameters"]

    page = next(p for p in parameters if p["name"] == "page")
    assert page["schema"]["maximum"] == 1_000_000
