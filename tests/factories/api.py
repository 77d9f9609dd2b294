import datetime

import factory
from django.utils import timezone

from magellan.api.models import SCOPES, ApiToken, hash_token

from .accounts import UserFactory


class ApiTokenFactory(factory.django.DjangoModelFactory):
    """An active token with every scope, for 30 days; `raw="mgl_…"` sets its value."""

    class Meta:
        model = ApiToken

    class Params:
        raw = factory.Sequence(lambda n: f"mgl_test-token-{n:08d}")

    user = factory.SubFactory(UserFactory)
    name = factory.Sequence(lambda n: f"Jeton {n}")
    key_hash = factory.LazyAttribute(lambda o: hash_token(o.raw))
    prefix = factory.LazyAttribute(lambda o: o.raw[4:12])
    scopes = factory.LazyFunction(lambda: list(SCOPES))
    expires_at = factory.LazyFunction(lambda: timezone.now() + datetime.timedelta(days=30))
    created_by = factory.SelfAttribute("user")
