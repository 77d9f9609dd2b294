"""Markdown written by users or imported is rendered through one sanitising function."""

import pytest
from django.test import Client
from django.utils.safestring import SafeString

from magellan.core.markdown import render_markdown
from tests.factories.directory import ChallengeFactory


def test_render_markdown_keeps_the_formatting() -> None:
    html = render_markdown(
        "## Titre\n\nDu **gras**, de l’*italique* et [un lien](https://beta.gouv.fr)."
    )

    assert isinstance(html, SafeString)
    assert html == (
        "<h2>Titre</h2>\n<p>Du <strong>gras</strong>, de l’<em>italique</em> et "
        '<a href="https://beta.gouv.fr" rel="noopener noreferrer">un lien</a>.</p>'
    )


def test_render_markdown_drops_attributes_from_attribute_lists() -> None:
    html = render_markdown("Intro\n{: onmouseover=alert(document.domain) }")

    assert html == "<p>Intro</p>"


@pytest.mark.parametrize(
    "link",
    ["javascript:alert(document.cookie)", "JaVaScRiPt:alert(1)", "data:text/html,x", "vbscript:x"],
)
def test_render_markdown_drops_links_outside_http_https_mailto(link: str) -> None:
    html = render_markdown(f"[clic]({link})")

    assert html == '<p><a rel="noopener noreferrer">clic</a></p>'


def test_render_markdown_keeps_mailto_links() -> None:
    html = render_markdown("[écrire](mailto:eig@beta.gouv.fr)")

    assert html == '<p><a href="mailto:eig@beta.gouv.fr" rel="noopener noreferrer">écrire</a></p>'


def test_render_markdown_removes_raw_script_and_event_handlers() -> None:
    html = render_markdown(
        'Avant\n\n<script>alert(1)</script>\n\n<img src="x" onerror="alert(2)">\n\n'
        '<div onclick="alert(3)">Après</div>'
    )

    assert "<script" not in html
    assert "alert(1)" not in html
    assert "<img" not in html
    assert "onerror" not in html
    assert "onclick" not in html
    assert "<p>Avant</p>" in html
    assert "Après" in html


def test_render_markdown_of_nothing_is_empty() -> None:
    assert render_markdown("") == ""


@pytest.mark.django_db
def test_public_challenge_page_renders_a_hostile_description_harmless(client: Client) -> None:
    challenge = ChallengeFactory(
        description=(
            "Intro\n{: onmouseover=alert(document.domain) }\n\n"
            "[clic](javascript:alert(document.cookie))\n\n"
            '<img src="x" onerror="alert(1)">\n\n<script>alert(2)</script>'
        )
    )

    html = client.get(challenge.get_absolute_url()).content.decode()

    assert "<p>Intro</p>" in html
    assert '<a rel="noopener noreferrer">clic</a>' in html
    assert "onmouseover" not in html
    assert "javascript:" not in html
    assert "onerror" not in html
    assert "alert(2)" not in html
