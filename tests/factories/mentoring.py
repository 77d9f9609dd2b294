import factory
from django.utils import timezone

from magellan.mentoring.models import (
    Cycle,
    CycleFeedback,
    Level,
    Mode,
    Need,
    Note,
    Offer,
    OfferExpertise,
    Proposal,
    ProposalStatus,
    Round,
    RoundStatus,
)

from .directory import CohortFactory, ExpertiseFactory, PersonFactory

WEEK = ["mon_am", "mon_pm", "tue_am", "tue_pm", "wed_am", "wed_pm", "thu_am", "thu_pm"]


class OfferFactory(factory.django.DjangoModelFactory):
    """A mentor's offer, free on weekdays; `expertise=e` (with `level`) adds that expertise."""

    class Meta:
        model = Offer
        skip_postgeneration_save = True

    person = factory.SubFactory(PersonFactory, mentor=True)
    pitch = "J’accompagne les équipes sur leurs choix techniques."
    capacity = 2
    capacity_per_quarter = 4
    availability = factory.LazyFunction(lambda: list(WEEK))
    mode = Mode.EITHER
    languages = factory.LazyFunction(lambda: ["fr"])

    @factory.post_generation
    def expertise(obj: Offer, create: bool, extracted: object, **kwargs: object) -> None:  # noqa: N805 - factory_boy hook
        if create and extracted:
            level = kwargs.get("level", Level.EXPERT)
            OfferExpertise.objects.create(offer=obj, expertise=extracted, level=level)


class NeedFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Need
        skip_postgeneration_save = True

    cohort = factory.SubFactory(CohortFactory)
    person = factory.SubFactory(
        PersonFactory, fellow=True, cohort=factory.SelfAttribute("..cohort")
    )
    main_expertise = factory.SubFactory(ExpertiseFactory)
    description = factory.Sequence(lambda n: f"Besoin confidentiel numéro {n} : cadrer une étude.")
    mode = Mode.EITHER
    availability = factory.LazyFunction(lambda: ["mon_am", "tue_pm", "thu_am"])


class RoundFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Round

    cohort = factory.SubFactory(CohortFactory)


class ProposalFactory(factory.django.DjangoModelFactory):
    """A proposal sent to a mentor (`status` to change it)."""

    class Meta:
        model = Proposal

    need = factory.SubFactory(NeedFactory)
    round = factory.SubFactory(
        RoundFactory, cohort=factory.SelfAttribute("..need.cohort"), status=RoundStatus.CONFIRMED
    )
    mentor = factory.SubFactory(PersonFactory, mentor=True)
    score = 50
    terms = factory.LazyFunction(lambda: [{"label": "expertise", "points": 50}])
    status = ProposalStatus.PROPOSED
    proposed_at = factory.LazyFunction(timezone.now)


class CycleFactory(factory.django.DjangoModelFactory):
    """A cycle in progress between a mentor and the need's person."""

    class Meta:
        model = Cycle
        skip_postgeneration_save = True

    need = factory.SubFactory(NeedFactory, status="matched")
    mentor = factory.SubFactory(PersonFactory, mentor=True)

    @factory.post_generation
    def mentees(obj: Cycle, create: bool, extracted: object, **kwargs: object) -> None:  # noqa: N805 - factory_boy hook
        if create:
            obj.mentees.set(extracted or [obj.need.person])  # type: ignore[arg-type]


class NoteFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Note

    cycle = factory.SubFactory(CycleFactory)
    author = factory.SelfAttribute("cycle.mentor")
    body = factory.Sequence(lambda n: f"Note privée {n} : piste à creuser.")


class CycleFeedbackFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = CycleFeedback

    cycle = factory.SubFactory(CycleFactory)
    person = factory.SelfAttribute("cycle.need.person")
    rating = 4
    comment = "Très utile."
