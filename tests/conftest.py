"""The safety net every test runs under.

- Undefined variables in our templates fail the test (config.settings.test sets string_if_invalid).
- Warnings are errors (pyproject: filterwarnings = error).
- Tests run in random order with a fixed, printed seed (pytest-randomly); hypothesis is derandomised.
- No network: opening a non-loopback socket fails the test.
"""

import socket
from pathlib import Path
from typing import Any

import pytest
from hypothesis import settings as hypothesis_settings

hypothesis_settings.register_profile("magellan", derandomize=True, deadline=None, print_blob=True)
hypothesis_settings.load_profile("magellan")

REPO_ROOT = Path(__file__).resolve().parents[1]
SHARED_DIR = REPO_ROOT.parent / "shared"

_real_connect = socket.socket.connect


def _guarded_connect(self: socket.socket, address: Any) -> Any:
    host = address[0] if isinstance(address, tuple) else address
    if (
        isinstance(host, str)
        and host not in ("127.0.0.1", "localhost", "::1", "0.0.0.0")  # noqa: S104 - a bind address, not a bind
        and not host.startswith("/")
    ):
        raise RuntimeError(f"Tests run offline: connection to {address!r} refused.")
    return _real_connect(self, address)


@pytest.fixture(autouse=True)
def _no_network(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(socket.socket, "connect", _guarded_connect)


@pytest.fixture
def shared_dir() -> Path:
    """../shared/, or a skip where it is absent (a user's clone)."""
    if not SHARED_DIR.is_dir():
        pytest.skip(
            f"{SHARED_DIR} is absent: these tests need the project's shared data (CI has it)."
        )
    return SHARED_DIR


@pytest.fixture
def demo_site(db: None) -> None:
    """The synthetic demo data."""
    from magellan.demo.services import load_demo

    load_demo()


@pytest.fixture(autouse=True)
def _empty_cache() -> None:
    """Rate-limit counters live in the cache: each test starts with none."""
    from django.core.cache import cache

    cache.clear()
