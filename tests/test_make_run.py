"""`make run` serves Magellan with a worker beside it: long tasks never block a request."""

import importlib
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def _recipe(target: str) -> str:
    """The shell lines of a Makefile target (its tab-indented lines)."""
    lines = (ROOT / "Makefile").read_text(encoding="utf-8").splitlines()
    start = next(k for k, line in enumerate(lines) if line.startswith(f"{target}:"))
    recipe = []
    for line in lines[start + 1 :]:
        if not line.startswith("\t"):
            break
        recipe.append(line)
    return "\n".join(recipe)


def test_make_run_runs_tasks_in_a_worker_beside_the_server() -> None:
    dev = importlib.import_module("config.settings.dev")
    recipe = _recipe("run")

    assert dev.TASKS["default"]["BACKEND"] == "django_tasks_db.DatabaseBackend"
    assert "manage.py worker" in recipe
    assert recipe.index("manage.py worker") < recipe.index("manage.py runserver")


def test_make_run_keeps_e_mails_apart_from_long_jobs() -> None:
    recipe = _recipe("run")

    assert "manage.py worker --queue-name emails &" in recipe
    assert "manage.py worker --queue-name '*' --exclude-queues emails &" in recipe
