"""PDF of the evaluation's pages with WeasyPrint (docs/decisions/0014-evaluation-pdf.md): the same
template as the page, printed as a tagged PDF/UA document with its title and language."""

import weasyprint
from django.http import HttpRequest
from django.template.loader import render_to_string
from weasyprint.urls import URLFetcher

# Only inline resources (data: URLs): a user's Markdown can hold an image address, and printing a
# PDF must never make the server fetch anything (no network, no local file).
_FETCHER = URLFetcher(allowed_protocols=("data",), timeout=1)


def render_pdf(
    template_name: str, context: dict[str, object], *, request: HttpRequest | None = None
) -> bytes:
    """The template rendered to HTML, then to a tagged PDF (PDF/UA-1: structure tags, the
    document's title from its <title> and its language from <html lang>; text stays text)."""
    html = render_to_string(template_name, context, request=request)
    document = weasyprint.HTML(string=html, url_fetcher=_FETCHER)
    return document.write_pdf(pdf_variant="pdf/ua-1")
