"""axe-core finds no violation on any page, for a visitor, a fellow and a coach.

The pages are not listed here: they are the access matrix's cases (tests/access/<app>.py), which
cover every URL pattern of the project; each GET case that answers an HTML page with 200 for the
role is swept, in the matrix's world. A new page therefore gets its accessibility check with
its access case.
"""

import importlib
from pathlib import Path
from typing import Any
from urllib.parse import urlencode

import pytest
from django.apps import apps as django_apps
from django.test import Client
from django.urls import URLPattern, URLResolver, get_resolver

from tests.access import Case, World

# The matrix's `world` fixture, under another name (pytest finds fixtures a module imports).
from tests.test_access_matrix import CASES
from tests.test_access_matrix import world as access_world  # noqa: F401 - the fixture, used by name

from .conftest import log_in, sweep

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

# Not ours to check: Django's admin, and the API's documentation page (Swagger UI's). The API's
# endpoints answer JSON (not swept); its token pages are ours and swept.
NOT_SWEPT = ("admin:", "api:openapi-")


def _routes(patterns: list[Any], prefix: str = "", namespace: str = "") -> dict[str, str]:
    """Each named URL pattern's full route (`programme/seances/<int:pk>/seance.ics`)."""
    routes: dict[str, str] = {}
    for entry in patterns:
        if isinstance(entry, URLResolver):
            inner = f"{namespace}{entry.namespace}:" if entry.namespace else namespace
            routes |= _routes(entry.url_patterns, prefix + str(entry.pattern), inner)
        elif isinstance(entry, URLPattern) and entry.name:
            routes[namespace + entry.name] = prefix + str(entry.pattern)
    return routes


def _is_file(route: str) -> bool:
    """Routes that end with a file name (.ics, .json, an export) are not pages."""
    return "." in route.rstrip("/").rsplit("/", 1)[-1]


def _restore_site_config() -> None:
    """The DSFR site configuration that migration core.0001 creates (a flush removes it)."""
    migration = importlib.import_module("magellan.core.migrations.0001_site_config")
    migration.create_site_config(django_apps, None)


def _path(case: Case, world: World) -> str:
    url = case.url(world)
    if case.data:
        url += ("&" if "?" in url else "?") + urlencode(case.data(world), doseq=True)
    return url


def swept_pages(world: World, role: str) -> list[str]:
    """The HTML pages the role opens with a 200, from the access matrix's GET cases."""
    client = Client()
    user = world.user(role)
    if user is not None:
        client.force_login(user)
    routes = _routes(get_resolver().url_patterns)
    pages = []
    for case in CASES:
        if case.method != "get" or case.headers or case.url_name.startswith(NOT_SWEPT):
            continue
        if _is_file(routes[case.url_name]):
            continue
        if case.expect[role] != 200:
            continue
        path = _path(case, world)
        response = client.get(path)
        if response.status_code == 200 and response["Content-Type"].startswith("text/html"):
            pages.append(path)
    return list(dict.fromkeys(pages))


@pytest.mark.parametrize("role", ["anonymous", "fellow", "coach"])
def test_every_page_has_no_accessibility_violations(
    page: Any, live_server: Any, axe_path: Path, role: str, request: pytest.FixtureRequest
) -> None:
    _restore_site_config()
    world = request.getfixturevalue("access_world")
    pages = swept_pages(world, role)
    user = world.user(role)
    if user is not None:
        log_in(page, live_server, user)

    assert sweep(page, live_server, axe_path, pages) == {}
    assert len(pages) >= {"anonymous": 10, "fellow": 20, "coach": 35}[role], pages
