import factory

from magellan.notifications.models import Frequency, Notification, NotificationPreference

from .accounts import UserFactory


class NotificationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Notification

    recipient = factory.SubFactory(UserFactory)
    kind = "question_answered"
    title = factory.Sequence(lambda n: f"Nouvelle réponse numéro {n}")
    body = "Une réponse **utile**."
    url = "/entraide/"
    delivery = Frequency.IMMEDIATE


class NotificationPreferenceFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = NotificationPreference

    user = factory.SubFactory(UserFactory)
    kind = "question_answered"
    frequency = Frequency.DAILY
