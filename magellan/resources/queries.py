"""Reads of the knowledge base, with visibility applied.

The one visibility rule (permissions.can_view_guide applies the same one to a single guide):
- published public guides: everyone, anonymous visitors included;
- published members-only guides: members (`directory.permissions.is_member`);
- drafts: coaches, and the guide's own author (who turned a help request or a question into it).
"""

from typing import Any

from django.db.models import Prefetch, Q, QuerySet

from magellan.directory.permissions import is_coach, is_member
from magellan.directory.queries import person_of
from magellan.helpdesk.models import HelpRequest
from magellan.program.models import Session

from .models import Guide, GuidePhase, GuideStatus, GuideUse, Visibility

ALL_KINDS = frozenset(
    (status, visibility) for status in GuideStatus.values for visibility in Visibility.values
)


def visible_kinds(user: Any) -> frozenset[tuple[str, str]]:
    """The (status, visibility) pairs of the guides a user may read, whoever wrote them."""
    if is_coach(user):
        return ALL_KINDS
    if is_member(user):
        return frozenset(
            {
                (GuideStatus.PUBLISHED, Visibility.PUBLIC),
                (GuideStatus.PUBLISHED, Visibility.MEMBERS),
            }
        )
    return frozenset({(GuideStatus.PUBLISHED, Visibility.PUBLIC)})


def guides_visible_to(user: Any) -> QuerySet[Guide]:
    """The guides a user may read (see the module's docstring)."""
    condition = Q(pk__in=[])
    for status, visibility in sorted(visible_kinds(user)):
        condition |= Q(status=status, visibility=visibility)
    person = person_of(user)
    if person is not None:
        condition |= Q(author=person)
    return Guide.objects.filter(condition)


def with_list_data(guides: QuerySet[Guide]) -> QuerySet[Guide]:
    """What the list and the tag show for each guide, in a fixed number of queries."""
    return guides.select_related("author").prefetch_related(
        "expertises", Prefetch("phases", queryset=GuidePhase.objects.order_by("kind"))
    )


def filter_guides(
    guides: QuerySet[Guide], *, phase: int | None = None, expertise: Any = None, text: str = ""
) -> QuerySet[Guide]:
    """The list's filters: a phase, an expertise, words in the title or summary."""
    if phase is not None:
        guides = guides.filter(phases__kind=phase)
    if expertise is not None:
        guides = guides.filter(expertises=expertise)
    for word in text.split()[:8]:
        guides = guides.filter(Q(title__icontains=word) | Q(summary__icontains=word))
    return guides.distinct()


def guides_used_by(user: Any, obj: Any) -> list[Guide]:
    """The guides a session (or a help request) used, among those the user may read."""
    uses = GuideUse.objects.filter(**{use_field(obj): obj})
    return list(
        guides_visible_to(user).filter(pk__in=uses.values("guide_id")).order_by("title", "pk")
    )


def use_field(obj: Any) -> str:
    """The field of GuideUse that points to `obj`'s model."""
    if isinstance(obj, Session):
        return "session"
    if isinstance(obj, HelpRequest):
        return "help_request"
    raise TypeError(f"No guide use for {type(obj).__name__}")


def uses_visible_to(user: Any, guide: Guide) -> dict[str, list[Any]]:
    """Where a guide was used, only the sessions and help requests the user may see."""
    from magellan.program.queries import sessions_visible_to

    sessions = list(
        sessions_visible_to(user)
        .filter(guide_uses__guide=guide)
        .select_related("format", "cohort")
        .order_by("-starts_at", "pk")
    )
    return {"sessions": sessions, "help_requests": _help_requests_using(user, guide)}


def _help_requests_using(user: Any, guide: Guide) -> list[Any]:
    from magellan.helpdesk.queries import requests_visible_to

    return list(
        requests_visible_to(user).filter(guide_uses__guide=guide).order_by("-created_at", "pk")
    )
