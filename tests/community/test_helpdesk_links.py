import pytest

from magellan.community import services
from magellan.community.models import Question
from magellan.helpdesk.models import HelpRequest
from tests.factories import (
    AnswerFactory,
    ExpertiseFactory,
    HelpRequestFactory,
    PersonFactory,
    QuestionFactory,
)

pytestmark = pytest.mark.django_db


def test_the_author_shares_a_help_request_as_a_question_that_links_back():
    expertise = ExpertiseFactory()
    request = HelpRequestFactory(
        subject="Auditer notre code", description="Le dépôt est **public**.", expertises=[expertise]
    )
    question = services.share_help_request(request, by=request.author.user)
    assert (question.title, question.body, question.author, question.from_help_request) == (
        "Auditer notre code",
        "Le dépôt est **public**.",
        request.author,
        request,
    )
    assert list(question.expertises.all()) == [expertise]
    assert question.comments.count() == 0


def test_only_the_author_shares_a_help_request_and_only_once():
    request = HelpRequestFactory()
    with pytest.raises(services.CommunityError, match="Seul l’auteur"):
        services.share_help_request(request, by=PersonFactory(coach=True).user)
    assert Question.objects.count() == 0
    services.share_help_request(request, by=request.author.user)
    with pytest.raises(services.CommunityError, match="déjà partagée"):
        services.share_help_request(request, by=request.author.user)
    assert Question.objects.count() == 1


def test_the_asker_escalates_an_answered_question_to_a_help_request():
    expertise = ExpertiseFactory()
    question = QuestionFactory(title="Plan d’expérimentation", body="Comment mesurer ?")
    question.expertises.add(expertise)
    AnswerFactory(question=question)

    request = services.escalate_question(question, by=question.author.user)

    assert isinstance(request, HelpRequest)
    assert (request.author, request.subject, request.origin) == (
        question.author,
        "Plan d’expérimentation",
        question,
    )
    assert request.description.startswith("Comment mesurer ?")
    assert question.get_absolute_url() in request.description
    assert list(request.expertises.all()) == [expertise]
    assert list(services.help_requests_from(question)) == [request]
    with pytest.raises(services.CommunityError, match="déjà été ouverte"):
        services.escalate_question(question, by=question.author.user)


def test_an_unanswered_question_or_another_members_question_is_not_escalated():
    question = QuestionFactory()
    with pytest.raises(services.CommunityError, match="pas encore de réponse"):
        services.escalate_question(question, by=question.author.user)
    AnswerFactory(question=question, hidden=True)
    with pytest.raises(services.CommunityError, match="pas encore de réponse"):
        services.escalate_question(question, by=question.author.user)
    answer = AnswerFactory(question=question)
    with pytest.raises(services.CommunityError, match="Seule la personne"):
        services.escalate_question(question, by=answer.author.user)
    assert HelpRequest.objects.count() == 0


def test_the_question_page_links_to_the_request_opened_from_it_and_offers_no_second_one():
    from django.test import Client

    question = QuestionFactory()
    AnswerFactory(question=question)
    client = Client()
    client.force_login(question.author.user)
    before = client.get(question.get_absolute_url()).content.decode()
    assert "Demander l’aide du bureau d’aide" in before
    request = services.escalate_question(question, by=question.author.user)
    after = client.get(question.get_absolute_url()).content.decode()
    assert "Demander l’aide du bureau d’aide" not in after
    assert f'href="{request.get_absolute_url()}"' in after
    other = Client()
    other.force_login(PersonFactory(fellow=True).user)
    assert request.get_absolute_url() not in other.get(question.get_absolute_url()).content.decode()


def test_the_shared_question_links_back_for_those_who_may_see_the_request():
    from django.test import Client

    request = HelpRequestFactory()
    question = services.share_help_request(request, by=request.author.user)
    author = Client()
    author.force_login(request.author.user)
    assert (
        f'href="{request.get_absolute_url()}"'
        in author.get(question.get_absolute_url()).content.decode()
    )
    other = Client()
    other.force_login(PersonFactory(fellow=True).user)
    assert request.get_absolute_url() not in other.get(question.get_absolute_url()).content.decode()
