"""What the public may see of an indicator: THE suppression of small counts, used by the public
statistics page and the data package alike (never by the coaches' pages, which show everything).

A row where a count of people is between 1 and `SMALL_COUNT - 1` could point at someone: every
figure of that row (its counts and the shares or averages computed from them) is replaced by
None, and the row's index goes into `Table.suppressed`, so that the page and the CSV say so; the table's sentence, which may quote a small figure, is
then replaced by one that says figures were masked.
"""

from dataclasses import replace

from django.utils.translation import gettext_lazy as _

from .registry import Column, Table

# Counts under this threshold are suppressed on public outputs.
SMALL_COUNT = 5
SUPPRESSED_SUMMARY = _(
    "Certains chiffres de ce tableau sont masqués : ils portent sur moins de 5 personnes."
)


def _is_figure(column: Column) -> bool:
    return column.is_count or column.type == "number"


def is_small(value: object) -> bool:
    """A count from 1 to SMALL_COUNT - 1 (zero reveals no one)."""
    return (
        isinstance(value, int | float) and not isinstance(value, bool) and 0 < value < SMALL_COUNT
    )


def suppress_small_counts(table: Table) -> Table:
    """A copy of `table` where each row with a small count has all its figures set to None."""
    counts = [i for i, column in enumerate(table.columns) if column.is_count]
    figures = [i for i, column in enumerate(table.columns) if _is_figure(column)]
    rows: list[list[object]] = []
    suppressed: set[int] = set(table.suppressed)
    for index, row in enumerate(table.rows):
        if any(is_small(row[i]) for i in counts):
            row = [None if i in figures else value for i, value in enumerate(row)]
            suppressed.add(index)
        rows.append(list(row))
    if not suppressed:
        return replace(table, rows=rows)
    # The indicator's own sentence may quote a small figure: the public one says only this.
    return replace(table, rows=rows, suppressed=suppressed, summary=SUPPRESSED_SUMMARY)
