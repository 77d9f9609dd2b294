"""Template filters of the directory."""

from django import template
from django.utils.safestring import SafeString

from magellan.core.markdown import render_markdown

register = template.Library()


@register.filter
def markdown(text: str) -> SafeString:
    """Render Markdown written by coaches or imported, sanitised (see magellan.core.markdown)."""
    return render_markdown(text)
