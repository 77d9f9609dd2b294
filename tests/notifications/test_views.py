import pytest
from django.test import Client
from django.urls import reverse

from magellan.notifications.models import NotificationPreference
from tests.factories import NotificationFactory, PersonFactory, UserFactory
from tests.query_counts import assert_queries_do_not_grow

pytestmark = pytest.mark.django_db

HOSTILE = (
    "Voir <script>alert(1)</script> et <img src=x onerror=alert(2)>"
    " puis [ce lien](javascript:alert(3))."
)


def _client(user) -> Client:
    client = Client()
    client.force_login(user)
    return client


def test_the_list_shows_only_my_notifications_newest_first_with_the_unread_marked():
    me, other = UserFactory(), UserFactory()
    NotificationFactory(recipient=me, title="Ancienne et lue", read_at="2026-01-01T10:00Z")
    NotificationFactory(recipient=me, title="Récente")
    NotificationFactory(recipient=other, title="Pas pour moi")

    html = _client(me).get(reverse("notifications:list")).content.decode()

    assert "Pas pour moi" not in html
    assert html.index("Récente") < html.index("Ancienne et lue")
    assert html.count("Non lue") == 1


def test_hostile_markdown_is_sanitised_on_the_notifications_page():
    me = UserFactory()
    NotificationFactory(recipient=me, body=HOSTILE)
    html = _client(me).get(reverse("notifications:list")).content.decode()
    assert "<script>alert(1)" not in html
    assert "onerror" not in html
    assert "javascript:alert" not in html


def test_marking_one_read_and_all_read():
    me = UserFactory()
    first, second = NotificationFactory(recipient=me), NotificationFactory(recipient=me)
    client = _client(me)

    client.post(reverse("notifications:read", args=[first.pk]))
    first.refresh_from_db()
    second.refresh_from_db()
    assert (first.read_at is not None, second.read_at is None) == (True, True)

    client.post(reverse("notifications:read_all"))
    second.refresh_from_db()
    assert second.read_at is not None


def test_another_users_notification_cannot_be_marked_read():
    notification = NotificationFactory()
    response = _client(UserFactory()).post(reverse("notifications:read", args=[notification.pk]))
    assert response.status_code == 404
    notification.refresh_from_db()
    assert notification.read_at is None


def test_the_preferences_page_offers_three_choices_per_kind_and_saves_them():
    me = UserFactory()
    client = _client(me)
    html = client.get(reverse("notifications:preferences")).content.decode()
    assert "Tout de suite" in html
    assert "Dans un récapitulatif quotidien" in html
    assert "la notification reste affichée sur votre page de notifications" in html
    from magellan.notifications.kinds import KINDS

    # One choice of each frequency per registered kind.
    for frequency in ("immediate", "daily", "never"):
        assert html.count(f'value="{frequency}"') == len(KINDS)

    data = dict.fromkeys(KINDS, "immediate") | {"question_in_expertise": "never"}
    response = client.post(reverse("notifications:preferences"), data)
    assert response.status_code == 302
    assert NotificationPreference.objects.get(user=me, kind="question_in_expertise").frequency == (
        "never"
    )


def test_an_invalid_preference_is_redisplayed_and_nothing_saved():
    me = UserFactory()
    response = _client(me).post(reverse("notifications:preferences"), {"question_answered": "x"})
    assert response.status_code == 200
    assert NotificationPreference.objects.count() == 0


def test_the_header_shows_the_unread_count_to_signed_in_users():
    me = PersonFactory(fellow=True).user
    NotificationFactory(recipient=me)
    NotificationFactory(recipient=me)
    NotificationFactory(recipient=me, read_at="2026-01-01T10:00Z")
    html = _client(me).get(reverse("notifications:preferences")).content.decode()
    assert "Notifications (2 non lues)" in html


def test_the_header_count_costs_one_query_for_signed_in_users(django_assert_num_queries):
    from django.test import RequestFactory

    from magellan.notifications.context_processors import unread_notifications

    request = RequestFactory().get("/")
    request.user = UserFactory()
    NotificationFactory(recipient=request.user)
    context = unread_notifications(request)
    with django_assert_num_queries(1):
        assert context["unread_notification_count"]() == 1
        assert context["unread_notification_count"]() == 1


def test_the_header_count_costs_no_query_for_anonymous_visitors(django_assert_num_queries):
    from django.contrib.auth.models import AnonymousUser
    from django.test import RequestFactory

    from magellan.notifications.context_processors import unread_notifications

    request = RequestFactory().get("/")
    request.user = AnonymousUser()
    with django_assert_num_queries(0):
        assert unread_notifications(request)["unread_notification_count"]() == 0


def test_the_notifications_page_does_not_grow_queries():
    me = UserFactory()
    counter = iter(range(100))

    def make() -> str:
        return NotificationFactory(recipient=me, title=f"Notification {next(counter)}").title

    assert_queries_do_not_grow(_client(me), reverse("notifications:list"), make)
