import datetime

import factory

from magellan.recruitment.models import (
    Application,
    Assignment,
    Call,
    CallKind,
    ChallengeDossier,
    Checklist,
    ChecklistItem,
    ChecklistTemplate,
    Conflict,
    Criterion,
    Responsible,
    Review,
    Reviewer,
    ReviewerKind,
    Score,
    Stage,
    TemplateItem,
    Wish,
)

from .directory import ChallengeFactory, CohortFactory, PersonFactory


class CallFactory(factory.django.DjangoModelFactory):
    """An open call for fellows (`kind=CallKind.CHALLENGES` for a call for challenges)."""

    class Meta:
        model = Call

    cohort = factory.SubFactory(CohortFactory)
    kind = CallKind.FELLOWS
    title = factory.Sequence(lambda n: f"Appel n° {n}")
    opens_on = datetime.date(2027, 1, 4)
    closes_on = datetime.date(2027, 3, 1)
    status = "open"
    retention_days = 180


class CriterionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Criterion

    call = factory.SubFactory(CallFactory)
    stage = Stage.PRESELECTION
    label = factory.Sequence(lambda n: f"Critère {n}")
    position = factory.Sequence(lambda n: n)


class ChallengeDossierFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = ChallengeDossier

    call = factory.SubFactory(CallFactory, kind=CallKind.CHALLENGES)
    title = factory.Sequence(lambda n: f"Projet n° {n}")
    administration_name = "Ministère de l’Exemple"
    problem = "Les usagers attendent trop longtemps."
    status = "submitted"


class ApplicationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Application

    call = factory.SubFactory(CallFactory)
    reference = factory.Sequence(lambda n: f"C-{n:05d}")
    first_name = "Alex"
    last_name = factory.Sequence(lambda n: f"Candidat{n}")
    email = factory.Sequence(lambda n: f"candidat{n}@exemple.fr")
    profession = "development"
    motivation = "Servir l’intérêt général."


class WishFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Wish

    application = factory.SubFactory(ApplicationFactory)
    challenge = factory.SubFactory(ChallengeFactory)
    rank = 1


class ReviewerFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Reviewer

    call = factory.SubFactory(CallFactory)
    user = factory.LazyFunction(lambda: PersonFactory(coach=True).user)
    kind = ReviewerKind.COACH


class ConflictFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Conflict

    reviewer = factory.SubFactory(ReviewerFactory)
    application = factory.SubFactory(ApplicationFactory)


class ReviewAssignmentFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Assignment

    reviewer = factory.SubFactory(ReviewerFactory)
    stage = Stage.PRESELECTION
    application = factory.SubFactory(ApplicationFactory)


class ReviewFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Review

    assignment = factory.SubFactory(ReviewAssignmentFactory)


class ScoreFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Score

    review = factory.SubFactory(ReviewFactory)
    criterion = factory.SubFactory(CriterionFactory)
    value = 3


class ChecklistTemplateFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = ChecklistTemplate

    name = factory.Sequence(lambda n: f"Arrivée d’un ou une EIG ({n})")
    audience = "fellow"


class TemplateItemFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = TemplateItem

    template = factory.SubFactory(ChecklistTemplateFactory)
    section = "Environnement de travail"
    label = factory.Sequence(lambda n: f"Étape {n}")
    responsible = Responsible.HOST
    due_days = 0


class ChecklistFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Checklist

    person = factory.SubFactory(PersonFactory, fellow=True)
    cohort = factory.SubFactory(CohortFactory)
    audience = "fellow"
    arrival_date = datetime.date(2027, 9, 6)


class ChecklistItemFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = ChecklistItem

    checklist = factory.SubFactory(ChecklistFactory)
    section = "Environnement de travail"
    label = factory.Sequence(lambda n: f"Étape {n}")
    responsible = Responsible.HOST
    due_date = datetime.date(2027, 9, 13)


__all__ = [
    "ApplicationFactory",
    "CallFactory",
    "ChallengeDossierFactory",
    "ChecklistFactory",
    "ChecklistItemFactory",
    "ChecklistTemplateFactory",
    "ConflictFactory",
    "CriterionFactory",
    "ReviewAssignmentFactory",
    "ReviewFactory",
    "ReviewerFactory",
    "ScoreFactory",
    "TemplateItemFactory",
    "WishFactory",
]
