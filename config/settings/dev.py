"""Local development: `make run` uses these settings (embedded SQLite, console email)."""

from .base import *  # noqa: F403 - settings modules extend the base on purpose
from .base import TASK_QUEUES

DEBUG = True
# Background tasks run immediately in the request during development.
TASKS = {
    "default": {
        "BACKEND": "django_tasks.backends.immediate.ImmediateBackend",
        "QUEUES": TASK_QUEUES,
    }
}
