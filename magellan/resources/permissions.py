"""Who may read and write the knowledge base: plain predicates, used by views, templates and tests.

Reading follows `queries.visible_kinds` (one rule for the list and a single guide). Coaches write
guides; the author of a guide (who turned their help request or question into it) edits it too.
"""

from typing import Any

from magellan.directory.permissions import is_coach
from magellan.directory.queries import person_of

from .models import Guide, GuideUse
from .queries import visible_kinds


def is_guide_author(user: Any, guide: Guide) -> bool:
    person = person_of(user)
    return person is not None and guide.author_id == person.pk


def can_view_guide(user: Any, guide: Guide) -> bool:
    """The rule of queries.guides_visible_to, for one guide already read."""
    return (guide.status, guide.visibility) in visible_kinds(user) or is_guide_author(user, guide)


def can_write_guides(user: Any) -> bool:
    """Coaches write new guides."""
    return is_coach(user)


def can_edit_guide(user: Any, guide: Guide) -> bool:
    """Coaches, and the guide's author."""
    return is_coach(user) or is_guide_author(user, guide)


def can_link_to_session(user: Any) -> bool:
    """Coaches say which guides a program session used."""
    return is_coach(user)


def can_unlink(user: Any, use: GuideUse) -> bool:
    """Whoever may link a guide there may remove the link."""
    return can_link_to_session(user)
