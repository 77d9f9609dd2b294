"""Server-rendered SVG charts of the logbook (conventions §13: a function per plot, and the page
puts a data table beside every chart). Hand-written SVG: a few rectangles need no library and no
JavaScript (docs/decisions/0011-logbook-pdf-and-charts.md)."""

import datetime
from dataclasses import dataclass
from xml.sax.saxutils import escape

from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext as _

from magellan.core.dates import format_date

from .models import Level

# From light to dark: the level reads from the number in the cell too, never from colour alone.
FILLS = {1: "#f6f6f6", 2: "#cacafb", 3: "#8585f6", 4: "#000091"}
INKS = {1: "#161616", 2: "#161616", 3: "#161616", 4: "#ffffff"}


@dataclass(frozen=True)
class Progression:
    """Self-assessed levels: one row per competence (matched by its text), one column per month."""

    months: list[datetime.date]
    rows: list[tuple[str, list[int | None]]]


def plot_competences(data: Progression, *, title: str = "") -> SafeString:
    """A grid: competences down, months across, each assessed cell shaded and numbered 1 to 4."""
    label_width, cell, top = 320, 44, 28
    width = label_width + cell * max(len(data.months), 1) + 8
    height = top + cell * max(len(data.rows), 1) + 8
    title = title or _("Mes compétences au fil des mois (1 : pas du tout … 4 : beaucoup)")
    parts = [
        f'<svg xmlns="http://www.w3.org/2000/svg" role="img" aria-labelledby="logbook-chart-title" '
        f'viewBox="0 0 {width} {height}" width="{width}" height="{height}" '
        f'class="magellan-chart">',
        f'<title id="logbook-chart-title">{escape(title)}</title>',
    ]
    for column, month in enumerate(data.months):
        x = label_width + column * cell + cell / 2
        parts.append(
            f'<text x="{x:.0f}" y="18" text-anchor="middle" font-size="11" fill="#161616">'
            f"{escape(format_date(month, 'N y'))}</text>"
        )
    for row, (competence, levels) in enumerate(data.rows):
        y = top + row * cell
        label = competence if len(competence) <= 44 else competence[:43] + "…"
        parts.append(
            f'<text x="{label_width - 8}" y="{y + cell / 2 + 4:.0f}" text-anchor="end" '
            f'font-size="12" fill="#161616">{escape(label)}</text>'
        )
        for column, level in enumerate(levels):
            if level is None:
                continue
            x = label_width + column * cell
            parts.append(
                f'<rect x="{x + 2}" y="{y + 2}" width="{cell - 4}" height="{cell - 4}" rx="4" '
                f'fill="{FILLS[level]}" stroke="#3a3a3a" stroke-width="0.5"/>'
                f'<text x="{x + cell / 2:.0f}" y="{y + cell / 2 + 5:.0f}" text-anchor="middle" '
                f'font-size="14" font-weight="bold" fill="{INKS[level]}">{level}</text>'
            )
    parts.append("</svg>")
    return mark_safe("".join(parts))  # noqa: S308 - every text above is escaped


def level_label(level: int | None) -> str:
    return str(Level(level).label) if level else "—"
