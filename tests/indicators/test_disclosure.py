"""The suppression of small counts on public outputs (one function for the page and the package)."""

import pytest

from magellan.indicators.disclosure import SUPPRESSED_SUMMARY, is_small, suppress_small_counts
from magellan.indicators.registry import Column, Table


def _table(*rows):
    return Table(
        columns=[
            Column("promotion", "Promotion"),
            Column("phase", "Phase", "integer", count=False),
            Column("eig", "EIG", "integer"),
            Column("taux", "Taux", "number"),
            Column("seances", "Séances", "number", count=True),
        ],
        rows=[list(row) for row in rows],
        summary="3 EIG sur 4",
    )


@pytest.mark.parametrize(
    ("value", "small"),
    [(0, False), (1, True), (4, True), (4.0, True), (5, False), (None, False), (True, False)],
)
def test_small_means_one_to_four(value, small):
    assert is_small(value) is small


def test_a_row_with_a_small_count_loses_all_its_figures_and_the_summary_is_replaced():
    table = _table(["Promotion 7", 1, 12, 75.0, 20], ["Promotion 8", 2, 3, 100.0, 20])

    public = suppress_small_counts(table)

    assert public.rows == [
        ["Promotion 7", 1, 12, 75.0, 20],
        ["Promotion 8", 2, None, None, None],
    ]
    assert public.suppressed == {1}
    assert public.summary == SUPPRESSED_SUMMARY
    assert table.rows[1] == ["Promotion 8", 2, 3, 100.0, 20]  # the original is left alone


def test_a_count_typed_otherwise_is_suppressed_too():
    public = suppress_small_counts(_table(["Promotion 7", 1, 12, 75.0, 2]))

    assert public.rows == [["Promotion 7", 1, None, None, None]]


def test_an_integer_that_names_something_is_not_a_count():
    public = suppress_small_counts(_table(["Promotion 7", 3, 12, 75.0, 20]))

    assert public.rows == [["Promotion 7", 3, 12, 75.0, 20]]
    assert public.suppressed == set()
    assert public.summary == "3 EIG sur 4"


def test_zero_is_not_suppressed():
    public = suppress_small_counts(_table(["Promotion 7", 1, 0, None, 0]))

    assert public.suppressed == set()
