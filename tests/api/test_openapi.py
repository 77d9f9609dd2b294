"""The OpenAPI document tells the truth: schemathesis, run against it offline, finds nothing.

Bounded on purpose: a few examples per operation, derandomised with a fixed seed, through the WSGI
application in the test process (no server, no network). Every call carries a token with every
scope, of a fellow who writes their team's bulletin and facilitates a held session, on a small
demo-like community: the writes reach the services, whose refusals are documented answers.
"""

from collections.abc import Iterator

import pytest
import schemathesis
from django.core import signals
from django.core.wsgi import get_wsgi_application
from django.db import close_old_connections
from django.test import Client
from hypothesis import HealthCheck, settings

from tests.factories import (
    ApiTokenFactory,
    ChallengeFactory,
    ChallengeMembershipFactory,
    CohortFactory,
    ExpertiseFactory,
    PersonFactory,
    SessionFactory,
)

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
            },
            {
                # Writes and the week's bulletin: a schema-valid request still meets the rules
                # (a session full or started, someone else's team, a bulletin nobody wrote yet):
                # a documented 400, 403, 404 or 409 with its reason.
                "include-path-regex": "^/api/(sessions/|help-requests|challenges/[^/]+/bulletin)",
                "checks": {
                    "positive_data_acceptance": {
                        "expected-statuses": ["2xx", "400", "403", "404", "409"]
                    }
                },
            },
        ],
    }
)
# The document as clients read it (no database is needed to serve it).
schema = schemathesis.openapi.from_wsgi("/api/openapi.json", get_wsgi_application(), config=CONFIG)


RAW_TOKEN = "mgl_schemathesis-every-scope"


@pytest.fixture
def directory(settings: object) -> None:
    """Something to find beside the 404s: public and hidden challenges, public and private people,
    sessions to come and held, an expertise; the token's fellow in the public challenge's team."""
    settings.MAGELLAN_API_TOKEN_RATE = "100000/m"  # type: ignore[attr-defined]
    cohort = CohortFactory(slug="promo-1")
    team = ChallengeFactory(slug="defi-public", cohorts=[cohort])
    ChallengeFactory(slug="defi-cache", cohorts=[cohort], hidden=True)
    ada = PersonFactory(slug="ada", public=True, fellow=True, cohort=cohort)
    PersonFactory(slug="alan", fellow=True, cohort=cohort)
    ChallengeMembershipFactory(person=ada, challenge=team)
    SessionFactory(pk=1, cohort=cohort)
    SessionFactory(pk=2, cohort=cohort, past=True, facilitators=[ada])
    ExpertiseFactory(slug="donnees")
    ApiTokenFactory(user=ada.user, raw=RAW_TOKEN)


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
    case.call_and_validate(headers={"Authorization": f"Bearer {RAW_TOKEN}"})


def _operations(client: Client) -> list[tuple[str, dict]]:
    document = client.get("/api/openapi.json").json()
    return [
        (f"{method.upper()} {path}", operation)
        for path, methods in document["paths"].items()
        for method, operation in methods.items()
    ]


def test_openapi_says_the_token_is_optional_on_reads_and_required_on_writes(
    client: Client,
) -> None:
    security = {name: operation["security"] for name, operation in _operations(client)}

    optional, required = [{"OptionalBearer": []}, {}], [{"TokenBearer": []}]
    assert {name for name, value in security.items() if value == required} == {
        "POST /api/sessions/{session_id}/registration",
        "DELETE /api/sessions/{session_id}/registration",
        "PUT /api/sessions/{session_id}/attendance/{person}",
        "POST /api/help-requests",
        "PUT /api/challenges/{slug}/bulletin",
    }
    assert {name for name, value in security.items() if value == optional} == {
        name for name in security if name.startswith("GET ")
    }


def test_openapi_documents_the_error_answers(client: Client) -> None:
    statuses = {name: sorted(operation["responses"]) for name, operation in _operations(client)}

    lists = ["200", "400", "401", "403", "422", "429"]
    items = ["200", "400", "401", "403", "404", "429"]
    writes = ["400", "401", "403", "404", "409", "422", "429"]
    assert statuses == {
        "GET /api/cohorts": lists,
        "GET /api/cohorts/{slug}": items,
        "GET /api/administrations": lists,
        "GET /api/administrations/{slug}": items,
        "GET /api/challenges": lists,
        "GET /api/challenges/{slug}": items,
        "GET /api/people": lists,
        "GET /api/people/{slug}": items,
        "GET /api/sessions": lists,
        "POST /api/sessions/{session_id}/registration": ["200", *writes],
        "DELETE /api/sessions/{session_id}/registration": ["200", *writes],
        "PUT /api/sessions/{session_id}/attendance/{person}": ["200", *writes],
        "POST /api/help-requests": ["201", *writes],
        "GET /api/challenges/{slug}/bulletin": items,
        "PUT /api/challenges/{slug}/bulletin": ["200", *writes],
    }


def test_openapi_documents_the_page_bound(client: Client) -> None:
    parameters = dict(_operations(client))["GET /api/people"]["parameters"]

    page = next(p for p in parameters if p["name"] == "page")
    assert page["schema"]["maximum"] == 1_000_000
