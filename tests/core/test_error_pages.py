"""Error pages: the State design system and French (DEBUG is False in the test settings)."""

import pytest
from django.conf import settings
from django.test import Client, RequestFactory
from django.urls import reverse
from django.views.defaults import server_error

from tests.factories import UserFactory


def test_settings_render_the_error_templates() -> None:
    assert settings.DEBUG is False


@pytest.mark.django_db
def test_404_renders_the_french_dsfr_page(client: Client) -> None:
    response = client.get("/cette-page-n-existe-pas/")

    html = response.content.decode()
    assert response.status_code == 404
    assert '<html lang="fr"' in html
    assert 'class="fr-header"' in html
    assert "<h1>Page non trouvée</h1>" in html
    assert "Erreur 404" in html
    assert "Not Found" not in html


@pytest.mark.django_db
def test_403_renders_the_french_dsfr_page(client: Client) -> None:
    client.force_login(UserFactory())  # an account without a role in the program

    response = client.get(reverse("program:my_sessions"))

    html = response.content.decode()
    assert response.status_code == 403
    assert 'class="fr-header"' in html
    assert "<h1>Accès refusé</h1>" in html
    assert "Erreur 403" in html
    assert "Forbidden" not in html


def test_500_renders_the_french_dsfr_page_without_the_database() -> None:
    # No django_db mark: any database access here would raise.
    response = server_error(RequestFactory().get("/"))

    html = response.content.decode()
    assert response.status_code == 500
    assert '<html lang="fr"' in html
    assert 'class="fr-header"' in html
    assert "<h1>Erreur inattendue</h1>" in html
    assert "Erreur 500" in html
    assert 'href="/"' in html
