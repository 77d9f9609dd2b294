"""The site's public URL: one setting, read at call time, used by e-mails and calendars."""

import pytest
from django.core import mail
from django.test import override_settings

from magellan.program import services
from magellan.program.ics import session_calendar
from tests.factories import PersonFactory, SessionFactory
from tests.test_production import PROD_ENV, _manage

pytestmark = pytest.mark.django_db


@override_settings(MAGELLAN_SITE_URL="https://magellan.example.gouv.fr/")
def test_registration_email_links_to_the_configured_site(django_capture_on_commit_callbacks):
    session = SessionFactory(capacity=2)
    person = PersonFactory(name="Awa")

    with django_capture_on_commit_callbacks(execute=True):
        services.register(session=session, person=person)

    body = mail.outbox[0].body
    assert f"https://magellan.example.gouv.fr{session.get_absolute_url()}" in body
    assert "localhost" not in body


@override_settings(MAGELLAN_SITE_URL="https://magellan.example.gouv.fr")
def test_ics_url_uses_the_configured_site():
    session = SessionFactory()

    ics = session_calendar(session).decode()

    assert f"URL:https://magellan.example.gouv.fr{session.get_absolute_url()}" in ics


def test_production_refuses_to_start_without_a_site_url():
    env = {k: v for k, v in PROD_ENV.items() if k != "MAGELLAN_SITE_URL"}

    result = _manage("check", env={**env, "MAGELLAN_SITE_URL": ""})

    assert result.returncode != 0
    assert "Set the MAGELLAN_SITE_URL environment variable." in result.stderr


def test_site_url_is_a_setting_of_every_environment(settings):
    from magellan.core.site import site_url

    assert settings.MAGELLAN_SITE_URL == "http://127.0.0.1:8000"
    settings.MAGELLAN_SITE_URL = "https://magellan.example.gouv.fr/"
    assert site_url() == "https://magellan.example.gouv.fr"
