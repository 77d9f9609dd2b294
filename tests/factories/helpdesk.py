import factory

from magellan.helpdesk.models import (
    Assignment,
    Comment,
    HelperProfile,
    HelpRequest,
    Status,
    TimelineEvent,
)

from .directory import PersonFactory


class HelperProfileFactory(factory.django.DjangoModelFactory):
    """An active helper; `expertises=[e, …]` sets what they help with."""

    class Meta:
        model = HelperProfile
        skip_postgeneration_save = True

    person = factory.SubFactory(PersonFactory, mentor=True)
    is_active = True

    @factory.post_generation
    def expertises(obj: HelperProfile, create: bool, extracted: object, **kwargs: object) -> None:  # noqa: N805 - factory_boy hook
        if create and extracted:
            obj.expertises.set(extracted)  # type: ignore[arg-type]


class HelpRequestFactory(factory.django.DjangoModelFactory):
    """A request (status "new" unless told); `expertises=[e, …]`, `helpers=[p, …]` assign them."""

    class Meta:
        model = HelpRequest
        skip_postgeneration_save = True

    author = factory.SubFactory(PersonFactory, fellow=True)
    subject = factory.Sequence(lambda n: f"Besoin d’aide n° {n}")
    description = "Nous cherchons un regard extérieur sur notre plan d’expérimentation."
    status = Status.NEW

    @factory.post_generation
    def expertises(obj: HelpRequest, create: bool, extracted: object, **kwargs: object) -> None:  # noqa: N805 - factory_boy hook
        if create and extracted:
            obj.expertises.set(extracted)  # type: ignore[arg-type]

    @factory.post_generation
    def helpers(obj: HelpRequest, create: bool, extracted: object, **kwargs: object) -> None:  # noqa: N805 - factory_boy hook
        if create and extracted:
            for helper in extracted:  # type: ignore[attr-defined]
                Assignment.objects.create(request=obj, helper=helper)


class AssignmentFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Assignment

    request = factory.SubFactory(HelpRequestFactory, status=Status.TAKEN)
    helper = factory.SubFactory(PersonFactory, mentor=True)


class CommentFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Comment

    request = factory.SubFactory(HelpRequestFactory)
    author = factory.LazyAttribute(lambda c: c.request.author.user)
    body = "Voici ce que nous avons déjà essayé."


class TimelineEventFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = TimelineEvent

    request = factory.SubFactory(HelpRequestFactory)
    kind = "opened"
