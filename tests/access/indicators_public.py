"""Indicators, part S: the open data. The public statistics page, the data package and its CSVs
are open to everyone, signed in or not (aggregates only, small counts suppressed)."""

from django.urls import reverse

from magellan.indicators.indicators import PUBLIC_SERVICE

from . import Case, statuses

CASES = [
    Case("indicators:statistics", lambda w: reverse("indicators:statistics"), statuses(200)),
    Case("indicators:datapackage", lambda w: reverse("indicators:datapackage"), statuses(200)),
    Case(
        "indicators:resource",
        lambda w: reverse("indicators:resource", args=[PUBLIC_SERVICE]),
        statuses(200),
    ),
]
