import datetime
import re
from decimal import Decimal

import pytest

from magellan.evaluation import charts


def test_the_axis_chart_is_an_image_with_its_title_and_the_scales_levels_in_text():
    svg = str(
        charts.plot_axis_levels(
            ["Phase 1", "Phase 2", "Phase 3"],
            [
                charts.Series("Entrepreneuriat", [1, 2, 3]),
                charts.Series("Innovation", [2, None, 4]),
                charts.Series("Transformation", [None, None, None]),
            ],
            title="Niveau de chaque axe",
            chart_id="axes",
        )
    )
    assert svg.startswith(
        '<svg xmlns="http://www.w3.org/2000/svg" role="img" aria-labelledby="axes-title"'
    )
    assert '<title id="axes-title">Niveau de chaque axe</title>' in svg
    for label in ("Insuffisant", "À consolider", "Satisfaisant", "Excellent", "Phase 3"):
        assert f">{label}</text>" in svg
    # Readable without colour: each axis has its own marker shape and line dash, named in the legend.
    assert ">Entrepreneuriat</text>" in svg
    assert ">Transformation</text>" in svg
    assert svg.count("<polyline") == 1  # Innovation has a gap: two lone points, no line
    assert svg.count("<circle") == 3 + 1  # Entrepreneuriat's three points and its legend marker
    assert svg.count("<rect") == 2 + 1  # Innovation's two points and its legend marker
    assert svg.count("<polygon") == 1  # Transformation: no point, only its legend marker


def test_the_axis_chart_puts_higher_levels_higher():
    svg = str(
        charts.plot_axis_levels(
            ["Phase 1", "Phase 2"], [charts.Series("Axe", [1, 4])], title="t", chart_id="c"
        )
    )
    points = re.search(r'points="([^"]+)"', svg).group(1).split()
    (_x1, y1), (_x2, y2) = (p.split(",") for p in points)
    assert float(y2) < float(y1)


def test_the_axis_chart_follows_the_scale_setting(settings):
    settings.MAGELLAN_EVALUATION_SCALE = ["Faible", "Moyen", "Fort"]
    svg = str(
        charts.plot_axis_levels(["Phase 1"], [charts.Series("Axe", [3])], title="t", chart_id="c")
    )
    assert ">Fort</text>" in svg
    assert "Excellent" not in svg


def test_the_indicator_chart_shows_each_value_and_the_target_line():
    svg = str(
        charts.plot_indicator(
            [
                (datetime.date(2026, 1, 10), Decimal("35")),
                (datetime.date(2026, 4, 10), Decimal("28.50")),
                (datetime.date(2026, 7, 10), Decimal("22")),
            ],
            target=Decimal("20.00"),
            title="Délai de traitement",
            chart_id="indicator-1",
            target_label="Cible : 20",
        )
    )
    assert 'role="img" aria-labelledby="indicator-1-title"' in svg
    assert '<title id="indicator-1-title">Délai de traitement</title>' in svg
    for text in ("35", "28,5", "22", "Cible : 20", "10/01/2026", "10/07/2026"):
        assert f">{text}</text>" in svg
    assert 'stroke-dasharray="8 5"' in svg  # the target, dashed
    assert svg.count("<circle") == 3


def test_the_indicator_chart_without_target_nor_second_value():
    svg = str(
        charts.plot_indicator(
            [(datetime.date(2026, 1, 10), Decimal("7"))], target=None, title="t", chart_id="c"
        )
    )
    assert "stroke-dasharray" not in svg
    assert "<polyline" not in svg
    assert svg.count("<circle") == 1


def test_chart_texts_are_escaped():
    svg = str(
        charts.plot_axis_levels(
            ["<b>Phase</b>"], [charts.Series("A & B", [1])], title="<script>", chart_id="c"
        )
    )
    assert "<script>" not in svg
    assert "&lt;script&gt;" in svg
    assert "&lt;b&gt;Phase&lt;/b&gt;" in svg
    assert "A &amp; B" in svg


@pytest.mark.parametrize(
    ("value", "text"), [("20.00", "20"), ("28.50", "28,5"), ("0.25", "0,25"), ("1000", "1000")]
)
def test_format_number(value, text):
    assert charts.format_number(Decimal(value)) == text
