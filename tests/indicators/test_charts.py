import re

from magellan.indicators import charts
from magellan.indicators.registry import Column, Table


def _long_table():
    return Table(
        columns=[
            Column("promotion", "Promotion"),
            Column("dispositif", "Dispositif"),
            Column("taux", "Taux", "number"),
        ],
        rows=[
            ["Promotion 7", "Atelier", 50.0],
            ["Promotion 7", "Séminaire", 75.5],
            ["Promotion 8", "Atelier", None],
        ],
        summary="Les EIG viennent aux trois quarts des séminaires.",
    )


def test_a_chart_is_an_image_named_by_its_title_and_described_by_the_tables_summary():
    svg = charts.plot_grouped_bars(
        _long_table(),
        category="promotion",
        group="dispositif",
        value="taux",
        title="Assiduité <par> dispositif",
        chart_id="assiduite",
    )
    assert svg.startswith('<svg xmlns="http://www.w3.org/2000/svg" role="img"')
    assert 'aria-labelledby="assiduite-title assiduite-desc"' in svg
    assert '<title id="assiduite-title">Assiduité &lt;par&gt; dispositif</title>' in svg
    assert (
        '<desc id="assiduite-desc">Les EIG viennent aux trois quarts des séminaires.</desc>' in svg
    )


def test_grouped_bars_draw_one_bar_per_value_and_a_dash_where_there_is_none():
    svg = charts.plot_grouped_bars(
        _long_table(),
        category="promotion",
        group="dispositif",
        value="taux",
        title="T",
        chart_id="t",
        unit="%",
        maximum=100.0,
    )
    # Promotion 7: two bars; Promotion 8: none for its atelier (None) nor its séminaire (no row).
    assert (
        len(re.findall(r'<rect x="[\d.]+" y="[\d.]+" width="[\d.]+" height="[\d.]+" fill="#', svg))
        == 2
    )
    assert svg.count(">—</text>") == 2
    assert ">50</text>" in svg
    assert ">75,5</text>" in svg
    # The legend names both formats, each with its own colour.
    assert ">Atelier</text>" in svg
    assert ">Séminaire</text>" in svg
    assert 'fill="#000091"' in svg
    assert 'fill="#18753c"' in svg
    # The scale's top is the fixed maximum, with its unit.
    assert ">100\u202f%</text>" in svg


def test_bars_scale_to_a_round_ceiling_of_the_largest_value():
    table = Table(
        columns=[Column("promotion", "Promotion"), Column("eig", "EIG", "integer")],
        rows=[["Promotion 7", 37], ["Promotion 8", 12]],
    )
    svg = charts.plot_bars(table, category="promotion", values=("eig",), title="T", chart_id="t")
    assert ">50</text>" in svg
    assert ">25</text>" in svg
    assert ">37</text>" in svg
    assert ">12</text>" in svg
    assert ">Promotion 7</text>" in svg
    # One series: no legend.
    assert ">EIG</text>" not in svg


def test_lines_break_where_a_value_is_missing():
    table = Table(
        columns=[
            Column("mois", "Mois"),
            Column("promotion", "Promotion"),
            Column("n", "N", "integer"),
        ],
        rows=[["janv.", "P7", 1], ["févr.", "P7", 3], ["mars", "P7", None], ["avr.", "P7", 4]],
    )
    svg = charts.plot_lines(table, x="mois", series="promotion", value="n", title="T", chart_id="t")
    # Two points joined, then a gap, then a lone point: one polyline, three markers.
    assert svg.count("<polyline") == 1
    assert svg.count("<circle") == 3


def test_shares_use_a_fixed_scale_of_a_hundred_per_cent():
    table = Table(
        columns=[Column("promotion", "Promotion"), Column("part", "Part", "number")],
        rows=[["P7", 12.5]],
    )
    svg = charts.plot_shares(table, category="promotion", values=("part",), title="T", chart_id="t")
    assert ">100\u202f%</text>" in svg
    assert ">50\u202f%</text>" in svg
    assert ">12,5\u202f%</text>" in svg


def test_figures_are_written_in_french():
    assert charts.format_figure(None) == "—"
    assert charts.format_figure(3.0) == "3"
    assert charts.format_figure(2.25) == "2,2"
    assert charts.format_figure(40, "h") == "40\u202fh"


def test_an_unknown_column_is_a_programming_error():
    import pytest

    with pytest.raises(LookupError):
        charts.plot_bars(
            _long_table(), category="cohorte", values=("taux",), title="T", chart_id="t"
        )
