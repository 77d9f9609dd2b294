"""Server-rendered SVG charts of the indicators (conventions §13: one function per kind of plot,
and every page puts the same figures in a table beside the chart). Hand-written SVG, as the
evaluation's, the logbook's and the bulletins' charts: no library, no JavaScript.

Each `plot_<thing>(table, ...)` reads an indicator's `Table` (registry.py) and returns the SVG
markup: `role="img"`, a `<title>` (the chart's name) and a `<desc>` (the table's one-sentence
summary) as its text alternative; colours from the DSFR palette, each series also named in a
legend and each bar or point labelled with its figure, so that colour is never the only cue.
A value of `None` (no data, or a small count suppressed on public pages) draws nothing but a dash.

An indicator declares its plot as a small function of its table, for example
`lambda table: plot_bars(table, category="cohort", values=("fellows",), title=..., chart_id=...)`.
"""

from collections.abc import Sequence
from typing import Any

from django.utils.html import format_html, format_html_join
from django.utils.safestring import SafeString

from .registry import Table

WIDTH, HEIGHT = 640, 280
LEFT, RIGHT, TOP, BOTTOM = 56, 16, 24, 76

# The DSFR palette (blue France, then illustrative colours of contrast ≥ 3:1 on white).
PALETTE = (
    "#000091",  # blue-france-sun-113
    "#18753c",  # success-425
    "#b34000",  # warning-425
    "#6e445a",  # purple-glycine-sun-319
    "#006a6f",  # green-archipel-sun-391
    "#7d4e5b",  # pink-tuile-sun-425
    "#716043",  # brown-caramel-sun-425
    "#c9191e",  # red-marianne-425
)
# Lines: a dash and a marker shape per series as well (readable in black and white).
DASHES = ("none", "6 4", "2 3", "10 3 2 3")
MARKERS = ("circle", "square", "triangle", "diamond")

Number = int | float | None


def format_figure(value: Number, unit: str = "") -> str:
    """A figure in French (12,5), with its unit glued on (12,5 %); `—` when there is none."""
    if value is None:
        return "—"
    if isinstance(value, float) and not value.is_integer():
        text = f"{value:.1f}".replace(".", ",")
    else:
        text = str(int(value))
    return f"{text}\u202f{unit}" if unit else text


def _nice_ceiling(value: float) -> float:
    """The axis' top: the smallest 1, 2, 2.5 or 5 × 10^k at or above `value` (1 at least)."""
    if value <= 0:
        return 1.0
    magnitude = 10 ** (len(str(int(value))) - 1) if value >= 1 else 1
    for step in (1, 2, 2.5, 5, 10):
        if value <= step * magnitude:
            return float(step * magnitude)
    return float(value)  # pragma: no cover - the loop always ends at 10 × magnitude


def _label(value: Any) -> str:
    return "—" if value is None else str(value)


def _column_index(table: Table, name: str) -> int:
    for index, column in enumerate(table.columns):
        if column.name == name:
            return index
    raise LookupError(f"No column {name!r} in this table.")


def _categories(table: Table, category: str | Sequence[str]) -> list[str]:
    names = (category,) if isinstance(category, str) else tuple(category)
    indexes = [_column_index(table, name) for name in names]
    return [" · ".join(_label(row[i]) for i in indexes) for row in table.rows]


def _number(value: Any) -> Number:
    if value is None or isinstance(value, bool):
        return None
    try:
        return float(value)
    except (TypeError, ValueError):
        return None


def _marker(shape: str, x: float, y: float, colour: str) -> SafeString:
    if shape == "square":
        return format_html(
            '<rect x="{}" y="{}" width="8" height="8" fill="{}"/>',
            f"{x - 4:.1f}",
            f"{y - 4:.1f}",
            colour,
        )
    if shape == "triangle":
        return format_html(
            '<polygon points="{}" fill="{}"/>',
            f"{x:.1f},{y - 5.5:.1f} {x - 5:.1f},{y + 4:.1f} {x + 5:.1f},{y + 4:.1f}",
            colour,
        )
    if shape == "diamond":
        return format_html(
            '<polygon points="{}" fill="{}"/>',
            f"{x:.1f},{y - 5.5:.1f} {x - 5:.1f},{y:.1f} {x:.1f},{y + 5.5:.1f} {x + 5:.1f},{y:.1f}",
            colour,
        )
    return format_html('<circle cx="{}" cy="{}" r="4" fill="{}"/>', f"{x:.1f}", f"{y:.1f}", colour)


def _frame(
    *,
    title: str,
    chart_id: str,
    summary: str,
    top: float,
    unit: str,
    body: Sequence[SafeString],
    legend: Sequence[tuple[str, SafeString]],
) -> SafeString:
    """The SVG around a plot: its text alternative, the vertical scale (0, half, top), the body
    and a legend (one swatch and name per series, only when there are two series or more)."""
    plot_h = HEIGHT - TOP - BOTTOM

    def y(value: float) -> float:
        return TOP + plot_h - value / top * plot_h

    grid = format_html_join(
        "",
        '<line x1="{}" y1="{}" x2="{}" y2="{}" stroke="#dddddd"/>'
        '<text x="{}" y="{}" font-size="11" text-anchor="end" fill="#3a3a3a">{}</text>',
        (
            (
                LEFT,
                f"{y(v):.1f}",
                WIDTH - RIGHT,
                f"{y(v):.1f}",
                LEFT - 6,
                f"{y(v) + 4:.1f}",
                format_figure(v, unit),
            )
            for v in (0.0, top / 2, top)
        ),
    )
    keys = []
    # Four names a row when they are short, two when one is long (cut at the width they have).
    per_row = 4 if all(len(name) <= 22 for name, _swatch in legend) else 2
    step = (WIDTH - LEFT - RIGHT) / per_row
    if len(legend) > 1:
        for index, (name, swatch) in enumerate(legend):
            row, col = divmod(index, per_row)
            lx = LEFT + col * step
            ly = HEIGHT - 26 + row * 16
            cut = 22 if per_row == 4 else 46
            keys.append(
                format_html(
                    '<g transform="translate({},{})">{}</g>'
                    '<text x="{}" y="{}" font-size="11" fill="#161616">{}</text>',
                    f"{lx:.1f}",
                    f"{ly - 4:.1f}",
                    swatch,
                    f"{lx + 10:.1f}",
                    f"{ly:.1f}",
                    name if len(name) <= cut else name[: cut - 1] + "…",
                )
            )
    rows = -(-len(legend) // per_row) if len(legend) > 1 else 0
    height = HEIGHT + max(rows - 1, 0) * 16
    return format_html(
        '<svg xmlns="http://www.w3.org/2000/svg" role="img" '
        'aria-labelledby="{id}-title {id}-desc" viewBox="0 0 {w} {h}" width="{w}" '
        'height="{h}" class="magellan-chart">'
        '<title id="{id}-title">{title}</title><desc id="{id}-desc">{summary}</desc>'
        "{grid}{body}{legend}</svg>",
        id=chart_id,
        w=WIDTH,
        h=height,
        title=title,
        summary=summary,
        grid=grid,
        body=SafeString("".join(body)),
        legend=SafeString("".join(keys)),
    )


def _x_labels(categories: Sequence[str], x: Any) -> list[SafeString]:
    """The category names under the plot, shortened and tilted when there are many."""
    plot_h = HEIGHT - TOP - BOTTOM
    tilt = len(categories) > 6
    out = []
    for i, name in enumerate(categories):
        short = name if len(name) <= 18 else name[:17] + "…"
        px, py = x(i), TOP + plot_h + 16
        out.append(
            format_html(
                '<text x="{}" y="{}" font-size="11" text-anchor="{}" fill="#3a3a3a"{}>{}</text>',
                f"{px:.1f}",
                py,
                "end" if tilt else "middle",
                format_html(' transform="rotate(-30 {} {})"', f"{px:.1f}", py) if tilt else "",
                short,
            )
        )
    return out


def bar_chart(
    categories: Sequence[str],
    series: Sequence[tuple[str, Sequence[Number]]],
    *,
    title: str,
    chart_id: str,
    summary: str = "",
    unit: str = "",
    maximum: float | None = None,
) -> SafeString:
    """Vertical bars: one group per category, one bar per series in the group (a single series:
    plain bars), each labelled with its figure above it."""
    plot_w, plot_h = WIDTH - LEFT - RIGHT, HEIGHT - TOP - BOTTOM
    figures = [v for _name, values in series for v in values if v is not None]
    top = maximum if maximum is not None else _nice_ceiling(max(figures, default=0.0))
    n = max(len(categories), 1)
    group_w = plot_w / n
    k = max(len(series), 1)
    bar_w = min(group_w * 0.8 / k, 48)

    def x(i: int) -> float:
        return LEFT + group_w * (i + 0.5)

    body: list[SafeString] = []
    for s, (_name, values) in enumerate(series):
        colour = PALETTE[s % len(PALETTE)]
        for i, value in enumerate(values):
            bx = x(i) - bar_w * k / 2 + bar_w * s
            if value is None:
                body.append(
                    format_html(
                        '<text x="{}" y="{}" font-size="10" text-anchor="middle" fill="#3a3a3a">—</text>',
                        f"{bx + bar_w / 2:.1f}",
                        f"{TOP + plot_h - 4:.1f}",
                    )
                )
                continue
            h = max(min(value, top), 0) / top * plot_h
            body.append(
                format_html(
                    '<rect x="{}" y="{}" width="{}" height="{}" fill="{}"/>'
                    '<text x="{}" y="{}" font-size="10" text-anchor="middle" fill="#161616">{}</text>',
                    f"{bx + 1:.1f}",
                    f"{TOP + plot_h - h:.1f}",
                    f"{max(bar_w - 2, 1):.1f}",
                    f"{h:.1f}",
                    colour,
                    f"{bx + bar_w / 2:.1f}",
                    f"{TOP + plot_h - h - 4:.1f}",
                    format_figure(value, unit if k == 1 else ""),
                )
            )
    body += _x_labels(categories, x)
    legend = [
        (
            name,
            format_html(
                '<rect x="0" y="-4" width="8" height="8" fill="{}"/>', PALETTE[s % len(PALETTE)]
            ),
        )
        for s, (name, _values) in enumerate(series)
    ]
    return _frame(
        title=title,
        chart_id=chart_id,
        summary=summary,
        top=top,
        unit=unit,
        body=body,
        legend=legend,
    )


def line_chart(
    labels: Sequence[str],
    series: Sequence[tuple[str, Sequence[Number]]],
    *,
    title: str,
    chart_id: str,
    summary: str = "",
    unit: str = "",
    maximum: float | None = None,
) -> SafeString:
    """Lines over time (x: the labels in order, evenly spaced), one line per series with its own
    colour, dash and marker; a missing value leaves a gap."""
    plot_w, plot_h = WIDTH - LEFT - RIGHT, HEIGHT - TOP - BOTTOM
    figures = [v for _name, values in series for v in values if v is not None]
    top = maximum if maximum is not None else _nice_ceiling(max(figures, default=0.0))
    n = max(len(labels), 1)
    step = plot_w / n

    def x(i: int) -> float:
        return LEFT + step * (i + 0.5)

    def y(value: float) -> float:
        return TOP + plot_h - max(min(value, top), 0) / top * plot_h

    body: list[SafeString] = []
    legend = []
    for s, (name, values) in enumerate(series):
        colour = PALETTE[s % len(PALETTE)]
        dash = DASHES[s % len(DASHES)]
        shape = MARKERS[s % len(MARKERS)]
        segments: list[list[tuple[float, float, float]]] = [[]]
        for i, value in enumerate(values):
            if value is None:
                if segments[-1]:
                    segments.append([])
                continue
            segments[-1].append((x(i), y(value), value))
        for seg in segments:
            if len(seg) > 1:
                body.append(
                    format_html(
                        '<polyline fill="none" stroke="{}" stroke-width="2" stroke-dasharray="{}" points="{}"/>',
                        colour,
                        dash,
                        " ".join(f"{px:.1f},{py:.1f}" for px, py, _v in seg),
                    )
                )
            body += [_marker(shape, px, py, colour) for px, py, _v in seg]
            if len(series) == 1:
                body += [
                    format_html(
                        '<text x="{}" y="{}" font-size="10" text-anchor="middle" fill="#161616">{}</text>',
                        f"{px:.1f}",
                        f"{py - 8:.1f}",
                        format_figure(v, unit),
                    )
                    for px, py, v in seg
                ]
        legend.append((name, _marker(shape, 4, 0, colour)))
    body += _x_labels(labels, x)
    return _frame(
        title=title,
        chart_id=chart_id,
        summary=summary,
        top=top,
        unit=unit,
        body=body,
        legend=legend,
    )


def _pivot(
    table: Table, *, category: str | Sequence[str], group: str, value: str
) -> tuple[list[str], list[tuple[str, list[Number]]]]:
    """Rows (category, group, value) → the categories in order of appearance and one series per
    group (in order of appearance), None where a category has no row for a group."""
    categories = _categories(table, category)
    g, v = _column_index(table, group), _column_index(table, value)
    order = list(dict.fromkeys(categories))
    groups = list(dict.fromkeys(_label(row[g]) for row in table.rows))
    cells: dict[tuple[str, str], Number] = {}
    for name, row in zip(categories, table.rows, strict=True):
        cells[(name, _label(row[g]))] = _number(row[v])
    return order, [(gr, [cells.get((c, gr)) for c in order]) for gr in groups]


def plot_bars(
    table: Table,
    *,
    category: str | Sequence[str],
    values: Sequence[str],
    title: str,
    chart_id: str,
    unit: str = "",
    maximum: float | None = None,
) -> str:
    """Bars per row (e.g. per cohort): one bar per value column, named by the column's title."""
    indexes = [_column_index(table, name) for name in values]
    series = [
        (str(table.columns[i].title), [_number(row[i]) for row in table.rows]) for i in indexes
    ]
    return bar_chart(
        _categories(table, category),
        series,
        title=title,
        chart_id=chart_id,
        summary=str(table.summary),
        unit=unit,
        maximum=maximum,
    )


def plot_grouped_bars(
    table: Table,
    *,
    category: str | Sequence[str],
    group: str,
    value: str,
    title: str,
    chart_id: str,
    unit: str = "",
    maximum: float | None = None,
) -> str:
    """Grouped bars from long rows: one group per category (e.g. a cohort), one bar per value of
    the `group` column (e.g. a session format)."""
    categories, series = _pivot(table, category=category, group=group, value=value)
    return bar_chart(
        categories,
        series,
        title=title,
        chart_id=chart_id,
        summary=str(table.summary),
        unit=unit,
        maximum=maximum,
    )


def plot_lines(
    table: Table,
    *,
    x: str | Sequence[str],
    series: str,
    value: str,
    title: str,
    chart_id: str,
    unit: str = "",
    maximum: float | None = None,
) -> str:
    """Lines over time from long rows: x the time column(s) in the table's order, one line per
    value of the `series` column (e.g. one per cohort, cohorts side by side)."""
    labels, lines = _pivot(table, category=x, group=series, value=value)
    return line_chart(
        labels,
        lines,
        title=title,
        chart_id=chart_id,
        summary=str(table.summary),
        unit=unit,
        maximum=maximum,
    )


def plot_shares(
    table: Table,
    *,
    category: str | Sequence[str],
    values: Sequence[str],
    title: str,
    chart_id: str,
) -> str:
    """Shares in per cent (0–100) per row: bars on a fixed 0–100 % scale."""
    return plot_bars(
        table,
        category=category,
        values=values,
        title=title,
        chart_id=chart_id,
        unit="%",
        maximum=100.0,
    )
