from typing import Any

from django.urls import reverse

from . import Case, World, statuses

COACH_ONLY = statuses(403, anonymous=302, coaches=200)
COACH_POSTS = statuses(403, anonymous=302, coaches=302)


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


def _with_new_proposal(world: World) -> Any:
    """Published groups with a new proposal (a draft) beside them."""
    from tests.factories import GroupFactory, GroupingFactory, GroupMemberFactory

    if "proposal" not in world.extra:
        published = _grouping(world, published=True)
        draft = GroupingFactory(session=published.session)
        GroupMemberFactory(group=GroupFactory(grouping=draft), person=world.fellow)
        world.extra["proposal"] = draft
    return world.extra["proposal"]


def _session_url(name: str, *, published: bool = False) -> Any:
    return lambda w: reverse(name, args=[_grouping(w, published=published).session_id])


def _groups_url(*, published: bool = False) -> Any:
    """Where a coach's action on a session's groups comes back to."""
    return lambda w: reverse(
        "grouping:session_groups", args=[_grouping(w, published=published).session_id]
    )


def _target_group(world: World) -> Any:
    return _grouping(world).groups.order_by("number").last()


def _move(world: World) -> dict[str, Any]:
    return {"person": world.fellow.pk, "group": _target_group(world).pk}


def _only_job() -> Any:
    from magellan.core.models import Job

    return Job.objects.get()


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
        "grouping:session_reform",
        _session_url("grouping:session_reform", published=True),
        COACH_ONLY,
    ),
    Case(
        "grouping:session_form",
        _session_url("grouping:session_form"),
        COACH_POSTS,
        method="post",
        data=lambda w: {"seed": 2},
        # Forming runs in the background: the coach follows its job.
        redirect=lambda w: _only_job().get_absolute_url(),
    ),
    Case(
        "grouping:member_move",
        _session_url("grouping:member_move"),
        COACH_POSTS,
        method="post",
        data=_move,
        # Back to the moved person's new group.
        redirect=lambda w: f"{_groups_url()(w)}#groupe-{_target_group(w).number}",
    ),
    Case(
        "grouping:publish",
        _session_url("grouping:publish"),
        COACH_POSTS,
        method="post",
        redirect=_groups_url(),
    ),
    Case(
        "grouping:unpublish",
        _session_url("grouping:unpublish", published=True),
        COACH_POSTS,
        method="post",
        redirect=_groups_url(published=True),
    ),
    Case(
        "grouping:discard",
        lambda w: reverse("grouping:discard", args=[_with_new_proposal(w).session_id]),
        COACH_POSTS,
        method="post",
        redirect=_groups_url(published=True),
    ),
]
