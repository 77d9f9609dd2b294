"""Who may read and write the knowledge base: plain predicates, used by views, templates and tests.

Reading follows `queries.visible_kinds` (one rule for the list and a single guide). Coaches write
guides; the author of a guide (who turned their help request or question into it) edits it too.
"""

from typing import Any

from magellan.community.models import Question
from magellan.directory.permissions import is_coach, is_member
from magellan.directory.queries import person_of
from magellan.helpdesk import permissions as helpdesk_permissions
from magellan.helpdesk.models import HelpRequest

from .models import Guide, GuideUse
from .queries import visible_kinds


def is_guide_author(user: Any, guide: Guide) -> bool:
    person = person_of(user)
    return person is not None and guide.author_id == person.pk


def can_view_guide(user: Any, guide: Guide) -> bool:
    """The rule of queries.guides_visible_to, for one guide already read."""
    return (guide.status, guide.visibility) in visible_kinds(user) or is_guide_author(user, guide)


def can_read_history(user: Any, guide: Guide) -> bool:
    """Members and the guide's editors read its revisions (who changed what, when)."""
    return is_member(user) or can_edit_guide(user, guide)


def can_write_guides(user: Any) -> bool:
    """Coaches write new guides."""
    return is_coach(user)


def can_edit_guide(user: Any, guide: Guide) -> bool:
    """Coaches, and the guide's author."""
    return is_coach(user) or is_guide_author(user, guide)


def can_link_to_session(user: Any) -> bool:
    """Coaches say which guides a program session used."""
    return is_coach(user)


def can_link_to_help_request(user: Any, help_request: HelpRequest) -> bool:
    """Coaches and the request's assigned helpers say which guides it used."""
    return helpdesk_permissions.acts_as_helper(user, help_request)


def can_unlink(user: Any, use: GuideUse) -> bool:
    """Whoever may link a guide there may remove the link."""
    if use.help_request is not None:
        return can_link_to_help_request(user, use.help_request)
    return can_link_to_session(user)


def is_source_author(user: Any, source: HelpRequest | Question) -> bool:
    """The author of a help request or of a question."""
    person = person_of(user)
    return person is not None and source.author_id == person.pk


def can_consent(user: Any, source: HelpRequest | Question) -> bool:
    """Only its author lets a help request or a question become a guide."""
    return is_source_author(user, source)


def can_convert(user: Any, source: HelpRequest | Question) -> bool:
    """Its author, or a coach (who also needs the author's consent: services check it)."""
    return is_source_author(user, source) or is_coach(user)
