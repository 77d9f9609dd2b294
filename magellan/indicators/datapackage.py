"""The open data: the public indicators as a Frictionless Data Package (one CSV per public
indicator, each with its Table Schema built from the registry's columns), under the Licence
Ouverte 2.0. The public statistics page reads the same tables: both go through
`public_tables`, which suppresses small counts (`disclosure.py`).

The CSVs follow the Frictionless defaults (UTF-8 without BOM, commas, a header row of the
columns' machine names, a dot as the decimal mark, an empty cell for a missing or masked figure);
each gets one more boolean column, `masque`, true on the rows whose figures were masked.
"""

import csv
import datetime
import io
from typing import Any

from django.utils.translation import gettext as _

from . import registry
from .disclosure import SMALL_COUNT, suppress_small_counts
from .registry import Filters, Indicator, Table

NAME = "magellan-indicateurs-eig"
LICENSE = {
    "name": "etalab-2.0",
    "path": "https://www.etalab.gouv.fr/licence-ouverte-open-licence/",
    "title": "Licence Ouverte / Open Licence version 2.0",
}
SUPPRESSED_FIELD = "masque"


def public_tables(*, today: datetime.date) -> list[tuple[Indicator, Table]]:
    """Every public indicator over every cohort, small counts suppressed."""
    return [
        (indicator, suppress_small_counts(indicator.compute(Filters(today=today))))
        for indicator in registry.all_indicators(public_only=True)
    ]


def public_table(slug: str, *, today: datetime.date) -> tuple[Indicator, Table]:
    """One public indicator's suppressed table; LookupError when there is no public one."""
    indicator = registry.get(slug)
    if not indicator.public:
        raise LookupError(f"Indicator {slug!r} is not public.")
    return indicator, suppress_small_counts(indicator.compute(Filters(today=today)))


def _csv_value(value: Any, column_type: str) -> str:
    if value is None:
        return ""
    if column_type == "boolean":
        return "true" if value else "false"
    if column_type == "integer":
        return str(int(value))
    if column_type == "number":
        return repr(float(value))
    if column_type == "date":
        return value.isoformat()
    return str(value)


def resource_csv(table: Table) -> str:
    """A public table as Frictionless CSV (with the `masque` column)."""
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow([column.name for column in table.columns] + [SUPPRESSED_FIELD])
    for index, row in enumerate(table.rows):
        writer.writerow(
            [_csv_value(v, c.type) for v, c in zip(row, table.columns, strict=True)]
            + [_csv_value(index in table.suppressed, "boolean")]
        )
    return out.getvalue()


def _field(column: registry.Column) -> dict[str, Any]:
    description = str(column.description or column.title)
    if column.is_count or column.type == "number":
        description += " " + _(
            "Vide quand la ligne porte sur moins de %(n)s personnes (voir la colonne « masque »)."
        ) % {"n": SMALL_COUNT}
    field: dict[str, Any] = {
        "name": column.name,
        "title": str(column.title),
        "type": column.type,
        "description": description,
    }
    if column.type == "number":
        field["decimalChar"] = "."
    return field


def schema(table: Table) -> dict[str, Any]:
    """The Table Schema of a public table's CSV."""
    return {
        "fields": [_field(column) for column in table.columns]
        + [
            {
                "name": SUPPRESSED_FIELD,
                "title": _("Chiffres masqués"),
                "type": "boolean",
                "description": _(
                    "Vrai quand les chiffres de la ligne sont masqués parce qu’ils portent sur "
                    "moins de %(n)s personnes."
                )
                % {"n": SMALL_COUNT},
            }
        ],
        "missingValues": [""],
    }


def descriptor(
    tables: list[tuple[Indicator, Table]], *, created: datetime.datetime, homepage: str
) -> dict[str, Any]:
    """The data package's `datapackage.json`: each resource's path is relative to it."""
    return {
        "name": NAME,
        "title": _("Indicateurs du programme Entrepreneurs d’intérêt général"),
        "description": _(
            "Les indicateurs agrégés du programme EIG, calculés à partir des données de Magellan "
            "(jamais saisis) : un fichier CSV par indicateur, sans donnée personnelle ; les "
            "chiffres portant sur moins de %(n)s personnes sont masqués."
        )
        % {"n": SMALL_COUNT},
        "homepage": homepage,
        "created": created.astimezone(datetime.UTC).strftime("%Y-%m-%dT%H:%M:%SZ"),
        "keywords": ["EIG", "entrepreneurs d’intérêt général", "indicateurs"],
        "licenses": [LICENSE],
        "resources": [
            {
                "name": indicator.slug,
                "path": f"{indicator.slug}.csv",
                "title": str(indicator.title),
                "description": str(indicator.description),
                "format": "csv",
                "mediatype": "text/csv",
                "encoding": "utf-8",
                "schema": schema(table),
            }
            for indicator, table in tables
        ],
    }
