"""A real OpenID provider for the ProConnect tests: node's oidc-provider on a free loopback port.

`provider()` starts tests/oidc_provider/provider.mjs once per test process (stopped at exit), or
skips with the reason where node or the module is missing (fails under CI, which has both).
`sign_in(authorize_url, email)` goes through its login page as a browser would and returns the
address ProConnect sends the browser back to (the relying party's callback, with code and state).
"""

import atexit
import os
import shutil
import socket
import subprocess
from dataclasses import dataclass
from typing import Any
from urllib.parse import urljoin

import pytest
import requests

from tests.conftest import REPO_ROOT

SCRIPT = REPO_ROOT / "tests" / "oidc_provider" / "provider.mjs"
MODULE = REPO_ROOT / "node_modules" / "oidc-provider"
SECRET = "secret"


@dataclass(frozen=True)
class Provider:
    issuer: str

    @property
    def forged_jwks(self) -> str:
        """A key set with the provider's key ids but other keys."""
        return f"{self.issuer}/forged/jwks"


_running: dict[str, Provider] = {}


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def provider() -> Provider:
    """The running provider (started on first use)."""
    if "provider" in _running:
        return _running["provider"]
    node = shutil.which("node")
    if node is None or not MODULE.is_dir():
        message = "node or node_modules/oidc-provider is missing (npm ci installs it)."
        if os.environ.get("CI"):
            pytest.fail(message)
        pytest.skip(message)
    process = subprocess.Popen(  # noqa: S603 - our own script, fixed arguments
        [node, str(SCRIPT), str(_free_port())],
        stdout=subprocess.PIPE,
        stderr=subprocess.DEVNULL,
        text=True,
    )
    atexit.register(process.terminate)
    assert process.stdout is not None
    line = process.stdout.readline().strip()
    if not line.startswith("ready "):
        process.terminate()
        pytest.fail(f"the test OpenID provider did not start: {line!r}")
    _running["provider"] = Provider(issuer=line.removeprefix("ready "))
    return _running["provider"]


def configure(settings: Any, running: Provider, client_id: str = "magellan") -> None:
    """Point Magellan's ProConnect settings at the test provider."""
    settings.OIDC_RP_CLIENT_ID = client_id
    settings.OIDC_RP_CLIENT_SECRET = SECRET
    settings.MAGELLAN_PROCONNECT_ISSUER = running.issuer


def sign_in(authorize_url: str, email: str) -> str:
    """Log in at the provider as `email`; the callback address it redirects to."""
    browser = requests.Session()
    page = browser.get(authorize_url, timeout=10)
    assert page.status_code == 200, page.text
    response = browser.post(page.url, data={"email": email}, allow_redirects=False, timeout=10)
    for _ in range(10):
        assert response.status_code in (302, 303), response.text
        location = urljoin(response.url, response.headers["location"])
        if not location.startswith(authorize_url.split("/auth")[0]):
            return location
        response = browser.get(location, allow_redirects=False, timeout=10)
    raise AssertionError("too many redirects at the provider")
