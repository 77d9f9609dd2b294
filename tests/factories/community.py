import factory

from magellan.community.models import Answer, Comment, Follow, Question, Vote

from .directory import PersonFactory


class QuestionFactory(factory.django.DjangoModelFactory):
    """A visible question by a fellow; `hidden=True` hides it (by nobody in particular)."""

    class Meta:
        model = Question

    author = factory.SubFactory(PersonFactory, fellow=True)
    title = factory.Sequence(lambda n: f"Comment choisir une licence numéro {n} ?")
    body = "Nous hésitons entre **EUPL** et MIT pour notre code."

    class Params:
        hidden = factory.Trait(is_hidden=True, hidden_reason="Hors sujet.")


class AnswerFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Answer

    question = factory.SubFactory(QuestionFactory)
    author = factory.SubFactory(PersonFactory, alumni=True)
    body = factory.Sequence(lambda n: f"Réponse numéro {n} : l’EUPL est compatible.")

    class Params:
        hidden = factory.Trait(is_hidden=True, hidden_reason="Propos déplacés.")


class CommunityCommentFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Comment

    question = factory.SubFactory(QuestionFactory)
    author = factory.SubFactory(PersonFactory, mentor=True)
    body = factory.Sequence(lambda n: f"Commentaire numéro {n}")


class VoteFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Vote

    voter = factory.SubFactory(PersonFactory, fellow=True)


class FollowFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Follow

    question = factory.SubFactory(QuestionFactory)
    person = factory.SubFactory(PersonFactory, fellow=True)
