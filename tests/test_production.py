"""Production settings: `check --deploy` is clean and secrets must come from the environment."""

import os
import subprocess
import sys

from tests.conftest import REPO_ROOT

PROD_ENV = {
    "DJANGO_SETTINGS_MODULE": "config.settings.prod",
    "DJANGO_SECRET_KEY": "production-like-secret-key-long-enough-0123456789abcdefghijklmnopqrstuv",
    "DJANGO_ALLOWED_HOSTS": "magellan.example.gouv.fr",
    "MAGELLAN_SITE_URL": "https://magellan.example.gouv.fr",
}


def _manage(*args: str, env: dict[str, str]) -> subprocess.CompletedProcess[str]:
    clean = {k: v for k, v in os.environ.items() if not k.startswith(("DJANGO_", "PYTEST_"))}
    return subprocess.run(  # noqa: S603 - fixed arguments
        [sys.executable, "manage.py", *args],
        cwd=REPO_ROOT,
        env={**clean, **env},
        capture_output=True,
        text=True,
        check=False,
    )


def test_check_deploy_reports_nothing() -> None:
    result = _manage("check", "--deploy", "--fail-level", "DEBUG", env=PROD_ENV)

    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == "System check identified no issues (0 silenced)."


def test_production_refuses_to_start_without_a_secret_key() -> None:
    env = {k: v for k, v in PROD_ENV.items() if k != "DJANGO_SECRET_KEY"}

    result = _manage("check", env=env)

    assert result.returncode != 0
    assert "Set the DJANGO_SECRET_KEY environment variable." in result.stderr
