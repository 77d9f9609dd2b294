"""ProConnect's pages: off in the tests' settings (no client id), so they answer 404 to everyone
(tests/accounts/test_oidc.py covers them with ProConnect on, against a real provider)."""

from django.urls import reverse

from . import Case, statuses

CASES = [
    Case(
        "accounts:proconnect_login",
        lambda w: reverse("accounts:proconnect_login"),
        statuses(404),
    ),
    Case(
        "accounts:proconnect_callback",
        lambda w: reverse("accounts:proconnect_callback"),
        statuses(404),
    ),
    Case(
        "accounts:proconnect_logged_out",
        lambda w: reverse("accounts:proconnect_logged_out"),
        statuses(404),
    ),
]
