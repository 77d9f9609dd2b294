"""Community pages: members only (outsiders 403); a hidden question is a 404 except for its author
and coaches; editing is the author's; verifying and moderating are the coaches'. The staff account
without a person reads but cannot post (403)."""

from typing import Any

from django.urls import reverse

from . import Case, World, statuses

MEMBERS = statuses(200, anonymous=302, outsiders=403)
# Members with a person post (then are sent back to the thread); the staff account has none.
POSTERS = statuses(302, anonymous=302, outsiders=403, staff=403)
COACH_ONLY = statuses(403, anonymous=302, coaches=200)


def _data(world: World) -> dict[str, Any]:
    from tests.factories import AnswerFactory, QuestionFactory

    if "community" not in world.extra:
        question = QuestionFactory(author=world.fellow, title="Quelle licence libre choisir ?")
        answer = AnswerFactory(question=question, author=world.alumni)
        hidden = QuestionFactory(author=world.other_fellow, hidden=True)
        world.extra["community"] = {"question": question, "answer": answer, "hidden": hidden}
    return world.extra["community"]


def _help_request(world: World) -> Any:
    from tests.factories import HelpRequestFactory

    if "community_request" not in world.extra:
        world.extra["community_request"] = HelpRequestFactory(
            author=world.fellow, challenge=world.challenge, cohort=world.cohort
        )
    return world.extra["community_request"]


def _escalated_or_question(world: World) -> str:
    """The help request opened from the question (the asker), else the question (a message)."""
    from magellan.community.services import help_requests_from

    question = _data(world)["question"]
    opened = help_requests_from(question).first()
    return (opened or question).get_absolute_url()


def _shared_or_request(world: World) -> str:
    """The question shared from the request (its author), else the request (a message)."""
    from magellan.community.models import Question

    request = _help_request(world)
    shared = Question.objects.filter(from_help_request=request).first()
    return (shared or request).get_absolute_url()


def _url(name: str, key: str, *extra: Any) -> Any:
    return lambda w: reverse(name, args=[*extra, _data(w)[key].pk])


def _question_page(world: World) -> str:
    return _data(world)["question"].get_absolute_url()


def _answer_page(world: World) -> str:
    return _data(world)["answer"].get_absolute_url()


def _latest(model_name: str) -> Any:
    def url(world: World) -> str:
        from magellan.community import models

        return getattr(models, model_name).objects.latest("pk").get_absolute_url()

    return url


CASES = [
    Case("community:question_list", lambda w: reverse("community:question_list"), MEMBERS),
    Case(
        "community:question_create",
        lambda w: reverse("community:question_create"),
        MEMBERS | {"staff": 403},
    ),
    Case(
        "community:question_create",
        lambda w: reverse("community:question_create"),
        POSTERS,
        method="post",
        id="community:question_create (post)",
        data=lambda w: {"title": "Une question", "body": "Le détail."},
        redirect=_latest("Question"),
    ),
    Case("community:question_detail", _url("community:question_detail", "question"), MEMBERS),
    Case(
        "community:question_detail",
        _url("community:question_detail", "hidden"),
        statuses(404, anonymous=302, outsiders=403, coaches=200, other_fellow=200),
        id="community:question_detail (hidden)",
    ),
    Case(
        "community:question_edit",
        _url("community:question_edit", "question"),
        statuses(403, anonymous=302, fellow=200),
    ),
    Case("community:question_history", _url("community:question_history", "question"), MEMBERS),
    Case(
        "community:question_history",
        _url("community:question_history", "hidden"),
        statuses(404, anonymous=302, outsiders=403, coaches=200, other_fellow=200),
        id="community:question_history (hidden)",
    ),
    Case(
        "community:question_follow",
        _url("community:question_follow", "question"),
        POSTERS,
        method="post",
        redirect=_question_page,
    ),
    Case(
        "community:question_vote",
        _url("community:question_vote", "question"),
        POSTERS,
        method="post",
        redirect=_question_page,
    ),
    Case(
        "community:answer_create",
        _url("community:answer_create", "question"),
        POSTERS,
        method="post",
        data=lambda w: {"body": "Ma réponse."},
        redirect=_latest("Answer"),
    ),
    Case(
        "community:comment_create",
        _url("community:comment_create", "question"),
        POSTERS,
        method="post",
        data=lambda w: {"body": "Mon commentaire."},
        redirect=_latest("Comment"),
    ),
    Case(
        "community:answer_edit",
        _url("community:answer_edit", "answer"),
        statuses(403, anonymous=302, alumni=200),
    ),
    Case(
        "community:answer_vote",
        _url("community:answer_vote", "answer"),
        POSTERS,
        method="post",
        redirect=_answer_page,
    ),
    Case(
        "community:answer_accept",
        _url("community:answer_accept", "answer"),
        statuses(302, anonymous=302, outsiders=403),
        method="post",
        redirect=_answer_page,
    ),
    Case(
        "community:answer_verify",
        _url("community:answer_verify", "answer"),
        statuses(403, anonymous=302, coaches=302),
        method="post",
        redirect=_answer_page,
    ),
    Case("community:moderate", _url("community:moderate", "question", "question"), COACH_ONLY),
    Case(
        "community:moderate",
        _url("community:moderate", "answer", "reponse"),
        statuses(403, anonymous=302, coaches=302),
        method="post",
        id="community:moderate (post)",
        data=lambda w: {"reason": "Hors sujet."},
        redirect=_answer_page,
    ),
    Case(
        "community:question_escalate",
        _url("community:question_escalate", "question"),
        statuses(302, anonymous=302, outsiders=403),
        method="post",
        redirect=_escalated_or_question,
    ),
    Case(
        "community:share_help_request",
        lambda w: reverse("community:share_help_request", args=[_help_request(w).pk]),
        statuses(
            404,
            anonymous=302,
            outsiders=403,
            coaches=302,
            fellow=302,
            project_owner=302,
            sponsor=302,
        ),
        method="post",
        redirect=_shared_or_request,
    ),
]
