import factory

from magellan.privacy.models import ErasureRequest

from .directory import PersonFactory


class ErasureRequestFactory(factory.django.DjangoModelFactory):
    """A pending request for erasure (by a fellow with an account, unless `person` is given)."""

    class Meta:
        model = ErasureRequest

    person = factory.SubFactory(PersonFactory, fellow=True)
    reason = "Je quitte la fonction publique."
