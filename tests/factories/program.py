import datetime

import factory
from django.utils import timezone

from magellan.program.models import (
    Attendance,
    CalendarFeed,
    Feedback,
    Format,
    GroupingMode,
    Registration,
    RegistrationStatus,
    Session,
    SessionStatus,
)

from .directory import CohortFactory, PersonFactory


class FormatFactory(factory.django.DjangoModelFactory):
    """A format for fellows that takes registrations (`open=True`: no registration)."""

    class Meta:
        model = Format

    name = factory.Sequence(lambda n: f"Dispositif {n}")
    slug = factory.Sequence(lambda n: f"dispositif-{n}")
    audience_roles = factory.LazyFunction(lambda: ["fellow"])
    registration_required = True
    duration_minutes = 90
    preparation = "Venir avec une question."
    grouping_mode = GroupingMode.NONE
    position = 100

    class Params:
        open = factory.Trait(registration_required=False)


class SessionFactory(factory.django.DjangoModelFactory):
    """A session in ten days (`past=True`: ten days ago)."""

    class Meta:
        model = Session
        skip_postgeneration_save = True

    cohort = factory.SubFactory(CohortFactory)
    format = factory.SubFactory(FormatFactory)
    starts_at = factory.LazyFunction(
        lambda: (timezone.now() + datetime.timedelta(days=10)).replace(microsecond=0)
    )
    ends_at = factory.LazyAttribute(lambda o: o.starts_at + datetime.timedelta(minutes=90))
    place = "Salle Marianne, 20 avenue de Ségur, Paris"

    class Params:
        past = factory.Trait(
            starts_at=factory.LazyFunction(
                lambda: (timezone.now() - datetime.timedelta(days=10)).replace(microsecond=0)
            )
        )
        cancelled = factory.Trait(status=SessionStatus.CANCELLED)

    @factory.post_generation
    def facilitators(obj: Session, create: bool, extracted: object, **kwargs: object) -> None:  # noqa: N805 - factory_boy hook
        if create and extracted:
            obj.facilitators.add(*extracted)  # type: ignore[misc]


class RegistrationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Registration

    session = factory.SubFactory(SessionFactory)
    person = factory.SubFactory(PersonFactory)
    status = RegistrationStatus.REGISTERED
    position = factory.Sequence(lambda n: n + 1)

    class Params:
        waitlisted = factory.Trait(status=RegistrationStatus.WAITLISTED)


class AttendanceFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Attendance

    session = factory.SubFactory(SessionFactory, past=True)
    person = factory.SubFactory(PersonFactory)
    is_present = True


class FeedbackFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Feedback

    session = factory.SubFactory(SessionFactory, past=True)
    person = factory.SubFactory(PersonFactory)
    rating = 4
    comment = "Très utile."


class CalendarFeedFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = CalendarFeed

    person = factory.SubFactory(PersonFactory)
