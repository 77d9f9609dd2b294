"""THE registry of Magellan's indicators. Each app declares its own in `<app>/indicators.py`
(imported at start-up by `IndicatorsConfig.ready`) with `register(Indicator(...))`; the indicators
page, the public statistics page, the data package and the benchmark all read this registry, so an
indicator added here appears everywhere it is allowed to.

An indicator is computed from the data, never typed in: `compute(filters)` returns a `Table`
(columns typed as in a Frictionless Table Schema, one row per cohort, phase, format…), the
sentence that sums it up, and `plot(table)` draws it as a server-side SVG (`charts.py`).
"""

import datetime
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from typing import Any, Literal

from django.utils.functional import Promise

ColumnType = Literal["string", "integer", "number", "date", "boolean"]


@dataclass(frozen=True)
class Column:
    name: str  # a machine name: the CSV header and the Table Schema field name
    title: str | Promise  # what the page's table header says
    type: ColumnType = "string"
    description: str | Promise = ""
    # Whether the column holds a count of people, which public outputs suppress under 5
    # (`magellan.indicators.disclosure`). None: every integer column is one; say False for an
    # integer that names something (a year, a phase) and True for a count typed otherwise.
    count: bool | None = None

    @property
    def is_count(self) -> bool:
        return self.type == "integer" if self.count is None else self.count


@dataclass
class Table:
    """An indicator's figures: typed columns and rows of plain values (None: no value, or a
    count under the suppression threshold on public pages — `suppressed` says which rows)."""

    columns: list[Column]
    rows: list[list[Any]] = field(default_factory=list)
    summary: str | Promise = ""
    # Indexes of the rows where a small count was suppressed (public outputs only).
    suppressed: set[int] = field(default_factory=set)


@dataclass(frozen=True)
class Filters:
    """What the page asks for: some cohorts (ids; empty: all) and maybe one phase kind (1–4)."""

    cohort_ids: tuple[int, ...] = ()
    phase_kind: int | None = None
    today: datetime.date | None = None


@dataclass(frozen=True)
class Indicator:
    slug: str
    title: str | Promise
    description: str | Promise  # how it is computed, in one or two sentences (shown on the page)
    app: str  # the app that declares it (its label)
    compute: Callable[[Filters], Table]
    plot: Callable[[Table], str]  # the chart as SVG markup (safe: built by charts.py)
    # Aggregates without personal data: shown on the public statistics page and in the data
    # package (with small counts suppressed). Person-level ones stay for coaches.
    public: bool = False
    position: int = 100


_REGISTRY: dict[str, Indicator] = {}


def register(indicator: Indicator) -> Indicator:
    """Add an indicator (once per slug: a second one with the same slug is a programming error)."""
    if indicator.slug in _REGISTRY and _REGISTRY[indicator.slug] != indicator:
        raise ValueError(f"Indicator {indicator.slug!r} is registered twice.")
    _REGISTRY[indicator.slug] = indicator
    return indicator


def all_indicators(*, public_only: bool = False) -> list[Indicator]:
    """Every registered indicator, in page order."""
    found: Sequence[Indicator] = sorted(_REGISTRY.values(), key=lambda i: (i.position, i.slug))
    return [i for i in found if i.public or not public_only]


def get(slug: str) -> Indicator:
    try:
        return _REGISTRY[slug]
    except KeyError:
        raise LookupError(f"No indicator {slug!r}.") from None
