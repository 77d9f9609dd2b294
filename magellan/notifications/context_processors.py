"""The header's unread-notification count: one query for signed-in users (when a page shows it),
none for anonymous visitors."""

from collections.abc import Callable

from django.http import HttpRequest

from .queries import unread_count


def unread_notifications(request: HttpRequest) -> dict[str, Callable[[], int]]:
    """`unread_notification_count`, read at most once per page and only if the page shows it
    (templates call a callable variable)."""
    user = getattr(request, "user", None)
    counted: list[int] = []

    def count() -> int:
        if not counted:
            counted.append(unread_count(user))
        return counted[0]

    return {"unread_notification_count": count}
