from django.urls import reverse

from . import Case, statuses

CASES = [
    # Logged-in users are sent home from the login page.
    Case(
        "accounts:login",
        lambda w: reverse("accounts:login"),
        statuses(302, anonymous=200),
        redirect=lambda w: reverse("home"),
    ),
    Case(
        "accounts:request_login_link",
        lambda w: reverse("accounts:request_login_link"),
        statuses(200),
        method="post",
        data=lambda w: {"email": "nobody@example.test"},
    ),
    Case(
        "accounts:login_link",
        lambda w: reverse(
            "accounts:login_link", kwargs={"user_id": w.fellow.user.pk, "token": "bad-token"}
        ),
        statuses(200),
    ),
    Case(
        "accounts:logout",
        lambda w: reverse("accounts:logout"),
        statuses(302),
        method="post",
        anonymous_redirect="/",
        redirect=lambda w: reverse("home"),
    ),
    Case(
        "admin:index",
        lambda w: reverse("admin:index"),
        # The admin is for staff accounts only: a coach by role alone is sent to its login page.
        statuses(302, staff_coach=200, staff=200),
        anonymous_redirect="/admin/login/?next=/admin/",
        redirect=lambda w: "/admin/login/?next=/admin/",
    ),
]
