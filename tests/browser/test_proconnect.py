"""A full ProConnect login and logout in a real browser, against the test OpenID provider
(tests/oidc_provider), and axe-core on the login page with the ProConnect button."""

from pathlib import Path
from typing import Any

import pytest
from django.urls import reverse

from tests.factories import PersonFactory
from tests.oidc_provider import configure, provider

from .conftest import axe_violations

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_proconnect_login_and_logout(page: Any, live_server: Any, settings: Any) -> None:
    configure(settings, provider())
    PersonFactory(fellow=True, email="agathe.testeuse@example.test")

    page.goto(live_server.url + reverse("accounts:login"))
    page.get_by_role("button", name="S’identifier avec ProConnect").click()
    page.get_by_label("Adresse électronique").fill("Agathe.Testeuse@example.test")
    page.get_by_role("button", name="Continuer").click()
    page.wait_for_url(live_server.url + reverse("home"))

    assert page.get_by_text("Vous êtes connecté·e avec ProConnect.").is_visible()

    page.get_by_role("button", name="Se déconnecter").first.click()
    page.wait_for_url(live_server.url + reverse("home"))

    assert page.get_by_text("Vous êtes déconnecté·e de Magellan et de ProConnect.").is_visible()
    # The provider's session ended too: signing in again asks for the address again.
    page.goto(live_server.url + reverse("accounts:login"))
    page.get_by_role("button", name="S’identifier avec ProConnect").click()
    assert page.get_by_label("Adresse électronique").is_visible()


def test_an_unknown_address_is_told_on_the_login_page(
    page: Any, live_server: Any, settings: Any
) -> None:
    configure(settings, provider())

    page.goto(live_server.url + reverse("accounts:login"))
    page.get_by_role("button", name="S’identifier avec ProConnect").click()
    page.get_by_label("Adresse électronique").fill("inconnu@example.test")
    page.get_by_role("button", name="Continuer").click()
    page.wait_for_url(live_server.url + reverse("accounts:login"))

    assert page.get_by_text(
        "Aucun compte Magellan actif n’a l’adresse inconnu@example.test."
    ).is_visible()
    assert page.get_by_role("button", name="Se connecter").last.is_visible()


def test_the_login_page_with_the_proconnect_button_has_no_accessibility_violations(
    page: Any, live_server: Any, settings: Any, axe_path: Path
) -> None:
    configure(settings, provider())

    page.goto(live_server.url + reverse("accounts:login"))

    assert page.get_by_role("button", name="S’identifier avec ProConnect").is_visible()
    assert axe_violations(page, axe_path) == []
