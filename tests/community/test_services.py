import datetime

import pytest
from django.utils import timezone

from magellan.community import services
from magellan.community.models import Answer, Comment, Follow, Question, Revision, Vote
from magellan.notifications.models import Notification
from tests.factories import (
    AnswerFactory,
    CommunityCommentFactory,
    ExpertiseFactory,
    FollowFactory,
    PersonFactory,
    QuestionFactory,
    VoteFactory,
)

pytestmark = pytest.mark.django_db


def _notified(kind: str) -> set[int]:
    return set(Notification.objects.filter(kind=kind).values_list("recipient_id", flat=True))


# --- Asking ----------------------------------------------------------------------------------


def test_asking_posts_the_question_and_the_asker_follows_it():
    fellow = PersonFactory(fellow=True)
    expertise = ExpertiseFactory()
    question = services.ask_question(
        author=fellow, title="  Choisir   une licence ", body="Laquelle ?", expertises=[expertise]
    )
    assert (question.title, question.body) == ("Choisir une licence", "Laquelle ?")
    assert list(question.expertises.all()) == [expertise]
    assert Follow.objects.filter(question=question, person=fellow).exists()


def test_a_new_question_notifies_members_with_its_expertise_but_not_the_asker():
    expertise, other = ExpertiseFactory(), ExpertiseFactory()
    asker = PersonFactory(fellow=True)
    asker.expertises.add(expertise)
    expert = PersonFactory(mentor=True)
    expert.expertises.add(expertise)
    elsewhere = PersonFactory(alumni=True)
    elsewhere.expertises.add(other)
    no_role = PersonFactory(with_account=True)
    no_role.expertises.add(expertise)

    question = services.ask_question(
        author=asker, title="Une question", body="Le détail", expertises=[expertise]
    )

    assert _notified("question_in_expertise") == {expert.user.pk}
    notification = Notification.objects.get()
    assert notification.url == question.get_absolute_url()
    assert notification.title == "Nouvelle question : Une question"


@pytest.mark.parametrize(
    ("title", "body", "message"),
    [
        ("", "Le détail", "Donnez un titre à votre question."),
        ("   ", "Le détail", "Donnez un titre à votre question."),
        ("Titre", "  ", "Décrivez votre question."),
        ("x" * 201, "Le détail", "Le titre ne doit pas dépasser 200 caractères."),
    ],
)
def test_asking_without_a_title_or_a_body_is_refused(title, body, message):
    with pytest.raises(services.CommunityError, match=message):
        services.ask_question(author=PersonFactory(fellow=True), title=title, body=body)
    assert Question.objects.count() == 0


def test_a_person_without_a_role_cannot_ask():
    with pytest.raises(services.CommunityError):
        services.ask_question(author=PersonFactory(with_account=True), title="T", body="B")
    assert Question.objects.count() == 0


# --- Editing and revisions -------------------------------------------------------------------


def test_editing_a_question_keeps_the_previous_text_as_a_revision():
    question = QuestionFactory(title="Avant", body="Ancien texte")
    user = question.author.user
    services.edit_question(
        question=question, by=user, title="Après", body="Nouveau texte", expertises=[], version=0
    )
    question.refresh_from_db()
    assert (question.title, question.body, question.version) == ("Après", "Nouveau texte", 1)
    revision = Revision.objects.get()
    assert (
        revision.question,
        revision.editor,
        revision.previous_title,
        revision.previous_body,
    ) == (
        question,
        user,
        "Avant",
        "Ancien texte",
    )


def test_only_the_author_edits_a_question():
    question = QuestionFactory(body="Ancien texte")
    coach = PersonFactory(coach=True).user
    with pytest.raises(services.CommunityError, match="Seul l’auteur"):
        services.edit_question(question=question, by=coach, title="T", body="B", expertises=[])
    question.refresh_from_db()
    assert question.body == "Ancien texte"
    assert Revision.objects.count() == 0


def test_a_stale_edit_is_refused_and_nothing_is_lost():
    question = QuestionFactory(body="Version 0")
    user = question.author.user
    services.edit_question(
        question=question, by=user, title="T", body="Version 1", expertises=[], version=0
    )
    with pytest.raises(services.CommunityError, match="modifié entre-temps"):
        services.edit_question(
            question=question,
            by=user,
            title="T",
            body="Version 2 rédigée sur l’ancienne",
            expertises=[],
            version=0,
        )
    question.refresh_from_db()
    assert question.body == "Version 1"
    assert Revision.objects.count() == 1


def test_editing_an_answer_keeps_a_revision_and_only_its_author_may():
    answer = AnswerFactory(body="Ancienne réponse")
    with pytest.raises(services.CommunityError):
        services.edit_answer(answer=answer, by=answer.question.author.user, body="Piratée")
    services.edit_answer(answer=answer, by=answer.author.user, body="Nouvelle réponse", version=0)
    answer.refresh_from_db()
    assert (answer.body, answer.version) == ("Nouvelle réponse", 1)
    assert list(Revision.objects.values_list("answer", "previous_body")) == [
        (answer.pk, "Ancienne réponse")
    ]


# --- Answers, comments, follows --------------------------------------------------------------


def test_an_answer_notifies_the_asker_and_the_followers_and_the_answerer_follows():
    question = QuestionFactory()
    follower = FollowFactory(question=question).person
    FollowFactory(question=question, person=question.author)
    answerer = PersonFactory(mentor=True)

    answer = services.answer_question(question=question, author=answerer, body="Voici **comment**.")

    assert Follow.objects.filter(question=question, person=answerer).exists()
    assert _notified("question_answered") == {question.author.user.pk}
    assert _notified("thread_activity") == {follower.user.pk}
    asked = Notification.objects.get(kind="question_answered")
    assert (
        asked.url
        == answer.get_absolute_url()
        == f"{question.get_absolute_url()}#reponse-{answer.pk}"
    )
    assert asked.actor == answerer.user


def test_a_follower_who_left_the_community_is_not_told():
    question = QuestionFactory()
    gone = PersonFactory(with_account=True)
    FollowFactory(question=question, person=gone)
    services.answer_question(question=question, author=PersonFactory(mentor=True), body="Oui.")
    assert _notified("thread_activity") == set()


def test_an_empty_answer_is_refused():
    with pytest.raises(services.CommunityError, match=r"^Écrivez votre réponse\.$"):
        services.answer_question(
            question=QuestionFactory(), author=PersonFactory(fellow=True), body=" "
        )
    assert Answer.objects.count() == 0


def test_a_hidden_question_takes_no_answer_even_from_a_coach():
    question = QuestionFactory(hidden=True)
    with pytest.raises(services.CommunityError, match="masquée"):
        services.answer_question(question=question, author=PersonFactory(coach=True), body="Oui.")


def test_a_non_member_cannot_answer():
    with pytest.raises(services.CommunityError):
        services.answer_question(
            question=QuestionFactory(), author=PersonFactory(with_account=True), body="Oui."
        )


def test_a_comment_on_an_answer_notifies_followers_and_the_answers_author():
    answer = AnswerFactory()
    follower = FollowFactory(question=answer.question).person
    commenter = PersonFactory(fellow=True)
    comment = services.add_comment(author=commenter, body="Merci !", answer=answer)
    assert (comment.answer, comment.question, comment.thread) == (answer, None, answer.question)
    assert _notified("thread_activity") == {follower.user.pk, answer.author.user.pk}
    assert Notification.objects.filter(kind="thread_activity").first().url == (
        f"{answer.question.get_absolute_url()}#commentaire-{comment.pk}"
    )


def test_a_comment_on_a_hidden_answer_is_refused():
    answer = AnswerFactory(hidden=True)
    with pytest.raises(services.CommunityError, match="masqué"):
        services.add_comment(author=PersonFactory(coach=True), body="Hm", answer=answer)
    assert Comment.objects.count() == 0


def test_follow_and_unfollow():
    question = QuestionFactory()
    person = PersonFactory(fellow=True)
    services.follow(question=question, person=person)
    services.follow(question=question, person=person)
    assert Follow.objects.filter(question=question, person=person).count() == 1
    services.unfollow(question=question, person=person)
    assert not Follow.objects.filter(question=question, person=person).exists()


def test_nobody_follows_a_hidden_question_they_cannot_see():
    with pytest.raises(services.CommunityError):
        services.follow(question=QuestionFactory(hidden=True), person=PersonFactory(fellow=True))


# --- Votes -----------------------------------------------------------------------------------


def test_one_upvote_per_member_and_post_toggled():
    question = QuestionFactory()
    voter = PersonFactory(fellow=True)
    assert services.toggle_vote(voter=voter, post=question) is True
    assert Vote.objects.filter(voter=voter, question=question).count() == 1
    assert services.toggle_vote(voter=voter, post=question) is False
    assert Vote.objects.count() == 0


def test_no_upvote_on_ones_own_post():
    answer = AnswerFactory()
    with pytest.raises(services.CommunityError, match="votre propre message"):
        services.toggle_vote(voter=answer.author, post=answer)
    assert Vote.objects.count() == 0


def test_the_database_keeps_one_vote_per_member_and_post():
    from django.db import IntegrityError

    vote = VoteFactory(question=QuestionFactory())
    with pytest.raises(IntegrityError):
        VoteFactory(question=vote.question, voter=vote.voter)


# --- Acceptance and verification -------------------------------------------------------------


def test_the_asker_accepts_one_answer_and_may_change_it():
    question = QuestionFactory()
    first, second = AnswerFactory(question=question), AnswerFactory(question=question)
    services.accept_answer(answer=first, by=question.author.user)
    services.accept_answer(answer=second, by=question.author.user)
    question.refresh_from_db()
    assert question.accepted_answer == second
    services.unaccept_answer(question=question, by=question.author.user)
    question.refresh_from_db()
    assert question.accepted_answer is None


@pytest.mark.parametrize("who", ["answerer", "coach", "other"])
def test_accepting_an_answer_to_someone_elses_question_is_refused(who):
    answer = AnswerFactory()
    user = {
        "answerer": answer.author.user,
        "coach": PersonFactory(coach=True).user,
        "other": PersonFactory(fellow=True).user,
    }[who]
    with pytest.raises(
        services.CommunityError,
        match=r"^Seule la personne qui a posé la question peut accepter une réponse\.$",
    ):
        services.accept_answer(answer=answer, by=user)
    answer.question.refresh_from_db()
    assert answer.question.accepted_answer is None


def test_a_hidden_answer_cannot_be_accepted():
    answer = AnswerFactory(hidden=True)
    with pytest.raises(services.CommunityError):
        services.accept_answer(answer=answer, by=answer.question.author.user)


def test_coaches_verify_answers_and_nobody_else():
    answer = AnswerFactory()
    coach = PersonFactory(coach=True).user
    with pytest.raises(services.CommunityError):
        services.set_verified(answer=answer, by=answer.question.author.user)
    services.set_verified(answer=answer, by=coach)
    answer.refresh_from_db()
    assert (answer.is_verified, answer.verified_by) == (True, coach)
    services.set_verified(answer=answer, by=coach, verified=False)
    answer.refresh_from_db()
    assert (answer.is_verified, answer.verified_by, answer.verified_at) == (False, None, None)


# --- Moderation ------------------------------------------------------------------------------


def test_a_coach_hides_a_post_with_a_reason_and_its_author_is_told():
    answer = AnswerFactory()
    coach = PersonFactory(coach=True).user
    services.hide_post(post=answer, by=coach, reason="Données personnelles.")
    answer.refresh_from_db()
    assert (answer.is_hidden, answer.hidden_reason, answer.hidden_by) == (
        True,
        "Données personnelles.",
        coach,
    )
    notification = Notification.objects.get(kind="post_moderated")
    assert notification.recipient == answer.author.user
    assert notification.body == "Motif : Données personnelles."
    assert notification.url == answer.get_absolute_url()

    services.restore_post(post=answer, by=coach)
    answer.refresh_from_db()
    assert (answer.is_hidden, answer.hidden_reason, answer.hidden_by) == (False, "", None)
    assert Notification.objects.filter(kind="post_moderated").count() == 2


def test_hiding_needs_a_reason_and_a_coach():
    question = QuestionFactory()
    with pytest.raises(services.CommunityError, match="motif"):
        services.hide_post(post=question, by=PersonFactory(coach=True).user, reason=" ")
    with pytest.raises(services.CommunityError, match="coachs"):
        services.hide_post(post=question, by=PersonFactory(fellow=True).user, reason="Non")
    question.refresh_from_db()
    assert question.is_hidden is False
    assert Notification.objects.count() == 0


def test_a_comment_can_be_hidden():
    comment = CommunityCommentFactory()
    services.hide_post(post=comment, by=PersonFactory(coach=True).user, reason="Hors sujet")
    comment.refresh_from_db()
    assert comment.is_hidden is True


# --- Unanswered questions --------------------------------------------------------------------


def _asked_on(day: datetime.date, **kwargs) -> Question:
    question = QuestionFactory(**kwargs)
    moment = timezone.make_aware(datetime.datetime.combine(day, datetime.time(10, 0)))
    Question.objects.filter(pk=question.pk).update(created_at=moment)
    question.refresh_from_db()
    return question


def _at(day: datetime.date) -> datetime.datetime:
    return timezone.make_aware(datetime.datetime.combine(day, datetime.time(8, 0)))


def test_working_days_skip_weekends_and_french_holidays():
    # Friday 24 April 2026 → Friday 1 May (Labour Day): Mon 27, Tue 28, Wed 29, Thu 30 = 4.
    assert services.working_days_between(datetime.date(2026, 4, 24), datetime.date(2026, 5, 1)) == 4
    assert (
        services.working_days_between(datetime.date(2026, 4, 24), datetime.date(2026, 4, 27)) == 1
    )


def test_a_question_unanswered_for_three_working_days_is_pushed_once_to_the_experts():
    expertise = ExpertiseFactory()
    expert = PersonFactory(mentor=True)
    expert.expertises.add(expertise)
    asker = PersonFactory(fellow=True)
    asker.expertises.add(expertise)
    # Asked on Thursday 30 April 2026; Friday 1 May is a holiday: Mon 4, Tue 5, Wed 6.
    question = _asked_on(datetime.date(2026, 4, 30), author=asker)
    question.expertises.add(expertise)

    assert services.push_unanswered_questions(now=_at(datetime.date(2026, 5, 5))) == 0
    assert services.push_unanswered_questions(now=_at(datetime.date(2026, 5, 6))) == 1
    assert _notified("unanswered_question") == {expert.user.pk}
    assert services.push_unanswered_questions(now=_at(datetime.date(2026, 5, 7))) == 0
    assert Notification.objects.filter(kind="unanswered_question").count() == 1


def test_answered_or_hidden_questions_are_not_pushed():
    expertise = ExpertiseFactory()
    PersonFactory(mentor=True).expertises.add(expertise)
    answered = _asked_on(datetime.date(2026, 3, 2))
    answered.expertises.add(expertise)
    AnswerFactory(question=answered)
    hidden = _asked_on(datetime.date(2026, 3, 2), hidden=True)
    hidden.expertises.add(expertise)

    assert services.push_unanswered_questions(now=_at(datetime.date(2026, 3, 20))) == 0
    assert Notification.objects.count() == 0


def test_a_question_whose_only_answer_is_hidden_is_still_unanswered():
    expertise = ExpertiseFactory()
    expert = PersonFactory(mentor=True)
    expert.expertises.add(expertise)
    question = _asked_on(datetime.date(2026, 3, 2))
    question.expertises.add(expertise)
    AnswerFactory(question=question, hidden=True)
    assert services.push_unanswered_questions(now=_at(datetime.date(2026, 3, 20))) == 1
    assert _notified("unanswered_question") == {expert.user.pk}


def test_the_push_command_runs_the_service(capsys):
    from django.core.management import call_command

    call_command("push_unanswered_questions")
    assert capsys.readouterr().out == "0 unanswered question(s) pushed.\n"
