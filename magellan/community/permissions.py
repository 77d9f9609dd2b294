"""Who may do what in the community Q&A. Members only; a hidden post is seen by coaches and its
author. `queries.visible_posts` is the same rule as a query condition (the lists use it)."""

from typing import Any

from magellan.directory.permissions import is_coach, is_member

from .models import Answer, Comment, Question


def can_use_community(user: Any) -> bool:
    """Fellows, alumni, mentors, coaches, project owners, sponsors: every member of a cohort."""
    return is_member(user)


def is_author(user: Any, post: Question | Answer | Comment) -> bool:
    return bool(getattr(user, "is_authenticated", False)) and post.author.user_id == user.pk


def can_see_post(user: Any, post: Question | Answer | Comment) -> bool:
    """A visible post is for members; a hidden one for coaches and its author."""
    if not is_member(user):
        return False
    return not post.is_hidden or is_coach(user) or is_author(user, post)


def can_view_question(user: Any, question: Question) -> bool:
    return can_see_post(user, question)


def can_view_answer(user: Any, answer: Answer) -> bool:
    return can_see_post(user, answer) and can_view_question(user, answer.question)


def can_edit_post(user: Any, post: Question | Answer) -> bool:
    """Only the author edits their question or answer (each edit keeps a revision)."""
    return is_member(user) and is_author(user, post)


def can_moderate(user: Any) -> bool:
    """Coaches hide and restore posts, and verify answers."""
    return is_coach(user)


def can_accept(user: Any, question: Question) -> bool:
    """Only the asker accepts an answer to their question."""
    return is_member(user) and is_author(user, question)


def can_escalate(user: Any, question: Question) -> bool:
    """The asker may turn their question into a help request."""
    return can_accept(user, question)
