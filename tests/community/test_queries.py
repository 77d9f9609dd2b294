import pytest

from magellan.community import permissions, queries
from tests.factories import (
    AnswerFactory,
    CommunityCommentFactory,
    PersonFactory,
    QuestionFactory,
    UserFactory,
)

pytestmark = pytest.mark.django_db


def test_members_see_visible_posts_hidden_ones_go_to_coaches_and_their_author():
    visible = QuestionFactory()
    hidden = QuestionFactory(hidden=True)
    answer = AnswerFactory(question=visible)
    hidden_answer = AnswerFactory(question=visible, hidden=True)
    under_hidden = AnswerFactory(question=hidden)
    member = PersonFactory(fellow=True).user
    coach = PersonFactory(coach=True).user

    assert set(queries.questions_visible_to(member)) == {visible}
    assert set(queries.answers_visible_to(member)) == {answer}
    assert set(queries.questions_visible_to(coach)) == {visible, hidden}
    assert set(queries.answers_visible_to(coach)) == {answer, hidden_answer, under_hidden}
    assert set(queries.questions_visible_to(hidden.author.user)) == {visible, hidden}
    assert set(queries.answers_visible_to(hidden_answer.author.user)) == {answer, hidden_answer}
    # The same rule as the predicates.
    for user in (member, coach, hidden.author.user, hidden_answer.author.user):
        for question in (visible, hidden):
            assert permissions.can_view_question(user, question) == (
                question in queries.questions_visible_to(user)
            )
        for post in (answer, hidden_answer, under_hidden):
            assert permissions.can_view_answer(user, post) == (
                post in queries.answers_visible_to(user)
            )


@pytest.mark.parametrize("kind", ["anonymous", "bare", "no_role"])
def test_non_members_see_nothing(kind):
    from django.contrib.auth.models import AnonymousUser

    QuestionFactory()
    AnswerFactory()
    CommunityCommentFactory()
    user = {
        "anonymous": AnonymousUser(),
        "bare": UserFactory(),
        "no_role": PersonFactory(with_account=True).user,
    }[kind]
    assert list(queries.questions_visible_to(user)) == []
    assert list(queries.answers_visible_to(user)) == []
    assert list(queries.comments_visible_to(user)) == []


def test_comments_under_hidden_posts_are_hidden_too():
    visible = CommunityCommentFactory()
    hidden_comment = CommunityCommentFactory(is_hidden=True)
    under_hidden_question = CommunityCommentFactory(question=QuestionFactory(hidden=True))
    under_hidden_answer = CommunityCommentFactory(question=None, answer=AnswerFactory(hidden=True))
    member = PersonFactory(fellow=True).user
    assert set(queries.comments_visible_to(member)) == {visible}
    coach = PersonFactory(coach=True).user
    assert set(queries.comments_visible_to(coach)) == {
        visible,
        hidden_comment,
        under_hidden_question,
        under_hidden_answer,
    }


def test_members_with_expertises_are_active_members_only():
    from tests.factories import ExpertiseFactory

    expertise = ExpertiseFactory()
    member = PersonFactory(alumni=True)
    inactive = PersonFactory(mentor=True)
    inactive.user.is_active = False
    inactive.user.save()
    outsider = PersonFactory(with_account=True)
    for person in (member, inactive, outsider):
        person.expertises.add(expertise)
    assert list(queries.members_with_expertises([expertise.pk])) == [member.user]
