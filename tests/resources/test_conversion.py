import pytest
from django.core.files.base import ContentFile
from django.test import Client
from django.urls import reverse

from magellan.helpdesk.models import Attachment, Status
from magellan.resources import services
from magellan.resources.models import ConversionConsent, Guide
from tests.factories import (
    AnswerFactory,
    CommentFactory,
    CommunityCommentFactory,
    ExpertiseFactory,
    HelpRequestFactory,
    PersonFactory,
    QuestionFactory,
)

pytestmark = pytest.mark.django_db

PDF = b"%PDF-1.4\n%%EOF\n"


@pytest.fixture
def resolved():
    helper = PersonFactory(mentor=True, name="Hélène Aidante")
    author = PersonFactory(fellow=True, name="Bruno Demandeur")
    request = HelpRequestFactory(
        author=author,
        subject="Plan d’expérimentation",
        description="Nous voulons tester deux parcours.",
        status=Status.RESOLVED,
        resolution_summary="Un test A/B sur quatre semaines, avec un critère décidé avant.",
        expertises=[ExpertiseFactory(name="Expérimentation")],
        helpers=[helper],
    )
    CommentFactory(request=request, author=author.user, body="Notre question précise.")
    CommentFactory(request=request, author=helper.user, body="Secret : regardez la variance.")
    attachment = Attachment(
        request=request, original_name="plan.pdf", content_type="application/pdf", size=len(PDF)
    )
    attachment.file.save("attachment", ContentFile(PDF), save=False)
    attachment.save()
    return request


def test_the_author_turns_a_resolved_request_into_a_members_draft_without_private_parts(resolved):
    guide = services.guide_from_help_request(resolved, by=resolved.author.user)

    assert (guide.title, guide.status, guide.visibility, guide.author) == (
        "Plan d’expérimentation",
        "draft",
        "members",
        resolved.author,
    )
    assert guide.from_help_request == resolved
    assert "Nous voulons tester deux parcours." in guide.body
    assert "test A/B sur quatre semaines" in guide.body
    assert "variance" not in guide.body
    assert "Bruno Demandeur" not in guide.body
    assert guide.files.count() == 0
    assert [e.name for e in guide.expertises.all()] == ["Expérimentation"]
    assert guide.revisions.get().note == f"Tiré de la demande d’aide n° {resolved.pk}."


def test_chosen_parts_come_in_with_the_helpers_unnamed(resolved):
    guide = services.guide_from_help_request(
        resolved,
        by=resolved.author.user,
        include_comments=True,
        include_attachments=True,
        include_name=True,
    )

    assert "**Bruno Demandeur** :\n\nNotre question précise." in guide.body
    assert "**L’aide** :\n\nSecret : regardez la variance." in guide.body
    assert "Hélène Aidante" not in guide.body
    copy = guide.files.get()
    with copy.file.open("rb") as handle:
        content = handle.read()
    assert (copy.name, copy.content_type, content) == ("plan.pdf", "application/pdf", PDF)


def test_a_coach_needs_the_authors_consent_and_stays_within_it(resolved):
    coach = PersonFactory(coach=True).user

    with pytest.raises(services.ResourcesError, match="n’a pas donné son accord"):
        services.guide_from_help_request(resolved, by=coach)
    services.give_consent(resolved, by=resolved.author.user, allow_comments=True)
    with pytest.raises(services.ResourcesError, match="ne couvre pas : les pièces jointes"):
        services.guide_from_help_request(resolved, by=coach, include_attachments=True)
    assert Guide.objects.count() == 0

    guide = services.guide_from_help_request(resolved, by=coach, include_comments=True)
    assert "variance" in guide.body


def test_a_withdrawn_consent_no_longer_lets_a_coach_convert(resolved):
    services.give_consent(resolved, by=resolved.author.user)
    services.withdraw_consent(resolved, by=resolved.author.user)

    with pytest.raises(services.ResourcesError, match="accord"):
        services.guide_from_help_request(resolved, by=PersonFactory(coach=True).user)


def test_only_the_author_gives_consent(resolved):
    helper = resolved.assignments.get().helper

    with pytest.raises(services.ResourcesError, match="Seul son auteur"):
        services.give_consent(resolved, by=helper.user)
    assert ConversionConsent.objects.count() == 0


def test_neither_a_helper_nor_an_open_request_nor_a_second_time(resolved):
    helper = resolved.assignments.get().helper
    open_request = HelpRequestFactory(status=Status.TAKEN)

    with pytest.raises(services.ResourcesError, match="Seuls son auteur"):
        services.guide_from_help_request(resolved, by=helper.user)
    with pytest.raises(services.ResourcesError, match="résolue"):
        services.guide_from_help_request(open_request, by=open_request.author.user)
    services.guide_from_help_request(resolved, by=resolved.author.user)
    with pytest.raises(services.ResourcesError, match="déjà donné le guide"):
        services.guide_from_help_request(resolved, by=resolved.author.user)
    assert Guide.objects.count() == 1


def test_the_author_edits_and_publishes_the_guide_made_from_their_request(resolved):
    author = resolved.author.user
    guide = services.guide_from_help_request(resolved, by=author)

    services.publish_guide(guide, by=author)

    guide.refresh_from_db()
    assert guide.status == "published"


def test_the_consent_page_shows_what_will_be_published_and_records_the_choice(resolved):
    client = Client()
    client.force_login(resolved.author.user)
    url = reverse("resources:help_request_consent", args=[resolved.pk])

    plain = client.get(url).content.decode()
    preview = client.post(url, {"action": "preview", "allow_comments": "on"}).content.decode()
    given = client.post(url, {"action": "save", "allow_comments": "on"})

    assert "test A/B sur quatre semaines" in plain
    assert "variance" not in plain
    assert "variance" in preview
    assert given["Location"] == url
    consent = ConversionConsent.objects.get()
    assert (consent.allow_comments, consent.allow_attachments, consent.given_by) == (
        True,
        False,
        resolved.author,
    )


def test_a_coach_converting_without_consent_reads_why_and_nothing_is_made(resolved):
    client = Client()
    client.force_login(PersonFactory(coach=True).user)

    response = client.post(
        reverse("resources:help_request_convert", args=[resolved.pk]), {"action": "save"}
    )

    assert response.status_code == 200
    assert "n’a pas donné son accord" in response.content.decode()
    assert Guide.objects.count() == 0


def test_the_request_page_offers_the_conversion_then_shows_the_guide(resolved):
    client = Client()
    client.force_login(resolved.author.user)

    before = client.get(resolved.get_absolute_url()).content.decode()
    client.post(reverse("resources:help_request_convert", args=[resolved.pk]), {"action": "save"})
    after = client.get(resolved.get_absolute_url()).content.decode()

    assert "En faire un guide" in before
    assert "En faire un guide" not in after
    assert "Un guide en a été tiré" in after


# --- Questions -------------------------------------------------------------------------------


@pytest.fixture
def answered():
    question = QuestionFactory(
        author=PersonFactory(fellow=True, name="Chloé Questionneuse"),
        title="Quelle licence pour notre code ?",
        body="Nous hésitons entre deux licences.",
    )
    plain = AnswerFactory(question=question, body="Une réponse en passant.")
    accepted = AnswerFactory(
        question=question,
        author=PersonFactory(alumni=True, name="Arthur Répondant"),
        body="Prenez une licence à réciprocité.",
    )
    AnswerFactory(question=question, hidden=True, body="Réponse masquée hors sujet.")
    question.accepted_answer = accepted
    question.save()
    CommunityCommentFactory(question=None, answer=accepted, body="Et pour la documentation ?")
    return question, plain, accepted


def test_the_asker_turns_an_answered_question_into_a_draft_accepted_answer_first(answered):
    question, _plain, _accepted = answered

    guide = services.guide_from_question(question, by=question.author.user)

    assert (guide.title, guide.status, guide.from_question) == (
        "Quelle licence pour notre code ?",
        "draft",
        question,
    )
    assert guide.body.index("Réponse acceptée") < guide.body.index("Une réponse en passant.")
    assert "masquée" not in guide.body
    assert "Arthur Répondant" not in guide.body
    assert "Chloé Questionneuse" not in guide.body
    assert "documentation" not in guide.body
    assert guide.summary == "Prenez une licence à réciprocité."


def test_comments_and_name_come_in_when_chosen(answered):
    question, _plain, _accepted = answered

    guide = services.guide_from_question(
        question, by=question.author.user, include_comments=True, include_name=True
    )

    assert "> Et pour la documentation ?" in guide.body
    assert "Question de Chloé Questionneuse." in guide.body


def test_a_coach_turns_a_question_into_a_guide_only_with_the_askers_consent(answered):
    question, _plain, _accepted = answered
    coach = PersonFactory(coach=True).user

    with pytest.raises(services.ResourcesError, match="n’a pas donné son accord"):
        services.guide_from_question(question, by=coach)
    services.give_consent(question, by=question.author.user)
    with pytest.raises(services.ResourcesError, match="ne couvre pas : son nom"):
        services.guide_from_question(question, by=coach, include_name=True)

    assert services.guide_from_question(question, by=coach).from_question == question


def test_an_unanswered_or_hidden_question_does_not_become_a_guide():
    unanswered = QuestionFactory()
    hidden = QuestionFactory(hidden=True)
    AnswerFactory(question=hidden)

    with pytest.raises(services.ResourcesError, match="qui a une réponse"):
        services.guide_from_question(unanswered, by=unanswered.author.user)
    with pytest.raises(services.ResourcesError, match="masquée"):
        services.guide_from_question(hidden, by=hidden.author.user)
    assert Guide.objects.count() == 0


def test_the_question_page_offers_the_asker_to_make_a_guide(answered):
    question, _plain, _accepted = answered
    client = Client()
    client.force_login(question.author.user)

    page = client.get(question.get_absolute_url()).content.decode()

    assert reverse("resources:question_convert", args=[question.pk]) in page
    assert reverse("resources:question_consent", args=[question.pk]) in page
