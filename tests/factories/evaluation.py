import datetime
import importlib
from decimal import Decimal

import factory
from django.apps import apps as django_apps
from django.utils import timezone

from magellan.evaluation.models import (
    Action,
    ActionOwner,
    ActionReview,
    ActionStatus,
    Axis,
    AxisAssessment,
    Indicator,
    IndicatorTheme,
    IndicatorValue,
    ObjectiveStatus,
    Report,
    ReportStatus,
    Retrospective,
    RetrospectiveComment,
    RetrospectiveObjective,
)
from magellan.evaluation.queries import COMMITTEE_FORMAT_SLUG
from magellan.program.models import Format, Session

from .directory import ChallengeFactory, PhaseFactory


def committee_format() -> Format:
    """The « Comité d’évaluation » format, seeded by the program's migrations (seeded again by the
    same migration function when a transactional test's flush removed it: browser tests)."""
    found = Format.objects.filter(slug=COMMITTEE_FORMAT_SLUG).first()
    if found is None:
        migration = importlib.import_module("magellan.program.migrations.0002_seed_formats")
        migration.seed_formats(django_apps, None)
        found = Format.objects.get(slug=COMMITTEE_FORMAT_SLUG)
    return found


class CommitteeFactory(factory.django.DjangoModelFactory):
    """A challenge's evaluation committee of a phase, in ten days (`past=True`: held ten days ago).

    Pass `phase` and `challenge`; the phase's cohort is the session's."""

    class Meta:
        model = Session
        skip_postgeneration_save = True

    phase = factory.SubFactory(PhaseFactory)
    cohort = factory.SelfAttribute("phase.cohort")
    challenge = factory.SubFactory(ChallengeFactory)
    format = factory.LazyFunction(committee_format)
    starts_at = factory.LazyFunction(
        lambda: (timezone.now() + datetime.timedelta(days=10)).replace(microsecond=0)
    )
    ends_at = factory.LazyAttribute(lambda o: o.starts_at + datetime.timedelta(minutes=90))
    online_url = "https://visio.example.test/comite"

    class Params:
        past = factory.Trait(
            starts_at=factory.LazyFunction(
                lambda: (timezone.now() - datetime.timedelta(days=10)).replace(microsecond=0)
            )
        )

    @factory.post_generation
    def facilitators(obj: Session, create: bool, extracted: object, **kwargs: object) -> None:  # noqa: N805 - factory_boy hook
        if create and extracted:
            obj.facilitators.add(*extracted)  # type: ignore[misc]


class IndicatorFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Indicator

    challenge = factory.SubFactory(ChallengeFactory)
    theme = IndicatorTheme.PRODUCT
    title = factory.Sequence(lambda n: f"Indicateur {n}")
    hypothesis = "Faire une démarche en ligne va réduire les délais parce que les dossiers arrivent complets."
    measure = "Délai moyen de traitement"
    method = "Export mensuel de l’outil métier"
    unit = "jours"
    target = "Moins de 20 jours"
    target_value = Decimal("20")


class IndicatorValueFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = IndicatorValue

    indicator = factory.SubFactory(IndicatorFactory)
    measured_on = factory.Sequence(lambda n: datetime.date(2026, 1, 1) + datetime.timedelta(days=n))
    value = Decimal("42")
    source = "Tableau de bord interne"


class RetrospectiveFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Retrospective

    challenge = factory.SubFactory(ChallengeFactory)
    phase = factory.SubFactory(PhaseFactory)
    successes = "Premier prototype testé avec six agents."
    difficulties = "Accès aux données retardé."
    learnings = "Tester tôt avec les usagers."

    class Params:
        submitted = factory.Trait(
            status="submitted", submitted_at=factory.LazyFunction(timezone.now)
        )


class RetrospectiveObjectiveFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = RetrospectiveObjective

    retrospective = factory.SubFactory(RetrospectiveFactory)
    text = factory.Sequence(lambda n: f"Objectif {n}")
    status = ObjectiveStatus.PARTLY


class RetrospectiveCommentFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = RetrospectiveComment

    retrospective = factory.SubFactory(RetrospectiveFactory)
    body = "Bravo pour le travail de la phase."


class ReportFactory(factory.django.DjangoModelFactory):
    """A draft report (`published=True`: published now)."""

    class Meta:
        model = Report

    challenge = factory.SubFactory(ChallengeFactory)
    phase = factory.SubFactory(PhaseFactory)
    strengths = "Une équipe soudée et des tests réguliers."
    recommendations = "Formaliser la feuille de route de la phase suivante."

    class Params:
        published = factory.Trait(
            status=ReportStatus.PUBLISHED, published_at=factory.LazyFunction(timezone.now)
        )


class AxisAssessmentFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = AxisAssessment

    report = factory.SubFactory(ReportFactory)
    axis = Axis.ENTREPRENEURSHIP
    level = 3
    comment = "Des partenaires mobilisés."


class ActionFactory(factory.django.DjangoModelFactory):
    """An open action of a report, due in 30 days (`late=True`: due 5 days ago)."""

    class Meta:
        model = Action

    report = factory.SubFactory(ReportFactory, published=True)
    title = factory.Sequence(lambda n: f"Action {n}")
    owner = ActionOwner.TEAM
    due_date = factory.LazyFunction(lambda: timezone.localdate() + datetime.timedelta(days=30))
    status = ActionStatus.OPEN

    class Params:
        late = factory.Trait(
            due_date=factory.LazyFunction(lambda: timezone.localdate() - datetime.timedelta(days=5))
        )


class ActionReviewFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = ActionReview

    retrospective = factory.SubFactory(RetrospectiveFactory)
    action = factory.SubFactory(ActionFactory)
    status = ActionStatus.IN_PROGRESS
    comment = "Rendez-vous pris avec la DSI."
