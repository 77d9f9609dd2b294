"""Test settings: fast hashing, in-memory email, immediate tasks, strict templates."""

from magellan.core.testing import InvalidTemplateVariable

from .base import *  # noqa: F403 - settings modules extend the base on purpose
from .base import TASK_QUEUES, TEMPLATES

DEBUG = False
SECRET_KEY = "test-only-key"  # noqa: S105 - tests only
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
TASKS = {
    "default": {
        "BACKEND": "django_tasks.backends.immediate.ImmediateBackend",
        "QUEUES": TASK_QUEUES,
    }
}
TEMPLATES[0]["OPTIONS"]["string_if_invalid"] = InvalidTemplateVariable("%s")  # type: ignore[index]
ALLOWED_HOSTS = ["*"]
WHITENOISE_AUTOREFRESH = True  # no collectstatic needed in tests
