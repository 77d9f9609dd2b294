"""Every write and business rule of the community Q&A: questions, answers, comments, votes,
acceptance, verification, revisions, moderation, follows, notifications, and the links with the
help desk.

Keyword-only verb functions; a refusal raises `CommunityError` with the French message to show,
and changes nothing. Notifications go through `magellan.notifications.services.notify`.
"""

import datetime
from collections.abc import Iterable
from typing import Any

from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from magellan.core.site import site_url
from magellan.directory.models import Expertise, Person
from magellan.notifications import kinds
from magellan.notifications.services import notify
from magellan.program.planning import is_working_day

from . import permissions, queries
from .models import Answer, Comment, Follow, Question, Revision, Vote

Post = Question | Answer
UNANSWERED_WORKING_DAYS = 3
TITLE_MAX = 200


class CommunityError(Exception):
    """A rule of the community refused the action; the message is shown to the user."""


def _clean(text: str) -> str:
    return (text or "").strip()


def _require(text: str, message: str) -> str:
    text = _clean(text)
    if not text:
        raise CommunityError(message)
    return text


def _clean_title(title: str) -> str:
    title = " ".join((title or "").split())
    if not title:
        raise CommunityError(_("Donnez un titre à votre question."))
    if len(title) > TITLE_MAX:
        raise CommunityError(_("Le titre ne doit pas dépasser 200 caractères."))
    return title


def _excerpt(text: str, length: int = 300) -> str:
    text = _clean(text)
    return text if len(text) <= length else text[:length].rstrip() + "…"


# --- Questions -------------------------------------------------------------------------------


@transaction.atomic
def ask_question(
    *,
    author: Person,
    title: str,
    body: str,
    expertises: Iterable[Expertise] = (),
) -> Question:
    """Post a question; its author follows it; members with its expertises are told."""
    if author.user is None or not permissions.can_use_community(author.user):
        raise CommunityError(_("Seuls les membres de la communauté peuvent poser une question."))
    question = Question.objects.create(
        author=author,
        title=_clean_title(title),
        body=_require(body, _("Décrivez votre question.")),
    )
    expertises = list(expertises)
    question.expertises.set(expertises)
    Follow.objects.create(question=question, person=author)
    if expertises:
        notify(
            recipients=queries.members_with_expertises([e.pk for e in expertises]),
            kind=kinds.QUESTION_IN_EXPERTISE,
            title=_("Nouvelle question : %(title)s") % {"title": question.title},
            body=_excerpt(question.body),
            url=question.get_absolute_url(),
            actor=author.user,
        )
    return question


def _locked(post: Post) -> Any:
    return type(post).objects.select_for_update().get(pk=post.pk)


def _check_version(post: Post, version: int | None) -> None:
    if version is not None and post.version != version:
        raise CommunityError(
            _(
                "Ce message a été modifié entre-temps par quelqu’un d’autre : rechargez la page "
                "pour voir sa dernière version (votre texte n’a pas été enregistré)."
            )
        )


@transaction.atomic
def edit_question(
    *,
    question: Question,
    by: Any,
    title: str,
    body: str,
    expertises: Iterable[Expertise],
    version: int | None = None,
) -> Question:
    """Edit one's question; the previous text is kept as a revision (who, when, what it said)."""
    locked = _locked(question)
    if not permissions.can_edit_post(by, locked):
        raise CommunityError(_("Seul l’auteur d’une question peut la modifier."))
    _check_version(locked, version)
    title, body = _clean_title(title), _require(body, _("Décrivez votre question."))
    Revision.objects.create(
        question=locked, editor=by, previous_title=locked.title, previous_body=locked.body
    )
    locked.title, locked.body, locked.version = title, body, locked.version + 1
    locked.save(update_fields=["title", "body", "version", "updated_at"])
    locked.expertises.set(list(expertises))
    return locked


# --- Answers and comments --------------------------------------------------------------------


@transaction.atomic
def answer_question(*, question: Question, author: Person, body: str) -> Answer:
    """Answer a visible question; the answerer then follows it; the asker and followers are told."""
    user = author.user
    if user is None or not permissions.can_view_question(user, question):
        raise CommunityError(_("Vous ne pouvez pas répondre à cette question."))
    if question.is_hidden:
        raise CommunityError(_("Cette question est masquée : elle ne reçoit plus de réponse."))
    answer = Answer.objects.create(
        question=question,
        author=author,
        body=_require(body, _("Écrivez votre réponse.")),
    )
    Follow.objects.get_or_create(question=question, person=author)
    asker = question.author.user
    url = answer.get_absolute_url()
    body_excerpt = _excerpt(answer.body)
    if asker is not None:
        notify(
            recipients=[asker],
            kind=kinds.QUESTION_ANSWERED,
            title=_("%(name)s a répondu à votre question « %(title)s »")
            % {"name": author.name, "title": question.title},
            body=body_excerpt,
            url=url,
            actor=user,
        )
    notify(
        recipients=queries.follower_users(question).exclude(pk=getattr(asker, "pk", None)),
        kind=kinds.THREAD_ACTIVITY,
        title=_("Nouvelle réponse sur « %(title)s »") % {"title": question.title},
        body=body_excerpt,
        url=url,
        actor=user,
    )
    return answer


@transaction.atomic
def edit_answer(*, answer: Answer, by: Any, body: str, version: int | None = None) -> Answer:
    """Edit one's answer; the previous text is kept as a revision."""
    locked = _locked(answer)
    if not permissions.can_edit_post(by, locked):
        raise CommunityError(_("Seul l’auteur d’une réponse peut la modifier."))
    _check_version(locked, version)
    body = _require(body, _("Écrivez votre réponse."))
    Revision.objects.create(answer=locked, editor=by, previous_body=locked.body)
    locked.body, locked.version = body, locked.version + 1
    locked.save(update_fields=["body", "version", "updated_at"])
    return locked


@transaction.atomic
def add_comment(
    *, author: Person, body: str, question: Question | None = None, answer: Answer | None = None
) -> Comment:
    """Comment on a visible question or answer (not a hidden one); the thread's followers are told."""
    post: Post | None = answer if answer is not None else question
    user = author.user
    if post is None or (question is not None and answer is not None):
        raise CommunityError(_("Un commentaire porte sur une question ou sur une réponse."))
    thread = answer.question if answer is not None else question
    assert thread is not None  # noqa: S101 - set just above
    if user is None or not permissions.can_view_question(user, thread):
        raise CommunityError(_("Vous ne pouvez pas commenter ce message."))
    if post.is_hidden or thread.is_hidden:
        raise CommunityError(_("Ce message est masqué : il ne reçoit plus de commentaire."))
    comment = Comment.objects.create(
        author=author,
        body=_require(body, _("Écrivez votre commentaire.")),
        question=question if answer is None else None,
        answer=answer,
    )
    recipients = list(queries.follower_users(thread))
    if answer is not None and answer.author.user is not None:
        recipients.append(answer.author.user)
    notify(
        recipients=recipients,
        kind=kinds.THREAD_ACTIVITY,
        title=_("Nouveau commentaire sur « %(title)s »") % {"title": thread.title},
        body=_excerpt(comment.body),
        url=comment.get_absolute_url(),
        actor=user,
    )
    return comment


# --- Votes, acceptance, verification ---------------------------------------------------------


@transaction.atomic
def toggle_vote(*, voter: Person, post: Post) -> bool:
    """Upvote a post, or withdraw one's upvote; return whether the member now upvotes it.
    One vote per member and post; never on one's own post."""
    user = voter.user
    if user is None or not permissions.can_see_post(user, post):
        raise CommunityError(_("Vous ne pouvez pas voter pour ce message."))
    if post.author_id == voter.pk:
        raise CommunityError(_("Vous ne pouvez pas voter pour votre propre message."))
    target = {"question": post} if isinstance(post, Question) else {"answer": post}
    existing = Vote.objects.filter(voter=voter, **target)
    if existing.exists():
        existing.delete()
        return False
    try:
        with transaction.atomic():
            Vote.objects.create(voter=voter, **target)
    except IntegrityError:
        pass  # the same member's other click won the race: one vote, as wanted
    return True


@transaction.atomic
def accept_answer(*, answer: Answer, by: Any) -> Question:
    """The asker accepts one answer to their question (replacing an earlier choice)."""
    question = Question.objects.select_for_update().get(pk=answer.question_id)
    if not permissions.can_accept(by, question):
        raise CommunityError(
            _("Seule la personne qui a posé la question peut accepter une réponse.")
        )
    if answer.is_hidden:
        raise CommunityError(_("Une réponse masquée ne peut pas être acceptée."))
    question.accepted_answer = answer
    question.save(update_fields=["accepted_answer", "updated_at"])
    return question


@transaction.atomic
def unaccept_answer(*, question: Question, by: Any) -> Question:
    """The asker withdraws their acceptance."""
    locked = Question.objects.select_for_update().get(pk=question.pk)
    if not permissions.can_accept(by, locked):
        raise CommunityError(
            _("Seule la personne qui a posé la question peut accepter une réponse.")
        )
    locked.accepted_answer = None
    locked.save(update_fields=["accepted_answer", "updated_at"])
    return locked


@transaction.atomic
def set_verified(*, answer: Answer, by: Any, verified: bool = True) -> Answer:
    """A coach marks an answer verified (or withdraws the mark)."""
    if not permissions.can_moderate(by):
        raise CommunityError(_("Seuls les coachs peuvent marquer une réponse comme vérifiée."))
    locked = _locked(answer)
    locked.is_verified = verified
    locked.verified_by = by if verified else None
    locked.verified_at = timezone.now() if verified else None
    locked.save(update_fields=["is_verified", "verified_by", "verified_at", "updated_at"])
    return locked


# --- Moderation ------------------------------------------------------------------------------


def _thread(post: Question | Answer | Comment) -> Question:
    if isinstance(post, Question):
        return post
    if isinstance(post, Answer):
        return post.question
    return post.thread


def _moderation_notice(
    post: Question | Answer | Comment, *, hidden: bool, reason: str, by: Any
) -> None:
    author = post.author.user
    if author is None:
        return
    thread = _thread(post)
    if hidden:
        title = _("Votre contribution sur « %(title)s » a été masquée") % {"title": thread.title}
        body = _("Motif : %(reason)s") % {"reason": reason}
    else:
        title = _("Votre contribution sur « %(title)s » a été rétablie") % {"title": thread.title}
        body = ""
    notify(
        recipients=[author],
        kind=kinds.POST_MODERATED,
        title=title,
        body=body,
        url=post.get_absolute_url(),
        actor=by,
    )


@transaction.atomic
def hide_post(*, post: Question | Answer | Comment, by: Any, reason: str) -> Any:
    """A coach hides a post with a reason; its author is told. It stays visible to them and coaches."""
    if not permissions.can_moderate(by):
        raise CommunityError(_("Seuls les coachs peuvent masquer un message."))
    reason = _require(reason, _("Indiquez le motif du masquage : son auteur le recevra."))
    locked = type(post).objects.select_for_update().get(pk=post.pk)
    if locked.is_hidden:
        raise CommunityError(_("Ce message est déjà masqué."))
    locked.is_hidden, locked.hidden_reason = True, reason
    locked.hidden_by, locked.hidden_at = by, timezone.now()
    locked.save(
        update_fields=["is_hidden", "hidden_reason", "hidden_by", "hidden_at", "updated_at"]
    )
    _moderation_notice(locked, hidden=True, reason=reason, by=by)
    return locked


@transaction.atomic
def restore_post(*, post: Question | Answer | Comment, by: Any) -> Any:
    """A coach restores a hidden post; its author is told."""
    if not permissions.can_moderate(by):
        raise CommunityError(_("Seuls les coachs peuvent rétablir un message."))
    locked = type(post).objects.select_for_update().get(pk=post.pk)
    if not locked.is_hidden:
        raise CommunityError(_("Ce message n’est pas masqué."))
    locked.is_hidden, locked.hidden_reason, locked.hidden_by, locked.hidden_at = (
        False,
        "",
        None,
        None,
    )
    locked.save(
        update_fields=["is_hidden", "hidden_reason", "hidden_by", "hidden_at", "updated_at"]
    )
    _moderation_notice(locked, hidden=False, reason="", by=by)
    return locked


# --- Follows ---------------------------------------------------------------------------------


def follow(*, question: Question, person: Person) -> None:
    """Follow a question one may see (doing it twice changes nothing)."""
    if person.user is None or not permissions.can_view_question(person.user, question):
        raise CommunityError(_("Vous ne pouvez pas suivre cette question."))
    Follow.objects.get_or_create(question=question, person=person)


def unfollow(*, question: Question, person: Person) -> None:
    Follow.objects.filter(question=question, person=person).delete()


# --- Unanswered questions --------------------------------------------------------------------


def working_days_between(start: datetime.date, end: datetime.date) -> int:
    """How many working days (French holidays excluded) after `start`, up to `end` included."""
    count, day = 0, start
    while day < end:
        day += datetime.timedelta(days=1)
        if is_working_day(day):
            count += 1
    return count


def push_unanswered_questions(*, now: datetime.datetime | None = None) -> int:
    """Tell members with its expertises, once per question, of each visible question still without
    a visible answer 3 working days after it was asked; return how many questions were pushed."""
    now = now or timezone.now()
    today = timezone.localdate(now)
    candidates = (
        Question.objects.filter(is_hidden=False, unanswered_pushed_at=None, created_at__lte=now)
        .exclude(answers__is_hidden=False)
        .prefetch_related("expertises")
        .select_related("author")
        .order_by("created_at", "pk")
    )
    pushed = 0
    for candidate in candidates:
        asked = timezone.localdate(candidate.created_at)
        if working_days_between(asked, today) < UNANSWERED_WORKING_DAYS:
            continue
        with transaction.atomic():
            question = (
                Question.objects.select_for_update()
                .filter(pk=candidate.pk, unanswered_pushed_at=None)
                .first()
            )
            if question is None:
                continue
            question.unanswered_pushed_at = now
            question.save(update_fields=["unanswered_pushed_at"])
            expertise_ids = [e.pk for e in candidate.expertises.all()]
            if expertise_ids:
                notify(
                    recipients=queries.members_with_expertises(expertise_ids).exclude(
                        pk=candidate.author.user_id
                    ),
                    kind=kinds.UNANSWERED_QUESTION,
                    title=_("Sans réponse depuis 3 jours ouvrés : %(title)s")
                    % {"title": question.title},
                    body=_excerpt(question.body),
                    url=question.get_absolute_url(),
                )
            pushed += 1
    return pushed


# --- Links with the help desk ----------------------------------------------------------------


@transaction.atomic
def share_help_request(request: Any, *, by: Any) -> Question:
    """The author of a help request shares it with the community as a question (its subject,
    description and expertises; never its attachments or comments); the question links back."""
    from magellan.helpdesk.models import HelpRequest

    locked = HelpRequest.objects.select_for_update().select_related("author").get(pk=request.pk)
    if locked.author.user_id is None or locked.author.user_id != getattr(by, "pk", None):
        raise CommunityError(
            _("Seul l’auteur d’une demande d’aide peut la partager à la communauté.")
        )
    existing = Question.objects.filter(from_help_request=locked).first()
    if existing is not None:
        raise CommunityError(
            _("Cette demande est déjà partagée : « %(title)s ».") % {"title": existing.title}
        )
    question = ask_question(
        author=locked.author,
        title=locked.subject[:TITLE_MAX],
        body=locked.description,
        expertises=locked.expertises.all(),
    )
    question.from_help_request = locked
    question.save(update_fields=["from_help_request"])
    return question


def help_requests_from(question: Question) -> Any:
    """The help requests opened from this question (through their generic `origin`)."""
    from django.contrib.contenttypes.models import ContentType

    from magellan.helpdesk.models import HelpRequest

    return HelpRequest.objects.filter(
        origin_type=ContentType.objects.get_for_model(Question), origin_id=question.pk
    )


@transaction.atomic
def escalate_question(question: Question, *, by: Any) -> Any:
    """The asker of an answered question opens a help request from it when the answers are not
    enough (through `helpdesk.services.open_help_request`, with the question as its origin)."""
    from magellan.helpdesk import services as helpdesk

    locked = Question.objects.select_for_update().select_related("author").get(pk=question.pk)
    if not permissions.can_escalate(by, locked):
        raise CommunityError(
            _("Seule la personne qui a posé la question peut en faire une demande d’aide.")
        )
    if not locked.answers.filter(is_hidden=False).exists():
        raise CommunityError(
            _(
                "Cette question n’a pas encore de réponse : attendez les réponses de la "
                "communauté, ou demandez directement de l’aide au bureau d’aide."
            )
        )
    if help_requests_from(locked).exists():
        raise CommunityError(_("Une demande d’aide a déjà été ouverte depuis cette question."))
    link = f"{site_url()}{locked.get_absolute_url()}"
    description = _("%(body)s\n\n— Question posée à l’entraide : %(link)s") % {
        "body": locked.body,
        "link": link,
    }
    try:
        return helpdesk.open_help_request(
            author=locked.author,
            subject=locked.title,
            description=description,
            expertises=list(locked.expertises.all()),
            origin=locked,
            by=by,
        )
    except helpdesk.HelpdeskError as error:
        raise CommunityError(str(error)) from error
