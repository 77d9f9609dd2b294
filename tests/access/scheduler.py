"""The scheduled jobs' page: coaches and staff only (it shows the platform's errors)."""

from django.urls import reverse

from . import Case, statuses

CASES = [
    Case(
        "scheduler:job_list",
        lambda w: reverse("scheduler:job_list"),
        statuses(403, anonymous=302, coaches=200),
    ),
]
