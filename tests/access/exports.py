"""Exports: a cohort's lists (e-mail addresses, attendance, feedback comments) are for coaches only."""

from django.urls import reverse

from . import Case, statuses

COACHES = statuses(403, anonymous=302, coaches=200)

CASES = [
    Case(
        "exports:cohort_exports",
        lambda w: reverse("exports:cohort_exports", kwargs={"slug": w.cohort.slug}),
        COACHES,
    ),
    Case(
        "exports:download",
        lambda w: reverse(
            "exports:download",
            kwargs={"slug": w.cohort.slug, "name": "avis", "extension": "xlsx"},
        ),
        COACHES,
    ),
]
