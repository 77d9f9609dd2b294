"""`make run` and `make worker` run the scheduler beside the workers; the README gives the cron line."""

from tests.conftest import REPO_ROOT
from tests.test_make_run import _recipe


def test_make_run_starts_the_scheduler_in_the_background_before_the_server():
    recipe = _recipe("run")
    assert "manage.py run_scheduled --loop 60 &" in recipe
    assert recipe.index("run_scheduled") < recipe.index("manage.py runserver")
    assert "trap 'kill 0' EXIT" in recipe


def test_make_worker_runs_the_scheduler_beside_the_workers_and_restarts_it():
    recipe = _recipe("worker")
    assert "while true; do $(BIN)/python manage.py run_scheduled --loop 60;" in recipe
    assert "manage.py worker --queue-name emails" in recipe


def test_the_readme_gives_the_production_cron_line():
    readme = (REPO_ROOT / "README.md").read_text(encoding="utf-8")
    assert "* * * * * cd /srv/magellan && .venv/bin/python manage.py run_scheduled" in readme
