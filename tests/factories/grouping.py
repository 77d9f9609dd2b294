import factory
from django.utils import timezone

from magellan.grouping.models import Group, Grouping, GroupingKind, GroupingStatus, GroupMember
from magellan.program.models import GroupingMode

from .directory import PersonFactory
from .program import FormatFactory, SessionFactory


class GroupingFactory(factory.django.DjangoModelFactory):
    """A draft grouping of a sharing-group session (`published=True` for published groups)."""

    class Meta:
        model = Grouping

    session = factory.SubFactory(
        SessionFactory, format=factory.SubFactory(FormatFactory, grouping_mode=GroupingMode.DIVERSE)
    )
    kind = GroupingKind.DIVERSE
    seed = 1

    class Params:
        published = factory.Trait(
            status=GroupingStatus.PUBLISHED,
            published_at=factory.LazyFunction(timezone.now),
        )


class GroupFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Group

    grouping = factory.SubFactory(GroupingFactory)
    number = factory.Sequence(lambda n: n + 1)


class GroupMemberFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = GroupMember

    group = factory.SubFactory(GroupFactory)
    grouping = factory.SelfAttribute("group.grouping")
    person = factory.SubFactory(PersonFactory)
