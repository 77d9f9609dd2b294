"""Audit pages: an object's history for coaches (403 for other members, 404 for a model that keeps
no history), the log of logins for staff only (it holds IP addresses)."""

from django.urls import reverse

from . import Case, statuses

COACH_ONLY = statuses(403, anonymous=302, coaches=200)

CASES = [
    Case(
        "audit:object_history",
        lambda w: reverse("audit:object_history", args=["directory.person", w.fellow.pk]),
        COACH_ONLY,
    ),
    Case(
        "audit:object_history",
        lambda w: reverse("audit:object_history", args=["directory.cohort", w.cohort.pk]),
        statuses(403, anonymous=302, coaches=404),
        id="audit:object_history (a model without history)",
    ),
    Case(
        "audit:logins",
        lambda w: reverse("audit:logins"),
        statuses(403, anonymous=302, staff_coach=200, staff=200),
    ),
]
