import datetime

import pytest
from django.core import mail
from django.core.management import call_command
from django.utils import timezone

from magellan.notifications import kinds, services
from magellan.notifications.models import Frequency, Notification, NotificationPreference
from tests.factories import NotificationFactory, NotificationPreferenceFactory, UserFactory

pytestmark = pytest.mark.django_db

HOSTILE = (
    "Voir <script>alert(1)</script> et <img src=x onerror=alert(2)>"
    " puis [ce lien](javascript:alert(3))."
)


def _notify(recipients, *, kind="question_answered", actor=None, body="Une **réponse**."):
    return services.notify(
        recipients=recipients,
        kind=kind,
        title="Nouvelle réponse à « Choisir une licence »",
        body=body,
        url="/entraide/questions/1/",
        actor=actor,
    )


def test_notify_records_one_per_recipient_without_the_actor_duplicates_or_inactive_users():
    alice, bob, actor = UserFactory(), UserFactory(), UserFactory()
    inactive = UserFactory(is_active=False)

    made = _notify([alice, bob, alice, actor, inactive, None], actor=actor)

    assert sorted(n.recipient_id for n in made) == sorted([alice.pk, bob.pk])
    assert Notification.objects.count() == 2
    notification = Notification.objects.get(recipient=alice)
    assert (notification.kind, notification.title, notification.url, notification.actor) == (
        "question_answered",
        "Nouvelle réponse à « Choisir une licence »",
        "/entraide/questions/1/",
        actor,
    )
    assert notification.read_at is None


def test_notify_refuses_an_unregistered_kind():
    with pytest.raises(ValueError, match="Unknown notification kind"):
        _notify([UserFactory()], kind="nothing")
    assert Notification.objects.count() == 0


def test_notify_with_nobody_records_nothing():
    assert _notify([]) == []


def test_notify_keeps_the_title_on_one_line_for_the_email_subject(
    django_capture_on_commit_callbacks,
):
    with django_capture_on_commit_callbacks(execute=True):
        services.notify(
            recipients=[UserFactory()],
            kind="question_answered",
            title="Une\nréponse\r\n  ici",
            body="",
            url="/",
        )
    assert Notification.objects.get().title == "Une réponse ici"
    assert mail.outbox[0].subject == "Magellan — Une réponse ici"


def test_notify_truncates_a_long_title():
    [notification] = services.notify(
        recipients=[UserFactory()], kind="question_answered", title="x" * 300, body="", url="/"
    )
    notification.refresh_from_db()
    assert len(notification.title) == 255


def test_immediate_notifications_are_emailed_once_the_transaction_commits(
    django_capture_on_commit_callbacks,
):
    user = UserFactory(email="alice@example.test")

    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        _notify([user])
    assert mail.outbox == []
    for callback in callbacks:
        callback()

    [message] = mail.outbox
    assert message.to == ["alice@example.test"]
    assert message.subject == "Magellan — Nouvelle réponse à « Choisir une licence »"
    assert "Une **réponse**." in message.body
    html, mimetype = message.alternatives[0]
    assert mimetype == "text/html"
    assert "<strong>réponse</strong>" in html
    assert Notification.objects.get().emailed_at is not None


def test_the_email_links_to_the_page_on_the_site(settings, django_capture_on_commit_callbacks):
    settings.MAGELLAN_SITE_URL = "https://magellan.example.test/"
    with django_capture_on_commit_callbacks(execute=True):
        _notify([UserFactory()])
    [message] = mail.outbox
    assert "https://magellan.example.test/entraide/questions/1/" in message.body
    assert (
        'href="https://magellan.example.test/entraide/questions/1/"' in message.alternatives[0][0]
    )


def test_daily_and_never_preferences_send_no_immediate_email(django_capture_on_commit_callbacks):
    daily, never = UserFactory(), UserFactory()
    NotificationPreferenceFactory(user=daily, kind="question_answered", frequency="daily")
    NotificationPreferenceFactory(user=never, kind="question_answered", frequency="never")

    with django_capture_on_commit_callbacks(execute=True):
        _notify([daily, never])

    assert mail.outbox == []
    assert dict(Notification.objects.values_list("recipient_id", "delivery")) == {
        daily.pk: "daily",
        never.pk: "never",
    }


def test_a_kinds_default_applies_without_a_preference(django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        [notification] = _notify([UserFactory()], kind="question_in_expertise")
    assert notification.delivery == "daily"
    assert mail.outbox == []


def test_an_account_without_an_address_is_notified_on_the_page_only(
    django_capture_on_commit_callbacks,
):
    user = UserFactory(email="")
    with django_capture_on_commit_callbacks(execute=True):
        _notify([user])
    assert mail.outbox == []
    assert Notification.objects.filter(recipient=user).count() == 1


def test_sending_immediate_emails_twice_sends_once():
    [notification] = _notify([UserFactory()])
    assert services.send_immediate_emails(notification_ids=[notification.pk]) == 1
    assert services.send_immediate_emails(notification_ids=[notification.pk]) == 0
    assert len(mail.outbox) == 1


def test_hostile_markdown_is_sanitised_in_the_html_email(django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        _notify([UserFactory()], body=HOSTILE)
    html = mail.outbox[0].alternatives[0][0]
    assert "<script" not in html
    assert "onerror" not in html
    assert "javascript:" not in html


def test_the_daily_digest_gathers_each_users_daily_notifications_once():
    now = timezone.now()
    alice, bob, carol = UserFactory(), UserFactory(), UserFactory()
    NotificationFactory(recipient=alice, delivery="daily", title="Question A")
    NotificationFactory(recipient=alice, delivery="daily", title="Question B", body=HOSTILE)
    NotificationFactory(recipient=alice, delivery="immediate", title="Immédiate")
    NotificationFactory(recipient=alice, delivery="never", title="Jamais")
    NotificationFactory(recipient=alice, delivery="daily", title="Déjà lue", read_at=now)
    NotificationFactory(recipient=bob, delivery="daily", title="Question C")
    NotificationFactory(recipient=carol, delivery="daily", title="Déjà envoyée", emailed_at=now)

    assert services.send_daily_digest(now=now + datetime.timedelta(seconds=1)) == 2

    by_address = {message.to[0]: message for message in mail.outbox}
    assert set(by_address) == {alice.email, bob.email}
    alice_mail = by_address[alice.email]
    assert alice_mail.subject == "Magellan — votre récapitulatif : 2 notifications"
    assert "Question A" in alice_mail.body
    assert "Question B" in alice_mail.body
    assert "Immédiate" not in alice_mail.body
    assert "Jamais" not in alice_mail.body
    assert "Déjà lue" not in alice_mail.body
    html = alice_mail.alternatives[0][0]
    assert "<script" not in html
    assert "onerror" not in html
    assert "javascript:" not in html
    assert by_address[bob.email].subject == "Magellan — votre récapitulatif : 1 notification"

    assert services.send_daily_digest(now=now + datetime.timedelta(seconds=2)) == 0
    assert len(mail.outbox) == 2


def test_the_digest_leaves_later_notifications_for_the_next_one():
    now = timezone.now()
    NotificationFactory(delivery="daily")
    assert services.send_daily_digest(now=now - datetime.timedelta(hours=1)) == 0
    assert mail.outbox == []


def test_the_digest_command_sends_the_digests(capsys):
    NotificationFactory(delivery="daily")
    call_command("send_notification_digest")
    assert capsys.readouterr().out == "1 digest(s) sent.\n"
    assert len(mail.outbox) == 1


def test_mark_read_and_mark_all_read_touch_only_that_users_notifications():
    alice, bob = UserFactory(), UserFactory()
    first, second = NotificationFactory(recipient=alice), NotificationFactory(recipient=alice)
    others = NotificationFactory(recipient=bob)

    services.mark_read(notification=first)
    first.refresh_from_db()
    assert first.read_at is not None
    assert services.mark_all_read(user=alice) == 1
    second.refresh_from_db()
    others.refresh_from_db()
    assert second.read_at is not None
    assert others.read_at is None


def test_save_preferences_records_one_row_per_kind_and_refuses_unknown_values():
    user = UserFactory()
    services.save_preferences(user=user, frequencies={"question_answered": "never"})
    services.save_preferences(user=user, frequencies={"question_answered": "daily"})
    assert list(NotificationPreference.objects.values_list("kind", "frequency")) == [
        ("question_answered", "daily")
    ]
    with pytest.raises(ValueError):
        services.save_preferences(user=user, frequencies={"question_answered": "weekly"})
    with pytest.raises(ValueError):
        services.save_preferences(user=user, frequencies={"nothing": "daily"})


def test_the_registry_has_the_kinds_of_the_contract():
    assert {value: (str(kind.label), kind.default) for value, kind in kinds.KINDS.items()} == {
        "question_answered": ("Une réponse à ma question", Frequency.IMMEDIATE),
        "thread_activity": ("Du nouveau sur un fil que je suis", Frequency.IMMEDIATE),
        "question_in_expertise": ("Une nouvelle question dans mes expertises", Frequency.DAILY),
        "unanswered_question": (
            "Une question sans réponse dans mes expertises",
            Frequency.IMMEDIATE,
        ),
        "post_moderated": ("Une de mes contributions masquée ou rétablie", Frequency.IMMEDIATE),
        "help_request_update": ("Le suivi de mes demandes d’aide", Frequency.IMMEDIATE),
        "help_request_assigned": ("Une demande d’aide m’est confiée", Frequency.IMMEDIATE),
        "help_queue": ("Une nouvelle demande d’aide dans la file", Frequency.DAILY),
        "evaluation_report_published": (
            "Un rapport d’évaluation publié pour mon défi",
            Frequency.IMMEDIATE,
        ),
        "evaluation_report_acknowledged": (
            "Le bilan interne d’un rapport d’évaluation que j’ai écrit",
            Frequency.IMMEDIATE,
        ),
        "retrospective_submitted": ("Une équipe remet sa rétrospective", Frequency.IMMEDIATE),
        "retrospective_comment": ("Un commentaire sur une rétrospective", Frequency.DAILY),
        "retrospective_reopened": (
            "La rétrospective de mon équipe est rouverte",
            Frequency.IMMEDIATE,
        ),
        "retrospective_reminder": (
            "Le rappel de la rétrospective avant le comité",
            Frequency.IMMEDIATE,
        ),
    }
