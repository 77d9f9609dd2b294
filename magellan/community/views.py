"""Community pages: questions with their answers and comments, votes, acceptance, verification,
history, moderation and follows. Thin views: the rules are in services and permissions.

Non-members get a 403 on every page; a post one may not see (hidden, not theirs) is a 404."""

from typing import Any

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.db.models import QuerySet
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.http import urlencode
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from magellan.core.decorators import allowed_by
from magellan.core.security import limits_email_sending
from magellan.directory.models import Expertise, Person
from magellan.directory.queries import person_of

from . import permissions, queries, services
from .forms import AnswerForm, CommentForm, ModerationForm, QuestionForm
from .models import Answer, Comment, Question

member_required = allowed_by(permissions.can_use_community)
coach_required = allowed_by(permissions.can_moderate)
PAGE_SIZE = 20
FILTERS = {"sans-reponse": _("Sans réponse"), "mes-expertises": _("Dans mes expertises")}
SORTS = {"recent": ("-created_at", "-pk"), "votes": ("-vote_count", "-created_at", "-pk")}


def _person(request: HttpRequest) -> Person:
    """The signed-in member's directory entry (a staff account without one cannot post)."""
    person = person_of(request.user)
    if person is None:
        raise PermissionDenied
    return person


def _question(request: HttpRequest, pk: int) -> Question:
    return get_object_or_404(
        queries.questions_visible_to(request.user).select_related("author"), pk=pk
    )


def _answer(request: HttpRequest, pk: int) -> Answer:
    return get_object_or_404(
        queries.answers_visible_to(request.user).select_related("question__author", "author"),
        pk=pk,
    )


# --- The list --------------------------------------------------------------------------------


def _filtered(request: HttpRequest, questions: QuerySet[Any]) -> QuerySet[Any]:
    chosen = request.GET.get("filtre", "")
    if chosen == "sans-reponse":
        questions = questions.filter(answer_count=0)
    elif chosen == "mes-expertises":
        person = person_of(request.user)
        questions = questions.filter(
            pk__in=Question.objects.filter(expertises__people=person).values("pk")
        )
    tag = request.GET.get("tag", "")
    if tag:
        questions = questions.filter(
            pk__in=Question.objects.filter(expertises__slug=tag).values("pk")
        )
    return questions.order_by(*SORTS.get(request.GET.get("tri", ""), SORTS["recent"]))


@member_required
def question_list(request: HttpRequest) -> HttpResponse:
    """The questions, newest or most voted first; filters: unanswered, my expertises, a tag."""
    questions = _filtered(request, queries.question_list(request.user))
    page = Paginator(questions, PAGE_SIZE).get_page(request.GET.get("page"))
    kept = {key: request.GET[key] for key in ("filtre", "tag", "tri") if request.GET.get(key)}
    return render(
        request,
        "community/question_list.html",
        {
            "page_obj": page,
            "questions": page.object_list,
            "filters": FILTERS,
            "chosen_filter": request.GET.get("filtre", ""),
            "chosen_tag": request.GET.get("tag", ""),
            "chosen_sort": request.GET.get("tri", "recent"),
            "expertises": Expertise.objects.order_by("name"),
            "querystring_without_page": urlencode(kept) + "&" if kept else "",
        },
    )


# --- A question ------------------------------------------------------------------------------


def _visible_origin(user: Any, question: Question) -> Any:
    """The help request the question was shared from, if the user may see it."""
    if question.from_help_request_id is None:
        return None
    from magellan.helpdesk.queries import requests_visible_to

    return requests_visible_to(user).filter(pk=question.from_help_request_id).first()


def _visible_escalations(user: Any, question: Question) -> list[Any]:
    """The help requests opened from the question that the user may see."""
    from magellan.helpdesk.queries import requests_visible_to

    opened = services.help_requests_from(question).values("pk")
    return list(requests_visible_to(user).filter(pk__in=opened).order_by("pk"))


def _detail(
    request: HttpRequest,
    question: Question,
    *,
    answer_form: AnswerForm | None = None,
    comment_form: CommentForm | None = None,
    status: int = 200,
) -> HttpResponse:
    user = request.user
    person = person_of(user)
    answers = queries.answers_for_page(user, question)
    voted_question, voted_answers = queries.voted_ids(person, question)
    can_post = person is not None and not question.is_hidden
    escalated = _visible_escalations(user, question)
    failed = comment_form["answer"].value() if comment_form is not None else None
    for answer in answers:
        answer.comment_form = (  # type: ignore[attr-defined]
            comment_form
            if comment_form is not None and str(failed) == str(answer.pk)
            else CommentForm(initial={"answer": answer.pk}, auto_id=f"commentaire-{answer.pk}-%s")
        )
    question_comment_form = (
        comment_form
        if comment_form is not None and not failed
        else CommentForm(auto_id="commentaire-question-%s")
    )
    return render(
        request,
        "community/question_detail.html",
        {
            "question": question,
            "expertises": list(question.expertises.all()),
            "answers": answers,
            "comments": queries.question_comments(user, question),
            "voted_question": voted_question,
            "voted_answers": voted_answers,
            "following": queries.is_following(person, question),
            "person": person,
            "can_post": can_post,
            "is_asker": permissions.can_accept(user, question),
            "is_coach": permissions.can_moderate(user),
            "answer_form": answer_form or AnswerForm(),
            "comment_form": question_comment_form,
            "question_votes": question.votes.count(),
            "from_request": _visible_origin(user, question),
            "escalated": escalated,
            "can_escalate": permissions.can_escalate(user, question)
            and not escalated
            and any(not a.is_hidden for a in answers),
        },
        status=status,
    )


@member_required
def question_detail(request: HttpRequest, pk: int) -> HttpResponse:
    return _detail(request, _question(request, pk))


@member_required
@limits_email_sending
def question_create(request: HttpRequest) -> HttpResponse:
    person = _person(request)
    form = QuestionForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            question = services.ask_question(
                author=person,
                title=form.cleaned_data["title"],
                body=form.cleaned_data["body"],
                expertises=form.cleaned_data["expertises"],
            )
        except services.CommunityError as error:
            form.add_error(None, str(error))
        else:
            messages.success(request, _("Votre question est publiée."))
            return redirect(question)
    return render(request, "community/question_form.html", {"form": form, "question": None})


@member_required
def question_edit(request: HttpRequest, pk: int) -> HttpResponse:
    question = _question(request, pk)
    if not permissions.can_edit_post(request.user, question):
        raise PermissionDenied
    form = QuestionForm(
        request.POST or None,
        initial={
            "title": question.title,
            "body": question.body,
            "expertises": list(question.expertises.all()),
            "version": question.version,
        },
    )
    if request.method == "POST" and form.is_valid():
        try:
            services.edit_question(
                question=question,
                by=request.user,
                title=form.cleaned_data["title"],
                body=form.cleaned_data["body"],
                expertises=form.cleaned_data["expertises"],
                version=form.cleaned_data["version"],
            )
        except services.CommunityError as error:
            form.add_error(None, str(error))
        else:
            messages.success(
                request,
                _(
                    "Votre question est modifiée ; la version précédente est gardée dans l’historique."
                ),
            )
            return redirect(question)
    return render(request, "community/question_form.html", {"form": form, "question": question})


@member_required
def question_history(request: HttpRequest, pk: int) -> HttpResponse:
    """Every edit of the question and of its visible answers: who, when, the previous text."""
    question = _question(request, pk)
    answers = list(queries.answers_visible_to(request.user).filter(question=question))
    return render(
        request,
        "community/question_history.html",
        {"question": question, "revisions": queries.revisions_of(question, answers)},
    )


@member_required
@require_POST
def question_follow(request: HttpRequest, pk: int) -> HttpResponse:
    """Follow the question, or stop following it."""
    question = _question(request, pk)
    person = _person(request)
    if queries.is_following(person, question):
        services.unfollow(question=question, person=person)
        messages.success(request, _("Vous ne suivez plus cette question."))
    else:
        try:
            services.follow(question=question, person=person)
        except services.CommunityError as error:
            messages.error(request, str(error))
        else:
            messages.success(
                request,
                _(
                    "Vous suivez cette question : vous serez prévenu·e des nouvelles réponses et des commentaires."
                ),
            )
    return redirect(question)


# --- Answers and comments --------------------------------------------------------------------


@member_required
@require_POST
@limits_email_sending
def answer_create(request: HttpRequest, pk: int) -> HttpResponse:
    question = _question(request, pk)
    person = _person(request)
    form = AnswerForm(request.POST)
    if form.is_valid():
        try:
            answer = services.answer_question(
                question=question, author=person, body=form.cleaned_data["body"]
            )
        except services.CommunityError as error:
            form.add_error(None, str(error))
        else:
            messages.success(request, _("Votre réponse est publiée."))
            return redirect(answer.get_absolute_url())
    return _detail(request, question, answer_form=form, status=200)


@member_required
def answer_edit(request: HttpRequest, pk: int) -> HttpResponse:
    answer = _answer(request, pk)
    if not permissions.can_edit_post(request.user, answer):
        raise PermissionDenied
    form = AnswerForm(
        request.POST or None, initial={"body": answer.body, "version": answer.version}
    )
    if request.method == "POST" and form.is_valid():
        try:
            services.edit_answer(
                answer=answer,
                by=request.user,
                body=form.cleaned_data["body"],
                version=form.cleaned_data["version"],
            )
        except services.CommunityError as error:
            form.add_error(None, str(error))
        else:
            messages.success(
                request,
                _(
                    "Votre réponse est modifiée ; la version précédente est gardée dans l’historique."
                ),
            )
            return redirect(answer.get_absolute_url())
    return render(request, "community/answer_form.html", {"form": form, "answer": answer})


@member_required
@require_POST
@limits_email_sending
def comment_create(request: HttpRequest, pk: int) -> HttpResponse:
    """A comment on the question, or on one of its answers (`answer` in the form)."""
    question = _question(request, pk)
    person = _person(request)
    answer_pk = request.POST.get("answer") or ""
    form = CommentForm(
        request.POST,
        auto_id=f"commentaire-{answer_pk}-%s" if answer_pk.isdigit() else "commentaire-question-%s",
    )
    if form.is_valid():
        answer = None
        if form.cleaned_data["answer"]:
            answer = get_object_or_404(
                queries.answers_visible_to(request.user).filter(question=question),
                pk=form.cleaned_data["answer"],
            )
        try:
            comment = services.add_comment(
                author=person,
                body=form.cleaned_data["body"],
                question=None if answer else question,
                answer=answer,
            )
        except services.CommunityError as error:
            form.add_error(None, str(error))
        else:
            return redirect(comment.get_absolute_url())
    return _detail(request, question, comment_form=form, status=200)


# --- Votes, acceptance, verification ---------------------------------------------------------


def _vote(request: HttpRequest, post: Question | Answer) -> HttpResponse:
    try:
        services.toggle_vote(voter=_person(request), post=post)
    except services.CommunityError as error:
        messages.error(request, str(error))
    return redirect(post.get_absolute_url())


@member_required
@require_POST
def question_vote(request: HttpRequest, pk: int) -> HttpResponse:
    return _vote(request, _question(request, pk))


@member_required
@require_POST
def answer_vote(request: HttpRequest, pk: int) -> HttpResponse:
    return _vote(request, _answer(request, pk))


@member_required
@require_POST
def answer_accept(request: HttpRequest, pk: int) -> HttpResponse:
    """The asker accepts this answer (or withdraws an acceptance); anyone else gets a message."""
    answer = _answer(request, pk)
    try:
        if answer.question.accepted_answer_id == answer.pk:
            services.unaccept_answer(question=answer.question, by=request.user)
            messages.success(request, _("Vous n’acceptez plus cette réponse."))
        else:
            services.accept_answer(answer=answer, by=request.user)
            messages.success(request, _("Vous avez accepté cette réponse."))
    except services.CommunityError as error:
        messages.error(request, str(error))
    return redirect(answer.get_absolute_url())


@coach_required
@require_POST
def answer_verify(request: HttpRequest, pk: int) -> HttpResponse:
    """A coach marks the answer verified, or withdraws the mark."""
    answer = _answer(request, pk)
    services.set_verified(answer=answer, by=request.user, verified=not answer.is_verified)
    return redirect(answer.get_absolute_url())


# --- Moderation ------------------------------------------------------------------------------

MODERATED = {"question": Question, "reponse": Answer, "commentaire": Comment}


def _moderated_post(kind: str, pk: int) -> Any:
    model: Any = MODERATED.get(kind)
    if model is None:
        raise Http404
    related = {
        "question": ("author",),
        "reponse": ("author", "question"),
        "commentaire": ("author", "question", "answer__question"),
    }
    return get_object_or_404(model.objects.select_related(*related[kind]), pk=pk)


@coach_required
def moderate(request: HttpRequest, kind: str, pk: int) -> HttpResponse:
    """A coach hides a post with a reason (its author is told), or restores it."""
    post = _moderated_post(kind, pk)
    form = ModerationForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            if post.is_hidden:
                services.restore_post(post=post, by=request.user)
                messages.success(request, _("Le message est rétabli ; son auteur est prévenu."))
            else:
                services.hide_post(post=post, by=request.user, reason=form.cleaned_data["reason"])
                messages.success(request, _("Le message est masqué ; son auteur est prévenu."))
        except services.CommunityError as error:
            form.add_error(None, str(error))
        else:
            return redirect(post.get_absolute_url())
    return render(request, "community/moderate.html", {"form": form, "post": post, "kind": kind})


# --- Links with the help desk ----------------------------------------------------------------


@member_required
@require_POST
def question_escalate(request: HttpRequest, pk: int) -> HttpResponse:
    """The asker turns their answered question into a help request."""
    question = _question(request, pk)
    try:
        help_request = services.escalate_question(question, by=request.user)
    except services.CommunityError as error:
        messages.error(request, str(error))
        return redirect(question)
    messages.success(request, _("Votre demande d’aide est ouverte ; elle renvoie à la question."))
    return redirect(help_request)


@member_required
@require_POST
def share_help_request(request: HttpRequest, pk: int) -> HttpResponse:
    """The author of a help request shares it with the community as a question."""
    from magellan.helpdesk.queries import requests_visible_to

    help_request = get_object_or_404(requests_visible_to(request.user), pk=pk)
    try:
        question = services.share_help_request(help_request, by=request.user)
    except services.CommunityError as error:
        messages.error(request, str(error))
        return redirect(help_request)
    messages.success(
        request,
        _("Votre demande est partagée à l’entraide, sans ses pièces jointes ni ses commentaires."),
    )
    return redirect(question)
