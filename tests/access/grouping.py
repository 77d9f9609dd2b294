from typing import Any

from django.urls import reverse

from . import Case, World, statuses

COACH_ONLY = statuses(403, anonymous=302, coach=200)
COACH_POSTS = statuses(403, anonymous=302, coach=302)


def _grouping(world: World, *, published: bool = False) -> Any:
    """A sharing-group session of the cohort whose groups hold the fellow (draft or published)."""
    from magellan.program.models import GroupingMode
    from tests.factories import (
        FormatFactory,
        GroupFactory,
        GroupingFactory,
        GroupMemberFactory,
        SessionFactory,
    )

    key = f"grouping-{published}"
    if key not in world.extra:
        if "format" not in world.extra:
            world.extra["format"] = FormatFactory(grouping_mode=GroupingMode.DIVERSE)
        session = SessionFactory(cohort=world.cohort, format=world.extra["format"])
        grouping = GroupingFactory(session=session, published=published)
        first, second = GroupFactory(grouping=grouping), GroupFactory(grouping=grouping)
        GroupMemberFactory(group=first, person=world.fellow)
        GroupMemberFactory(group=second, person=world.other_fellow)
        world.extra[key] = grouping
    return world.extra[key]


def _session_url(name: str, *, published: bool = False) -> Any:
    return lambda w: reverse(name, args=[_grouping(w, published=published).session_id])


def _move(world: World) -> dict[str, Any]:
    grouping = _grouping(world)
    return {"person": world.fellow.pk, "group": grouping.groups.order_by("number").last().pk}


CASES = [
    Case(
        "grouping:cohort_groups",
        lambda w: reverse("grouping:cohort_groups", args=[w.cohort.slug]),
        COACH_ONLY,
    ),
    Case(
        "grouping:encounters",
        lambda w: reverse("grouping:encounters", args=[w.cohort.slug]),
        COACH_ONLY,
    ),
    Case(
        "grouping:series",
        lambda w: reverse(
            "grouping:series", args=[w.cohort.slug, _grouping(w).session.format.slug]
        ),
        COACH_ONLY,
    ),
    Case("grouping:session_groups", _session_url("grouping:session_groups"), COACH_ONLY),
    Case(
        "grouping:session_groups",
        _session_url("grouping:session_groups", published=True),
        COACH_ONLY,
        id="published groups",
    ),
    Case(
        "grouping:session_form",
        _session_url("grouping:session_form"),
        COACH_POSTS,
        method="post",
        data=lambda w: {"seed": 2},
    ),
    Case(
        "grouping:member_move",
        _session_url("grouping:member_move"),
        COACH_POSTS,
        method="post",
        data=_move,
    ),
    Case("grouping:publish", _session_url("grouping:publish"), COACH_POSTS, method="post"),
    Case(
        "grouping:unpublish",
        _session_url("grouping:unpublish", published=True),
        COACH_POSTS,
        method="post",
    ),
]
