"""Server-rendered SVG charts of a challenge's trajectory (conventions §13: one function per plot,
and the page puts the same data in a table beside every chart). Hand-written SVG, as the logbook's
and the bulletins' charts (docs/decisions/0011 and 0013): no library, no JavaScript, and the PDF
prints them as they are.

Readable without colour: each axis has its own marker shape and line dash, named in a legend;
the levels are named on the vertical axis in text.
"""

import datetime
from collections.abc import Sequence
from dataclasses import dataclass
from decimal import Decimal

from django.utils.html import format_html, format_html_join
from django.utils.safestring import SafeString

from magellan.core.dates import format_date

from . import scale

WIDTH, HEIGHT = 640, 260
LEFT, RIGHT, TOP, BOTTOM = 120, 24, 16, 64
# The indicator chart's first and last dates stand this far inside its plot, so that their
# labels are not cut at the edges.
INSET = 36

# Per series: stroke colour, dash pattern and marker (shape first: colour is only a help).
STYLES = (
    ("#000091", "", "circle"),
    ("#c9191e", "6 4", "square"),
    ("#18753c", "2 3", "triangle"),
)


@dataclass(frozen=True)
class Series:
    label: str
    points: Sequence[int | None]  # one level (or None) per phase


def _marker(shape: str, x: float, y: float, colour: str) -> SafeString:
    if shape == "square":
        return format_html(
            '<rect x="{}" y="{}" width="9" height="9" fill="{}"/>',
            f"{x - 4.5:.1f}",
            f"{y - 4.5:.1f}",
            colour,
        )
    if shape == "triangle":
        return format_html(
            '<polygon points="{}" fill="{}"/>',
            f"{x:.1f},{y - 6:.1f} {x - 5.5:.1f},{y + 4:.1f} {x + 5.5:.1f},{y + 4:.1f}",
            colour,
        )
    return format_html(
        '<circle cx="{}" cy="{}" r="4.5" fill="{}"/>', f"{x:.1f}", f"{y:.1f}", colour
    )


def plot_axis_levels(
    phases: Sequence[str], series: Sequence[Series], *, title: str, chart_id: str
) -> SafeString:
    """The level of each impact axis, phase after phase (x: the phases, y: the scale's levels,
    lowest at the bottom); a phase without a level leaves a gap in that axis's line."""
    levels = scale.labels()
    plot_w, plot_h = WIDTH - LEFT - RIGHT, HEIGHT - TOP - BOTTOM
    n = max(len(phases), 1)
    step = plot_w / n

    def x(i: int, shift: int = 0) -> float:
        return LEFT + step * (i + 0.5) + shift

    def y(level: float) -> float:
        return TOP + plot_h - (level - 1) / max(len(levels) - 1, 1) * plot_h

    grid = format_html_join(
        "",
        '<line x1="{}" y1="{}" x2="{}" y2="{}" stroke="#ddd"/>'
        '<text x="{}" y="{}" font-size="12" text-anchor="end" fill="#3a3a3a">{}</text>',
        (
            (LEFT, f"{y(i):.1f}", WIDTH - RIGHT, f"{y(i):.1f}", LEFT - 6, f"{y(i) + 4:.1f}", label)
            for i, label in enumerate(levels, start=1)
        ),
    )
    columns = format_html_join(
        "",
        '<text x="{}" y="{}" font-size="12" text-anchor="middle" fill="#3a3a3a">{}</text>',
        ((f"{x(i):.1f}", TOP + plot_h + 18, name) for i, name in enumerate(phases)),
    )
    drawn = []
    legend = []
    for index, one in enumerate(series):
        colour, dash, shape = STYLES[index % len(STYLES)]
        shift = (index - 1) * 6  # side by side when two axes share a level
        segments: list[list[tuple[float, float]]] = [[]]
        for i, level in enumerate(one.points):
            if level is None or not scale.is_valid(level):
                if segments[-1]:
                    segments.append([])
                continue
            segments[-1].append((x(i, shift), y(level)))
        for seg in segments:
            if len(seg) > 1:
                drawn.append(
                    format_html(
                        '<polyline fill="none" stroke="{}" stroke-width="2" stroke-dasharray="{}" points="{}"/>',
                        colour,
                        dash or "none",
                        " ".join(f"{px:.1f},{py:.1f}" for px, py in seg),
                    )
                )
            drawn += [_marker(shape, px, py, colour) for px, py in seg]
        lx = LEFT + index * 170
        ly = HEIGHT - 14
        legend.append(
            format_html(
                '{}<text x="{}" y="{}" font-size="12" fill="#161616">{}</text>',
                _marker(shape, lx, ly - 4, colour),
                lx + 10,
                ly,
                one.label,
            )
        )
    return format_html(
        '<svg xmlns="http://www.w3.org/2000/svg" role="img" aria-labelledby="{id}-title" '
        'viewBox="0 0 {w} {h}" width="{w}" height="{h}" class="magellan-chart">'
        '<title id="{id}-title">{title}</title>{grid}{columns}{drawn}{legend}</svg>',
        id=chart_id,
        w=WIDTH,
        h=HEIGHT,
        title=title,
        grid=grid,
        columns=columns,
        drawn=SafeString("".join(drawn)),
        legend=SafeString("".join(legend)),
    )


def format_number(value: Decimal) -> str:
    """A figure in French: 12,5 (no trailing zeros)."""
    return f"{value.normalize():f}".replace(".", ",")


def plot_indicator(
    values: Sequence[tuple[datetime.date, Decimal]],
    *,
    target: Decimal | None,
    title: str,
    chart_id: str,
    target_label: str = "",
) -> SafeString:
    """An indicator's values over time (x: the dates, in proportion; y: from the lowest to the
    highest of the values and the target), each value a dot with its figure; the target, when
    set, a dashed line named in text."""
    plot_w, plot_h = WIDTH - LEFT - RIGHT, HEIGHT - TOP - BOTTOM
    figures = [v for _d, v in values] + ([target] if target is not None else [])
    low = min(figures, default=Decimal(0))
    high = max(figures, default=Decimal(1))
    if high == low:
        low, high = low - 1, high + 1
    first = values[0][0] if values else None
    span = max((values[-1][0] - values[0][0]).days, 1) if values else 1

    def x(day: datetime.date) -> float:
        if first is None or len(values) < 2:
            return LEFT + plot_w / 2
        return LEFT + INSET + (day - first).days / span * (plot_w - 2 * INSET)

    def y(value: Decimal) -> float:
        return TOP + plot_h - float((value - low) / (high - low)) * plot_h

    ticks = format_html_join(
        "",
        '<line x1="{}" y1="{}" x2="{}" y2="{}" stroke="#ddd"/>'
        '<text x="{}" y="{}" font-size="12" text-anchor="end" fill="#3a3a3a">{}</text>',
        (
            (
                LEFT,
                f"{y(v):.1f}",
                WIDTH - RIGHT,
                f"{y(v):.1f}",
                LEFT - 6,
                f"{y(v) + 4:.1f}",
                format_number(v),
            )
            for v in (low, high)
        ),
    )
    target_line = SafeString("")
    if target is not None:
        target_line = format_html(
            '<line x1="{}" y1="{}" x2="{}" y2="{}" stroke="#161616" stroke-width="1.5" '
            'stroke-dasharray="8 5"/>'
            '<text x="{}" y="{}" font-size="12" fill="#161616">{}</text>',
            LEFT,
            f"{y(target):.1f}",
            WIDTH - RIGHT,
            f"{y(target):.1f}",
            LEFT + 4,
            f"{y(target) - 5:.1f}",
            target_label or format_number(target),
        )
    line = SafeString("")
    if len(values) > 1:
        line = format_html(
            '<polyline fill="none" stroke="#000091" stroke-width="2" points="{}"/>',
            " ".join(f"{x(d):.1f},{y(v):.1f}" for d, v in values),
        )
    dots = format_html_join(
        "",
        '<circle cx="{}" cy="{}" r="4" fill="#000091"/>'
        '<text x="{}" y="{}" font-size="11" text-anchor="middle" fill="#161616">{}</text>',
        (
            (f"{x(d):.1f}", f"{y(v):.1f}", f"{x(d):.1f}", f"{y(v) - 8:.1f}", format_number(v))
            for d, v in values
        ),
    )
    every = max(1, len(values) // 6)
    dates = format_html_join(
        "",
        '<text x="{}" y="{}" font-size="11" text-anchor="middle" fill="#3a3a3a">{}</text>',
        (
            (f"{x(d):.1f}", TOP + plot_h + 18, format_date(d, "d/m/Y"))
            for i, (d, _v) in enumerate(values)
            if i % every == 0 or i == len(values) - 1
        ),
    )
    return format_html(
        '<svg xmlns="http://www.w3.org/2000/svg" role="img" aria-labelledby="{id}-title" '
        'viewBox="0 0 {w} {h}" width="{w}" height="{h}" class="magellan-chart">'
        '<title id="{id}-title">{title}</title>{ticks}{target}{line}{dots}{dates}</svg>',
        id=chart_id,
        w=WIDTH,
        h=HEIGHT - 24,
        title=title,
        ticks=ticks,
        target=target_line,
        line=line,
        dots=dots,
        dates=dates,
    )
