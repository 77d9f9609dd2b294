import factory
from django.utils import timezone

from magellan.resources.models import (
    Guide,
    GuideLink,
    GuidePhase,
    GuideRevision,
    GuideStatus,
    GuideUse,
    Visibility,
)

from .program import SessionFactory


class GuideFactory(factory.django.DjangoModelFactory):
    """A published public guide with its first revision; `members=True`, `draft=True`;
    `phases=[PhaseKind…]`, `expertises=[…]`."""

    class Meta:
        model = Guide
        skip_postgeneration_save = True

    title = factory.Sequence(lambda n: f"Guide fictif {n}")
    slug = factory.Sequence(lambda n: f"guide-fictif-{n}")
    summary = "Ce qu’il faut savoir avant de commencer."
    body = "## Pourquoi\n\nParce que.\n\n## Comment\n\nPas à pas."
    status = GuideStatus.PUBLISHED
    visibility = Visibility.PUBLIC
    published_at = factory.LazyFunction(timezone.now)

    class Params:
        members = factory.Trait(visibility=Visibility.MEMBERS)
        draft = factory.Trait(status=GuideStatus.DRAFT, published_at=None)

    @factory.post_generation
    def revision(obj: Guide, create: bool, extracted: object, **kwargs: object) -> None:  # noqa: N805 - factory_boy hook
        if create:
            GuideRevision.objects.create(
                guide=obj, number=obj.version, title=obj.title, summary=obj.summary, body=obj.body
            )

    @factory.post_generation
    def phases(obj: Guide, create: bool, extracted: object, **kwargs: object) -> None:  # noqa: N805 - factory_boy hook
        if create and extracted:
            for kind in extracted:  # type: ignore[attr-defined]
                GuidePhase.objects.create(guide=obj, kind=kind)

    @factory.post_generation
    def expertises(obj: Guide, create: bool, extracted: object, **kwargs: object) -> None:  # noqa: N805 - factory_boy hook
        if create and extracted:
            obj.expertises.set(extracted)  # type: ignore[arg-type]


class GuideLinkFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = GuideLink

    guide = factory.SubFactory(GuideFactory)
    label = factory.Sequence(lambda n: f"Lien {n}")
    url = factory.Sequence(lambda n: f"https://example.org/ressource-{n}")


class GuideUseFactory(factory.django.DjangoModelFactory):
    """A guide used by a session."""

    class Meta:
        model = GuideUse

    guide = factory.SubFactory(GuideFactory)
    session = factory.SubFactory(SessionFactory)
