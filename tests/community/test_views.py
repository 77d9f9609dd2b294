import itertools

import pytest
from django.contrib.messages import get_messages
from django.test import Client
from django.urls import reverse

from magellan.community.models import Answer, Question, Revision
from tests.factories import (
    AnswerFactory,
    ExpertiseFactory,
    PersonFactory,
    QuestionFactory,
    VoteFactory,
)
from tests.query_counts import assert_queries_do_not_grow

pytestmark = pytest.mark.django_db

HOSTILE = (
    "Voir <script>alert(1)</script> et <img src=x onerror=alert(2)>"
    " puis [ce lien](javascript:alert(3))."
)
LIST = reverse("community:question_list")


def _client(user) -> Client:
    client = Client()
    client.force_login(user)
    return client


def _titles(response) -> list[str]:
    return [q.title for q in response.context["questions"]]


def test_the_list_filters_unanswered_my_expertises_and_a_tag_and_sorts_by_votes():
    expertise, other = ExpertiseFactory(slug="licences"), ExpertiseFactory()
    me = PersonFactory(fellow=True)
    me.expertises.add(expertise)
    answered = QuestionFactory(title="Répondue")
    AnswerFactory(question=answered)
    mine = QuestionFactory(title="Dans mon expertise")
    mine.expertises.add(expertise)
    elsewhere = QuestionFactory(title="Ailleurs")
    elsewhere.expertises.add(other)
    VoteFactory(question=elsewhere)
    VoteFactory(question=elsewhere)
    VoteFactory(question=answered)
    QuestionFactory(title="Masquée", hidden=True)
    client = _client(me.user)

    assert _titles(client.get(LIST)) == ["Ailleurs", "Dans mon expertise", "Répondue"]
    assert _titles(client.get(LIST, {"filtre": "sans-reponse"})) == [
        "Ailleurs",
        "Dans mon expertise",
    ]
    assert _titles(client.get(LIST, {"filtre": "mes-expertises"})) == ["Dans mon expertise"]
    assert _titles(client.get(LIST, {"tag": "licences"})) == ["Dans mon expertise"]
    assert _titles(client.get(LIST, {"tri": "votes"})) == [
        "Ailleurs",
        "Répondue",
        "Dans mon expertise",
    ]


def test_the_list_shows_hidden_questions_to_coaches():
    QuestionFactory(title="Masquée", hidden=True)
    assert _titles(_client(PersonFactory(coach=True).user).get(LIST)) == ["Masquée"]


def test_the_list_is_paginated():
    for _ in range(21):
        QuestionFactory()
    client = _client(PersonFactory(fellow=True).user)
    assert len(_titles(client.get(LIST))) == 20
    assert len(_titles(client.get(LIST, {"page": 2}))) == 1


def test_the_question_list_does_not_grow_queries():
    client = _client(PersonFactory(fellow=True).user)
    counter = itertools.count()
    expertise = ExpertiseFactory(name="Données ouvertes")

    def make() -> str:
        question = QuestionFactory(title=f"Question {next(counter)}")
        question.expertises.add(expertise)
        AnswerFactory(question=question)
        VoteFactory(question=question)
        return question.title

    assert_queries_do_not_grow(client, LIST, make)


def test_the_question_page_does_not_grow_queries_with_answers():
    question = QuestionFactory()
    client = _client(PersonFactory(fellow=True).user)
    counter = itertools.count()

    def make() -> str:
        answer = AnswerFactory(
            question=question, author=PersonFactory(alumni=True, name=f"Répondant {next(counter)}")
        )
        VoteFactory(answer=answer)
        from tests.factories import CommunityCommentFactory

        CommunityCommentFactory(question=None, answer=answer)
        return answer.author.name

    assert_queries_do_not_grow(client, question.get_absolute_url(), make)


def test_the_accepted_answer_comes_first_then_the_most_voted():
    question = QuestionFactory()
    old = AnswerFactory(question=question, body="La plus ancienne")
    voted = AnswerFactory(question=question, body="La plus soutenue")
    accepted = AnswerFactory(question=question, body="L’acceptée")
    VoteFactory(answer=voted)
    question.accepted_answer = accepted
    question.save()
    response = _client(PersonFactory(fellow=True).user).get(question.get_absolute_url())
    assert [a.pk for a in response.context["answers"]] == [accepted.pk, voted.pk, old.pk]


def test_hostile_markdown_is_sanitised_on_the_question_page():
    question = QuestionFactory(body=HOSTILE)
    AnswerFactory(question=question, body=HOSTILE)
    from tests.factories import CommunityCommentFactory

    CommunityCommentFactory(question=question, body=HOSTILE)
    html = (
        _client(PersonFactory(fellow=True).user).get(question.get_absolute_url()).content.decode()
    )
    assert "<script>alert" not in html
    assert "onerror" not in html
    assert "javascript:alert" not in html
    assert html.count("ce lien") == 3  # the harmless text stays


def test_a_hidden_answer_is_shown_to_coaches_and_its_author_only():
    answer = AnswerFactory(hidden=True, body="Réponse masquée")
    url = answer.question.get_absolute_url()
    assert (
        "Réponse masquée" not in _client(PersonFactory(fellow=True).user).get(url).content.decode()
    )
    assert "Réponse masquée" in _client(PersonFactory(coach=True).user).get(url).content.decode()
    assert "Réponse masquée" in _client(answer.author.user).get(url).content.decode()


def test_accepting_an_answer_to_someone_elses_question_says_why_and_changes_nothing():
    answer = AnswerFactory()
    response = _client(answer.author.user).post(
        reverse("community:answer_accept", args=[answer.pk])
    )
    assert response.status_code == 302
    assert [str(m) for m in get_messages(response.wsgi_request)] == [
        "Seule la personne qui a posé la question peut accepter une réponse."
    ]
    answer.question.refresh_from_db()
    assert answer.question.accepted_answer is None


def test_the_asker_accepts_from_the_page():
    answer = AnswerFactory()
    _client(answer.question.author.user).post(reverse("community:answer_accept", args=[answer.pk]))
    answer.question.refresh_from_db()
    assert answer.question.accepted_answer == answer


def test_an_empty_answer_redisplays_the_page_with_the_error():
    question = QuestionFactory()
    response = _client(PersonFactory(fellow=True).user).post(
        reverse("community:answer_create", args=[question.pk]), {"body": ""}
    )
    assert response.status_code == 200
    assert response.context["answer_form"].errors
    assert Answer.objects.count() == 0


def test_asking_from_the_form_and_an_empty_title_is_redisplayed():
    client = _client(PersonFactory(fellow=True).user)
    response = client.post(reverse("community:question_create"), {"title": "", "body": "Détail"})
    assert response.status_code == 200
    assert Question.objects.count() == 0
    response = client.post(
        reverse("community:question_create"), {"title": "Titre", "body": "Détail"}
    )
    assert response["Location"] == Question.objects.get().get_absolute_url()


def test_a_stale_edit_is_redisplayed_with_the_users_text():
    question = QuestionFactory(body="Version 0")
    client = _client(question.author.user)
    url = reverse("community:question_edit", args=[question.pk])
    client.post(url, {"title": question.title, "body": "Version 1", "version": 0})
    response = client.post(url, {"title": question.title, "body": "Mon texte", "version": 0})
    assert response.status_code == 200
    assert "modifié entre-temps" in response.content.decode()
    assert "Mon texte" in response.content.decode()
    question.refresh_from_db()
    assert question.body == "Version 1"


def test_the_history_page_shows_who_when_and_the_previous_text():
    question = QuestionFactory(body="Texte d’origine <script>x</script>")
    client = _client(question.author.user)
    client.post(
        reverse("community:question_edit", args=[question.pk]),
        {"title": question.title, "body": "Texte corrigé", "version": 0},
    )
    assert Revision.objects.count() == 1
    html = client.get(reverse("community:question_history", args=[question.pk])).content.decode()
    assert "Texte d’origine" in html
    assert "<script>x" not in html
    assert question.author.name in html


def test_hiding_without_a_reason_is_redisplayed_and_changes_nothing():
    question = QuestionFactory()
    coach = PersonFactory(coach=True).user
    url = reverse("community:moderate", args=["question", question.pk])
    response = _client(coach).post(url, {"reason": ""})
    assert response.status_code == 200
    assert "Indiquez le motif du masquage" in response.content.decode()
    question.refresh_from_db()
    assert question.is_hidden is False


def test_an_unknown_kind_of_post_to_moderate_is_a_404():
    coach = PersonFactory(coach=True).user
    assert _client(coach).get(reverse("community:moderate", args=["guide", 1])).status_code == 404


def test_hostile_markdown_in_a_notification_body_is_sanitised_on_the_notifications_page():
    question = QuestionFactory()
    answerer = PersonFactory(mentor=True)
    _client(answerer.user).post(
        reverse("community:answer_create", args=[question.pk]), {"body": HOSTILE}
    )
    html = _client(question.author.user).get(reverse("notifications:list")).content.decode()
    assert "a répondu à votre question" in html
    assert "<script>alert" not in html
    assert "onerror" not in html
    assert "javascript:alert" not in html


def test_hostile_markdown_in_the_notification_email_is_sanitised(
    django_capture_on_commit_callbacks,
):
    from django.core import mail

    question = QuestionFactory()
    with django_capture_on_commit_callbacks(execute=True):
        _client(PersonFactory(mentor=True).user).post(
            reverse("community:answer_create", args=[question.pk]), {"body": HOSTILE}
        )
    [message] = [m for m in mail.outbox if m.to == [question.author.user.email]]
    html = message.alternatives[0][0]
    assert "<script" not in html
    assert "onerror" not in html
    assert "javascript:" not in html
