"""The Content-Security-Policy in a real browser: the pages break none of it, and the sweep's
listener (conftest.csp_violations) does see what it blocks."""

from typing import Any

import pytest

from .conftest import csp_violations

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_the_login_page_runs_the_dsfr_within_the_policy(page: Any, live_server: Any) -> None:
    page.goto(live_server.url + "/compte/connexion/")

    assert csp_violations(page) == []
    # The DSFR's JavaScript ran (it marks the root element once started).
    assert page.evaluate("document.documentElement.hasAttribute('data-fr-js')") is True


def test_an_inline_style_or_script_is_blocked_and_reported(page: Any, live_server: Any) -> None:
    page.goto(live_server.url + "/compte/connexion/")

    page.evaluate(
        """() => {
          const script = document.createElement("script");
          script.textContent = "window.injected = true";
          document.body.append(script);
          const styled = document.createElement("p");
          styled.setAttribute("style", "color: red");
          document.body.append(styled);
        }"""
    )
    page.wait_for_timeout(200)

    assert page.evaluate("window.injected === undefined") is True
    found = csp_violations(page)
    assert any(line.startswith("CSP: script-src-elem blocked inline") for line in found), found
    assert any(line.startswith("CSP: style-src-attr blocked inline") for line in found), found
