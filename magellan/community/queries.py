"""Reads of the community with visibility applied: members only; hidden posts for coaches and
their author (the same rule as `permissions.can_see_post`)."""

from typing import Any

from django.contrib.auth import get_user_model
from django.db.models import CharField, Count, Prefetch, Q, QuerySet
from django.db.models.functions import Coalesce

from magellan.directory.models import Person
from magellan.directory.permissions import is_coach, is_member

from .models import Answer, Comment, Follow, Question, Revision, Vote


def visible_posts(user: Any, prefix: str = "") -> Q:
    """The condition on posts (reached through `prefix`) that a member may see."""
    if is_coach(user):
        return Q()
    # The author through an uncorrelated subquery: no join of every candidate post to Person.
    mine = Person.objects.filter(user_id=user.pk).values("pk")
    return Q(**{f"{prefix}is_hidden": False}) | Q(**{f"{prefix}author_id__in": mine})


def questions_visible_to(user: Any) -> QuerySet[Question]:
    """The questions a user may see: none for non-members."""
    if not is_member(user):
        return Question.objects.none()
    return Question.objects.filter(visible_posts(user))


def answers_visible_to(user: Any) -> QuerySet[Answer]:
    """The answers a user may see, on questions they may see."""
    if not is_member(user):
        return Answer.objects.none()
    return Answer.objects.filter(visible_posts(user), visible_posts(user, "question__"))


def comments_visible_to(user: Any) -> QuerySet[Comment]:
    """The comments a user may see, under posts they may see."""
    if not is_member(user):
        return Comment.objects.none()
    on_question = Q(question__isnull=False) & visible_posts(user, "question__")
    on_answer = (
        Q(answer__isnull=False)
        & visible_posts(user, "answer__")
        & visible_posts(user, "answer__question__")
    )
    return Comment.objects.filter(visible_posts(user), on_question | on_answer)


def question_list(user: Any) -> QuerySet[Question]:
    """Visible questions with what the list shows: author, tags, votes, visible answers."""
    return (
        questions_visible_to(user)
        .select_related("author")
        .prefetch_related("expertises")
        .annotate(
            vote_count=Count("votes", distinct=True),
            answer_count=Count("answers", filter=visible_posts(user, "answers__"), distinct=True),
        )
    )


def answers_for_page(user: Any, question: Question) -> list[Answer]:
    """The question's visible answers: accepted first, then by votes, then oldest first."""
    comments = comments_visible_to(user).select_related("author")
    answers: list[Answer] = list(
        answers_visible_to(user)
        .filter(question=question)
        .select_related("author", "verified_by")
        .prefetch_related(Prefetch("comments", queryset=comments, to_attr="visible_comments"))
        .annotate(vote_count=Count("votes", distinct=True))
        .order_by("-vote_count", "created_at", "pk")
    )
    answers.sort(key=lambda a: a.pk != question.accepted_answer_id)
    return answers


def question_comments(user: Any, question: Question) -> list[Comment]:
    return list(comments_visible_to(user).filter(question=question).select_related("author"))


def voted_ids(person: Any, question: Question) -> tuple[bool, set[int]]:
    """Whether the person upvoted the question, and which of its answers they upvoted."""
    if person is None:
        return False, set()
    rows = Vote.objects.filter(voter=person).filter(
        Q(question=question) | Q(answer__question=question)
    )
    pairs = list(rows.values_list("question_id", "answer_id"))
    return any(q for q, _a in pairs), {a for _q, a in pairs if a is not None}


def is_following(person: Any, question: Question) -> bool:
    return person is not None and Follow.objects.filter(question=question, person=person).exists()


def revisions_of(question: Question, answers: list[Answer]) -> list[Revision]:
    """Every revision of the question and of the given answers, newest first."""
    return list(
        Revision.objects.filter(Q(question=question) | Q(answer__in=answers))
        .select_related("answer__author")
        .annotate(
            editor_name=Coalesce("editor__person__name", "editor__email", output_field=CharField())
        )
        .order_by("-edited_at", "-pk")
    )


def members_with_expertises(expertise_ids: list[int]) -> QuerySet[Any]:
    """The active accounts of members (a role in a cohort, or staff) who have one of these expertises."""
    return (
        get_user_model()
        .objects.filter(is_active=True, person__expertises__in=expertise_ids)
        .filter(Q(person__cohort_roles__isnull=False) | Q(is_staff=True))
        .distinct()
        .order_by("pk")
    )


def follower_users(question: Question) -> QuerySet[Any]:
    """The accounts of the question's followers."""
    return (
        get_user_model()
        .objects.filter(is_active=True, person__community_follows__question=question)
        .filter(Q(person__cohort_roles__isnull=False) | Q(is_staff=True))
        .distinct()
        .order_by("pk")
    )
