"""The open data, for everyone (no sign-in): the public statistics page (every public indicator's
chart, table and summary, small counts suppressed) and the Frictionless Data Package with its
CSVs. Both read `datapackage.public_tables`, the one place small counts are suppressed."""

import json
from dataclasses import dataclass

from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.urls import reverse
from django.utils import timezone
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext as _

from .. import datapackage
from ..disclosure import SMALL_COUNT
from ..registry import Indicator, Table
from .board import cell_text


@dataclass(frozen=True)
class PublicIndicator:
    indicator: Indicator
    table: Table
    chart: SafeString
    rows: list[tuple[list[str], bool]]  # each row's cells in French, and whether it is masked


def _shown(indicator: Indicator, table: Table) -> PublicIndicator:
    return PublicIndicator(
        indicator=indicator,
        table=table,
        chart=mark_safe(indicator.plot(table)),  # noqa: S308 - charts.py escapes every text
        rows=[
            (
                [cell_text(v, c) for v, c in zip(row, table.columns, strict=True)],
                index in table.suppressed,
            )
            for index, row in enumerate(table.rows)
        ],
    )


def statistics(request: HttpRequest) -> HttpResponse:
    """Every public indicator over every cohort, with its chart, table and summary."""
    tables = datapackage.public_tables(today=timezone.localdate())
    return render(
        request,
        "indicators/public_statistics.html",
        {
            "shown": [_shown(indicator, table) for indicator, table in tables],
            "small_count": SMALL_COUNT,
        },
    )


def package(request: HttpRequest) -> HttpResponse:
    """The Frictionless Data Package descriptor (`datapackage.json`)."""
    tables = datapackage.public_tables(today=timezone.localdate())
    body = datapackage.descriptor(
        tables,
        created=timezone.now(),
        homepage=request.build_absolute_uri(reverse("indicators:statistics")),
    )
    response = HttpResponse(
        json.dumps(body, ensure_ascii=False, indent=2),
        content_type="application/json; charset=utf-8",
    )
    response["Access-Control-Allow-Origin"] = "*"
    return response


def resource(request: HttpRequest, slug: str) -> HttpResponse:
    """One public indicator's CSV (a resource of the data package)."""
    try:
        _indicator, table = datapackage.public_table(slug, today=timezone.localdate())
    except LookupError:
        raise Http404(_("Aucun indicateur public ne porte ce nom.")) from None
    response = HttpResponse(datapackage.resource_csv(table), content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'inline; filename="{slug}.csv"'
    response["Access-Control-Allow-Origin"] = "*"
    return response
