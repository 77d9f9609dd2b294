import datetime

import factory

from magellan.bulletins.models import Bulletin, DigestSubscription, Mood, TeamSettings

from .directory import ChallengeFactory, CohortFactory, PersonFactory


def _this_week() -> tuple[int, int]:
    iso = datetime.date.today().isocalendar()
    return iso.year, iso.week


class BulletinFactory(factory.django.DjangoModelFactory):
    """A team's bulletin of the current ISO week (`iso_year`/`iso_week` for another)."""

    class Meta:
        model = Bulletin
        skip_postgeneration_save = True

    cohort = factory.SubFactory(CohortFactory)
    challenge = factory.SubFactory(ChallengeFactory)
    iso_year = factory.LazyFunction(lambda: _this_week()[0])
    iso_week = factory.LazyFunction(lambda: _this_week()[1])
    mood = Mood.GOOD
    priority = factory.Sequence(lambda n: f"Priorité numéro {n}")
    ups_and_downs = "La démo a plu ; le jeu de données arrive en retard."
    author = factory.SubFactory(PersonFactory, fellow=True)
    last_editor = factory.SelfAttribute("author")

    @factory.post_generation
    def in_cohort(obj: Bulletin, create: bool, extracted: object, **kwargs: object) -> None:  # noqa: N805 - factory_boy hook
        """The challenge belongs to the bulletin's cohort."""
        if create:
            obj.challenge.cohorts.add(obj.cohort)


class TeamSettingsFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = TeamSettings

    challenge = factory.SubFactory(ChallengeFactory)
    webhook_url = "https://chat.example.org/hooks/abc"


class DigestSubscriptionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = DigestSubscription

    person = factory.SubFactory(PersonFactory, fellow=True)
