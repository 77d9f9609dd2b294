import factory

from magellan.values.models import (
    DataLicence,
    Dataset,
    Declarations,
    Status,
    Value,
    ValueStatus,
    ValueStatusChange,
)

from .directory import ChallengeFactory, PhaseFactory


class ValueStatusFactory(factory.django.DjangoModelFactory):
    """A value's status in a phase; the phase is one of the challenge's cohort's (made when needed)."""

    class Meta:
        model = ValueStatus

    phase = factory.SubFactory(PhaseFactory)
    challenge = factory.LazyAttribute(lambda o: ChallengeFactory(cohorts=[o.phase.cohort]))
    value = Value.OPEN_SOURCE
    status = Status.IN_PROGRESS
    comment = ""


class ValueStatusChangeFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = ValueStatusChange

    value_status = factory.SubFactory(ValueStatusFactory)
    status = factory.SelfAttribute("value_status.status")
    comment = factory.SelfAttribute("value_status.comment")


class DatasetFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Dataset

    challenge = factory.SubFactory(ChallengeFactory)
    title = factory.Sequence(lambda n: f"Jeu de données fictif {n}")
    url = factory.Sequence(lambda n: f"https://www.data.gouv.fr/fr/datasets/jeu-fictif-{n}/")
    licence = DataLicence.ETALAB
    data_format = "CSV"
    update_frequency = "mensuelle"


class DeclarationsFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Declarations

    challenge = factory.SubFactory(ChallengeFactory)
