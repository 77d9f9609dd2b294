"""Local development: `make run` uses these settings (embedded SQLite, console email)."""

from .base import *  # noqa: F403 - settings modules extend the base on purpose

DEBUG = True
# Background tasks go to the database, as in production: `make run` starts `manage.py worker`
# beside the web server, so that forming groups or importing never holds up a request and the
# job's page shows its progress. (TASKS is the base's.)
# The demo's code repositories are made on disk (magellan/demo/repositories.py): let them be checked.
MAGELLAN_REPOSITORY_ALLOW_LOCAL = True
