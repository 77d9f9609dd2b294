"""The one query-count check of list pages and list endpoints (docs/testing.md, "Query counts").

A list renders with one item, then with three: it must run the same number of queries (no N+1),
and every item's name must be on it (a page that lists nothing runs few queries too).
"""

import html
import json
import re
from collections.abc import Callable

from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext


def shows(text: str, name: str) -> bool:
    """Whether `name` is on the page as a whole word ("Défi 1" is not shown by "Défi 12")."""
    return re.search(rf"(?<!\w){re.escape(name)}(?!\w)", text) is not None


def _render(client: Client, url: str) -> tuple[int, str, list[str]]:
    with CaptureQueriesContext(connection) as captured:
        response = client.get(url)
    assert response.status_code == 200, url
    if response["Content-Type"].startswith("application/json"):
        text = json.dumps(response.json(), ensure_ascii=False)
    else:
        text = html.unescape(response.content.decode())
    return len(captured), text, [query["sql"] for query in captured.captured_queries]


def assert_queries_do_not_grow(client: Client, url: str, make: Callable[[], str]) -> None:
    """Render `url` with one item then three: the same number of queries, every item's name shown.

    `make()` adds one item and returns the name the page must show for it. A first render,
    not measured, fills what is cached once per process (the DSFR site settings, …).
    """
    names = [make()]
    client.get(url)
    one, text, _ = _render(client, url)
    assert [name for name in names if not shows(text, name)] == [], url
    names += [make(), make()]
    three, text, queries = _render(client, url)
    assert [name for name in names if not shows(text, name)] == [], url
    assert three == one, f"{url}: {one} queries for 1 item, {three} for 3:\n" + "\n".join(queries)
