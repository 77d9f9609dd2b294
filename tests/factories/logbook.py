import datetime

import factory

from magellan.logbook.models import Entry, EntryNeed, Rating

from .directory import CohortFactory, PersonFactory


class EntryFactory(factory.django.DjangoModelFactory):
    """A fellow's entry for this month (pass `month` for another one, its first day)."""

    class Meta:
        model = Entry

    cohort = factory.SubFactory(CohortFactory)
    person = factory.SubFactory(
        PersonFactory, fellow=True, cohort=factory.SelfAttribute("..cohort")
    )
    month = factory.LazyFunction(lambda: datetime.date.today().replace(day=1))
    goals = factory.Sequence(lambda n: f"Objectif secret {n} : livrer la première version.")
    learnt = "J’ai appris à animer un atelier."


class RatingFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Rating

    entry = factory.SubFactory(EntryFactory)
    competence = factory.Sequence(lambda n: f"Compétence {n}")
    level = 2


class EntryNeedFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = EntryNeed

    entry = factory.SubFactory(EntryFactory)
    text = factory.Sequence(lambda n: f"Besoin confidentiel {n}")
