import datetime

import factory
from django.utils import timezone

from magellan.indicators.models import (
    Employment,
    Maintainer,
    ProductStatus,
    SurveyAnswer,
    SurveyInvitation,
    Wave,
)
from magellan.indicators.services.surveys import hash_token

from .directory import CohortFactory, PersonFactory


class SurveyInvitationFactory(factory.django.DjangoModelFactory):
    """A sent invitation whose link's token is `token` (its hash stored), valid 30 days."""

    class Meta:
        model = SurveyInvitation
        exclude = ("token",)

    person = factory.SubFactory(PersonFactory)
    cohort = factory.SubFactory(CohortFactory)
    wave = Wave.END
    token = factory.Sequence(lambda n: f"jeton-de-test-{n}")
    token_hash = factory.LazyAttribute(lambda o: hash_token(o.token))
    sent_at = factory.LazyFunction(timezone.now)
    sent_count = 1
    expires_at = factory.LazyAttribute(lambda o: o.sent_at + datetime.timedelta(days=30))


class SurveyAnswerFactory(factory.django.DjangoModelFactory):
    """An answer (the invitation marked answered): still in the same administration."""

    class Meta:
        model = SurveyAnswer

    invitation = factory.SubFactory(
        SurveyInvitationFactory, answered_at=factory.LazyFunction(timezone.now)
    )
    employment = Employment.SAME_ADMINISTRATION
    role = "Cheffe de produit"
    product_status = ProductStatus.IN_PRODUCTION
    carried_by = "Direction du numérique"
    maintained_by = Maintainer.INTERNAL_TEAM
