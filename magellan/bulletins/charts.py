"""The mood chart: a small SVG drawn on the server (no JavaScript), with a data table beside it
on every page that shows it (docs/decisions: hand-written SVG)."""

from collections.abc import Sequence

from django.utils.html import format_html, format_html_join
from django.utils.safestring import SafeString

from .models import Mood
from .weeks import Week

WIDTH, HEIGHT = 640, 220
LEFT, RIGHT, TOP, BOTTOM = 90, 16, 16, 36

Point = tuple[Week, float | None, int]


def plot_mood(series: Sequence[Point], *, title: str, chart_id: str) -> SafeString:
    """A line of the (average) mood per week, 1 (Difficile) to 4 (Excellente); weeks without a
    bulletin leave a gap. `role="img"` with its title; the table beside it carries the figures."""
    plot_w, plot_h = WIDTH - LEFT - RIGHT, HEIGHT - TOP - BOTTOM
    n = max(len(series), 1)
    step = plot_w / max(n - 1, 1)

    def x(i: int) -> str:
        return f"{LEFT + (i * step if n > 1 else plot_w / 2):.1f}"

    def y(value: float, shift: float = 0) -> str:
        return f"{TOP + plot_h - (value - 1) / 3 * plot_h + shift:.1f}"

    grid = format_html_join(
        "",
        '<line x1="{}" y1="{}" x2="{}" y2="{}" stroke="#ddd"/>'
        '<text x="{}" y="{}" font-size="12" text-anchor="end" fill="#3a3a3a">{}</text>',
        (
            (LEFT, y(m.value), WIDTH - RIGHT, y(m.value), LEFT - 6, y(m.value, 4), m.label)
            for m in Mood
        ),
    )
    segments: list[list[tuple[str, str]]] = [[]]
    for i, (_week, value, _count) in enumerate(series):
        if value is None:
            if segments[-1]:
                segments.append([])
            continue
        segments[-1].append((x(i), y(value)))
    lines = format_html_join(
        "",
        '<polyline fill="none" stroke="#000091" stroke-width="2" points="{}"/>',
        ((" ".join(f"{px},{py}" for px, py in seg),) for seg in segments if len(seg) > 1),
    )
    dots = format_html_join(
        "",
        '<circle cx="{}" cy="{}" r="3.5" fill="#000091"/>',
        ((px, py) for seg in segments for px, py in seg),
    )
    every = max(1, n // 10)
    labels = format_html_join(
        "",
        '<text x="{}" y="{}" font-size="12" text-anchor="middle" fill="#3a3a3a">S{}</text>',
        ((x(i), HEIGHT - 12, week[1]) for i, (week, _v, _c) in enumerate(series) if i % every == 0),
    )
    return format_html(
        '<svg xmlns="http://www.w3.org/2000/svg" role="img" aria-labelledby="{id}-title" '
        'viewBox="0 0 {w} {h}" width="{w}" height="{h}" class="magellan-chart">'
        '<title id="{id}-title">{title}</title>{grid}{lines}{dots}{labels}</svg>',
        id=chart_id,
        w=WIDTH,
        h=HEIGHT,
        title=title,
        grid=grid,
        lines=lines,
        dots=dots,
        labels=labels,
    )
