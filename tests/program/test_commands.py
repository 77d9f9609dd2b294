import datetime

import pytest
from django.core import mail
from django.core.management import call_command
from django.utils import timezone

from magellan.program.tasks import send_session_email
from tests.factories import PersonFactory, RegistrationFactory, SessionFactory

pytestmark = pytest.mark.django_db


def test_send_reminders_command_reminds_tomorrows_session_once(
    capsys, django_capture_on_commit_callbacks
):
    start = timezone.localtime().replace(hour=9, minute=30, second=0, microsecond=0)
    start += datetime.timedelta(days=1)
    session = SessionFactory(starts_at=start, ends_at=start + datetime.timedelta(hours=1))
    RegistrationFactory(session=session, person=PersonFactory(name="Awa"))

    with django_capture_on_commit_callbacks(execute=True):
        call_command("send_reminders")
        call_command("send_reminders")

    assert capsys.readouterr().out == "1 session reminder(s) sent.\n0 session reminder(s) sent.\n"
    assert len(mail.outbox) == 1
    assert "Bonjour Awa," in mail.outbox[0].body


def test_send_session_email_task_skips_people_without_address():
    session = SessionFactory(title="Groupe de partage d’octobre")
    with_address = PersonFactory(name="Léa")
    without = PersonFactory(email="")

    result = send_session_email.enqueue(
        session_id=session.pk,
        person_ids=[with_address.pk, without.pk],
        subject="Vos groupes",
        template_name="program/emails/registered.txt",
    )

    assert result.return_value == 1
    assert [(m.to, m.subject) for m in mail.outbox] == [([with_address.email], "Vos groupes")]
    assert "« Groupe de partage d’octobre »" in mail.outbox[0].body


def test_session_emails_go_to_the_emails_queue():
    # The e-mail worker never waits behind a long import or grouping job (issue 7, item 26).
    assert send_session_email.queue_name == "emails"
