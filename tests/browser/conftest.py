"""Browser tests: Debian's Chromium driven by Playwright, axe-core injected from node_modules.

Where Chromium or axe-core is missing they skip with the reason; under CI (CI=true) they fail
instead, since .ci/run installs both.
"""

import os
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from django.test import Client

from tests.conftest import REPO_ROOT

CHROMIUM = Path(os.environ.get("MAGELLAN_CHROMIUM", "/usr/bin/chromium"))
AXE = REPO_ROOT / "node_modules" / "axe-core" / "axe.min.js"
CHROMIUM_ARGS = [
    "--headless=new",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--disable-dev-shm-usage",
]


def _missing(what: str) -> None:
    message = f"{what} is missing (run `make test`, or install Debian's chromium)."
    if os.environ.get("CI"):
        pytest.fail(message)
    pytest.skip(message)


@pytest.fixture(scope="session")
def browser() -> Iterator[Any]:
    if not CHROMIUM.exists():
        _missing(str(CHROMIUM))
    os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        instance = playwright.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        yield instance
        instance.close()


# Records, in each page, what the Content-Security-Policy blocked (inline style or script, a
# resource from elsewhere): `csp_violations` reads it. Init scripts are not subject to the CSP.
CSP_LISTENER = """window.__cspViolations = [];
document.addEventListener("securitypolicyviolation", (e) => window.__cspViolations.push(
  `${e.violatedDirective} blocked ${e.blockedURI || "inline"} (${e.sourceFile || ""}:${e.lineNumber})`
));"""


@pytest.fixture
def page(browser: Any) -> Iterator[Any]:
    context = browser.new_context(locale="fr-FR")
    page = context.new_page()
    page.add_init_script(CSP_LISTENER)
    yield page
    context.close()


def csp_violations(page: Any) -> list[str]:
    """What the Content-Security-Policy blocked on the loaded page, one line each."""
    return [f"CSP: {line}" for line in page.evaluate("window.__cspViolations || []")]


@pytest.fixture
def axe_path() -> Path:
    if not AXE.exists():
        _missing(str(AXE))
    return AXE


def log_in(page: Any, live_server: Any, user: Any) -> None:
    """Give the browser the session cookie of `user`."""
    client = Client()
    client.force_login(user)
    cookie = client.cookies["sessionid"]
    page.context.add_cookies([{"name": "sessionid", "value": cookie.value, "url": live_server.url}])


def axe_violations(page: Any, axe: Path) -> list[str]:
    """Run axe-core on the loaded page; one line per violation and node."""
    # Evaluated rather than added as a <script>: the page's CSP refuses inline scripts.
    page.evaluate(axe.read_text())
    violations = page.evaluate("async () => (await axe.run()).violations")
    return [
        f"{v['id']} ({v['impact']}): {node['target']}" for v in violations for node in v["nodes"]
    ]


# Buttons and links that declare an icon beside their label (fr-btn--icon-left/right) but show
# only the icon: DSFR button groups clip them unless the group says where icons go.
CLIPPED_LABELS = """() => [...document.querySelectorAll(
    '.fr-btn.fr-btn--icon-left, .fr-btn.fr-btn--icon-right'
)].filter(b => b.textContent.trim() && b.scrollWidth > b.clientWidth + 1)
  .map(b => b.textContent.trim())"""


def clipped_labels(page: Any) -> list[str]:
    """The labels of the page's icon buttons that the browser does not show in full."""
    return [f"clipped label: {label}" for label in page.evaluate(CLIPPED_LABELS)]


def demo_user(role: str) -> Any:
    """The account of a demo role (the demo data must be loaded)."""
    from magellan.accounts.models import User
    from magellan.demo.services import DEMO_ACCOUNTS

    email = next(a.email for a in DEMO_ACCOUNTS if a.role == role)
    return User.objects.get(email=email)


def sweep(page: Any, live_server: Any, axe: Path, paths: list[str]) -> dict[str, list[str]]:
    """Open each path (it must answer 200), run axe-core and look for clipped button labels and
    anything the Content-Security-Policy blocked; the violations by path, empty when none."""
    found = {}
    for path in paths:
        response = page.goto(live_server.url + path)
        assert response.status == 200, path
        violations = csp_violations(page) + axe_violations(page, axe) + clipped_labels(page)
        if violations:
            found[path] = violations
    return found
