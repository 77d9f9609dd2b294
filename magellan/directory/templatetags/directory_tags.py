"""Template filters of the directory."""

import markdown as md
from django import template
from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe

register = template.Library()


@register.filter
def markdown(text: str) -> SafeString:
    """Render Markdown written by coaches or imported; raw HTML is escaped first."""
    html = md.markdown(escape(text), extensions=["extra", "sane_lists"], output_format="html")
    return mark_safe(html)  # noqa: S308 - input was escaped before Markdown rendering
