"""Search: open to everyone (anonymous visitors search the public guides); what each person finds
is checked in tests/search/test_services.py, with data that could leak."""

from django.urls import reverse

from . import Case, statuses

EVERYONE = statuses(200)

CASES = [
    Case("search:results", lambda w: reverse("search:results"), EVERYONE, id="search:form"),
    Case(
        "search:results",
        lambda w: reverse("search:results") + "?q=accessibilit%C3%A9+num%C3%A9rique",
        EVERYONE,
    ),
]
