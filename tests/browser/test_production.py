"""Under the production settings (gunicorn, whitenoise, manifest storage), DSFR pages are styled."""

import os
import socket
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from tests.conftest import REPO_ROOT
from tests.test_production import PROD_ENV

pytestmark = pytest.mark.browser


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


@pytest.fixture
def production_server(tmp_path: Path) -> Iterator[str]:
    port = _free_port()
    clean = {
        k: v for k, v in os.environ.items() if not k.startswith(("DJANGO_", "PYTEST_", "POSTGRES_"))
    }
    env = {
        **clean,
        **PROD_ENV,
        "DJANGO_ALLOWED_HOSTS": "127.0.0.1",
        "DJANGO_SECURE_SSL_REDIRECT": "0",
        "DJANGO_STATIC_ROOT": str(tmp_path / "static"),
        "SQLITE_PATH": str(tmp_path / "db.sqlite3"),
    }
    python = sys.executable
    for args in (["collectstatic", "--noinput", "-v0"], ["migrate", "--noinput", "-v0"]):
        subprocess.run([python, "manage.py", *args], cwd=REPO_ROOT, env=env, check=True)  # noqa: S603
    gunicorn = str(Path(python).with_name("gunicorn"))
    server = subprocess.Popen(  # noqa: S603 - fixed arguments
        [gunicorn, "config.wsgi", "--bind", f"127.0.0.1:{port}", "--workers", "1"],
        cwd=REPO_ROOT,
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    try:
        deadline = time.monotonic() + 20
        while time.monotonic() < deadline:
            with socket.socket() as sock:
                if sock.connect_ex(("127.0.0.1", port)) == 0:
                    break
            time.sleep(0.2)
        yield f"http://127.0.0.1:{port}"
    finally:
        server.terminate()
        server.wait(timeout=10)


def test_dsfr_is_styled_under_production_settings(page: Any, production_server: str) -> None:
    blocked: list[str] = []
    page.on(
        "console", lambda message: blocked.append(message.text) if message.type == "error" else None
    )

    response = page.goto(production_server + "/defis/")

    assert response.status == 200
    font = page.evaluate("() => getComputedStyle(document.body).fontFamily")
    assert font.startswith("Marianne")
    assert blocked == []
