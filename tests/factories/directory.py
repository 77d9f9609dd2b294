import datetime

import factory

from magellan.directory.models import (
    Administration,
    AdministrationAlias,
    Challenge,
    ChallengeLink,
    ChallengeMembership,
    Cohort,
    CohortRole,
    Expertise,
    LinkKind,
    Person,
    Phase,
    PhaseKind,
    Profession,
    Role,
    Theme,
)

from .accounts import UserFactory


class CohortFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Cohort

    number = factory.Sequence(lambda n: 100 + n)
    slug = factory.LazyAttribute(lambda o: f"promotion-{o.number}")
    start_date = factory.LazyFunction(lambda: datetime.date.today() - datetime.timedelta(days=60))
    end_date = factory.LazyAttribute(lambda o: o.start_date + datetime.timedelta(days=300))

    class Params:
        past = factory.Trait(
            start_date=factory.LazyFunction(
                lambda: datetime.date.today() - datetime.timedelta(days=700)
            ),
        )


class PhaseFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Phase

    cohort = factory.SubFactory(CohortFactory)
    kind = PhaseKind.VALIDATE
    start_date = factory.SelfAttribute("cohort.start_date")
    end_date = factory.LazyAttribute(lambda o: o.start_date + datetime.timedelta(days=70))


class AdministrationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Administration

    name = factory.Sequence(lambda n: f"Administration fictive {n}")
    slug = factory.Sequence(lambda n: f"administration-fictive-{n}")


class AdministrationAliasFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = AdministrationAlias

    administration = factory.SubFactory(AdministrationFactory)
    name = factory.Sequence(lambda n: f"Autre nom {n}")


class ThemeFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Theme

    name = factory.Sequence(lambda n: f"Thème {n}")
    slug = factory.Sequence(lambda n: f"theme-{n}")


class ExpertiseFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Expertise

    name = factory.Sequence(lambda n: f"Expertise {n}")
    slug = factory.Sequence(lambda n: f"expertise-{n}")


class ChallengeFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Challenge
        skip_postgeneration_save = True

    title = factory.Sequence(lambda n: f"Défi {n}")
    slug = factory.Sequence(lambda n: f"defi-{n}")
    summary = "Un défi d’intérêt général."
    administration = factory.SubFactory(AdministrationFactory)

    class Params:
        hidden = factory.Trait(is_visible=False)

    @factory.post_generation
    def cohorts(obj: Challenge, create: bool, extracted: object, **kwargs: object) -> None:  # noqa: N805
        if create and extracted:
            obj.cohorts.add(*extracted)  # type: ignore[misc]

    @factory.post_generation
    def themes(obj: Challenge, create: bool, extracted: object, **kwargs: object) -> None:  # noqa: N805
        if create and extracted:
            obj.themes.add(*extracted)  # type: ignore[misc]


class ChallengeLinkFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = ChallengeLink

    challenge = factory.SubFactory(ChallengeFactory)
    kind = LinkKind.REPOSITORY
    label = "Code source"
    url = factory.Sequence(lambda n: f"https://git.example.test/defi-{n}")


def _role_in(role: str) -> factory.RelatedFactory:
    """A CohortRole of the person, in the `cohort` param or a new cohort."""
    return factory.RelatedFactory(
        "tests.factories.directory.CohortRoleFactory",
        factory_related_name="person",
        role=role,
        cohort=factory.LazyAttribute(lambda o: o.factory_parent.cohort or CohortFactory()),
    )


class PersonFactory(factory.django.DjangoModelFactory):
    """A person; Traits give them an account and a role: `PersonFactory(fellow=True, cohort=c)`."""

    class Meta:
        model = Person
        skip_postgeneration_save = True

    name = factory.Sequence(lambda n: f"Personne Fictive {n}")
    slug = factory.Sequence(lambda n: f"personne-fictive-{n}")
    email = factory.Sequence(lambda n: f"personne{n}@example.test")
    profession = Profession.DEVELOPMENT
    is_public = False

    class Params:
        cohort = None
        with_account = factory.Trait(
            user=factory.SubFactory(UserFactory, email=factory.SelfAttribute("..email"))
        )
        public = factory.Trait(is_public=True)
        fellow = factory.Trait(with_account=True, fellow_role=_role_in(Role.FELLOW))
        # A coach by their cohort role only: the `Role.COACH` branch of the permissions.
        coach = factory.Trait(
            with_account=True,
            profession=Profession.COACHING,
            coach_role=_role_in(Role.COACH),
        )
        # A coach who also manages the directory through the admin: their account is staff.
        staff_coach = factory.Trait(
            user=factory.SubFactory(
                UserFactory, email=factory.SelfAttribute("..email"), staff=True
            ),
            profession=Profession.COACHING,
            coach_role=_role_in(Role.COACH),
        )
        project_owner = factory.Trait(
            with_account=True,
            profession=Profession.PUBLIC_MANAGEMENT,
            owner_role=_role_in(Role.PROJECT_OWNER),
        )
        sponsor = factory.Trait(with_account=True, sponsor_role=_role_in(Role.SPONSOR))
        mentor = factory.Trait(with_account=True, mentor_role=_role_in(Role.MENTOR))
        alumni = factory.Trait(with_account=True, alumni_role=_role_in(Role.ALUMNI))


class CohortRoleFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = CohortRole

    person = factory.SubFactory(PersonFactory)
    cohort = factory.SubFactory(CohortFactory)
    role = Role.FELLOW


class ChallengeMembershipFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = ChallengeMembership

    person = factory.SubFactory(PersonFactory)
    challenge = factory.SubFactory(ChallengeFactory)
    role = Role.FELLOW
