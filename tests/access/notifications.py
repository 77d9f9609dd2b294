"""Notifications pages: every signed-in account has its own; another's notification is a 404."""

from typing import Any

from django.urls import reverse

from . import Case, World, statuses

SIGNED_IN = statuses(200, anonymous=302)
SIGNED_IN_POSTS = statuses(302, anonymous=302)


def _fellows_notification(world: World) -> Any:
    from tests.factories import NotificationFactory

    if "notification" not in world.extra:
        world.extra["notification"] = NotificationFactory(recipient=world.fellow.user)
    return world.extra["notification"]


def _every_kind(frequency: str) -> dict[str, str]:
    from magellan.notifications.kinds import KINDS

    return dict.fromkeys(KINDS, frequency)


def _list(world: World) -> str:
    return reverse("notifications:list")


CASES = [
    Case("notifications:list", _list, SIGNED_IN),
    Case("notifications:preferences", lambda w: reverse("notifications:preferences"), SIGNED_IN),
    Case(
        "notifications:preferences",
        lambda w: reverse("notifications:preferences"),
        SIGNED_IN_POSTS,
        method="post",
        id="notifications:preferences (post)",
        data=lambda w: _every_kind("daily"),
        redirect=lambda w: reverse("notifications:preferences"),
    ),
    Case(
        "notifications:read",
        lambda w: reverse("notifications:read", args=[_fellows_notification(w).pk]),
        statuses(404, anonymous=302, fellow=302),
        method="post",
        redirect=_list,
    ),
    Case(
        "notifications:read_all",
        lambda w: reverse("notifications:read_all"),
        SIGNED_IN_POSTS,
        method="post",
        redirect=_list,
    ),
]
