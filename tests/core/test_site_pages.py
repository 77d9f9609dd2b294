"""The State site's mandatory pages: linked from every footer, written from the settings, and a
site map that cannot drift from the URL map."""

import re
from html.parser import HTMLParser

import pytest
from django.test import Client, override_settings
from django.urls import URLPattern, URLResolver, get_resolver, reverse
from dsfr.models import DsfrConfig

from tests.factories import PersonFactory

pytestmark = pytest.mark.django_db

MANDATORY = ["core:sitemap", "core:accessibility", "core:legal_notice", "core:personal_data"]


class _Links(HTMLParser):
    """The hrefs of the links inside the first element named or classed `within` (all when empty)."""

    def __init__(self, within: str = "") -> None:
        super().__init__()
        self.within, self.depth, self.hrefs = within, 0, []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        attributes = dict(attrs)
        if self.depth:
            self.depth += 1
        elif not self.hrefs and (
            not self.within
            or tag == self.within
            or self.within in (attributes.get("class") or "").split()
        ):
            self.depth = 1
        if self.depth and tag == "a" and "href" in attributes:
            self.hrefs.append(attributes["href"])

    def handle_endtag(self, tag: str) -> None:
        if self.depth:
            self.depth -= 1


def _links(html: str, within: str = "") -> list[str]:
    parser = _Links(within)
    parser.feed(html)
    return parser.hrefs


def _text(html: str) -> str:
    return " ".join(re.sub(r"<[^>]+>", " ", html).split())


def test_footer_links_to_the_mandatory_pages() -> None:
    html = Client().get(reverse("home")).content.decode()

    assert _links(html, "fr-footer__bottom-list") == [reverse(name) for name in MANDATORY]


@pytest.mark.parametrize("name", MANDATORY)
def test_mandatory_page_answers_everyone(name: str) -> None:
    response = Client().get(reverse(name))

    assert response.status_code == 200
    assert 'aria-current="page"' in response.content.decode()


@override_settings(
    MAGELLAN_PUBLISHER="Agence X, 1 rue Y, 75000 Paris",
    MAGELLAN_PUBLICATION_DIRECTOR="Camille Z",
    MAGELLAN_HOSTING="Hébergeur W, 2 rue V, 59000 Lille",
    MAGELLAN_CONTACT_EMAIL="contact@example.gouv.fr",
)
def test_legal_notice_says_the_deployment_publisher_director_and_host() -> None:
    text = _text(Client().get(reverse("core:legal_notice")).content.decode())

    assert "Éditeur Agence X, 1 rue Y, 75000 Paris" in text
    assert "Direction de la publication Camille Z" in text
    assert "Hébergement Hébergeur W, 2 rue V, 59000 Lille" in text
    assert "contact@example.gouv.fr" in text


def test_accessibility_status_is_not_compliant_until_an_audit() -> None:
    client = Client()

    statement = _text(client.get(reverse("core:accessibility")).content.decode())

    assert "Magellan est non conforme au référentiel général" in statement
    assert "Aucun audit de conformité au RGAA n’a encore été mené" in statement
    assert "axe-core" in statement
    assert "Accessibilité : non conforme" in statement  # the footer


def test_accessibility_status_follows_the_site_configuration() -> None:
    DsfrConfig.objects.update(accessibility_status="PART")

    statement = _text(Client().get(reverse("core:accessibility")).content.decode())

    assert "Magellan est partiellement conforme au référentiel général" in statement
    assert "Accessibilité : partiellement conforme" in statement
    assert "Aucun audit" not in statement


@override_settings(
    MAGELLAN_CONTACT_EMAIL="dpo@example.gouv.fr",
    MAGELLAN_LOGIN_LOG_RETENTION_DAYS=90,
    SESSION_COOKIE_AGE=7 * 86400,
)
def test_personal_data_page_says_the_contact_and_the_retention_in_force() -> None:
    text = _text(Client().get(reverse("core:personal_data")).content.decode())

    assert "écrivez à dpo@example.gouv.fr" in text
    assert "Le journal des connexions réussies : 90 jours." in text
    assert "sessionid garde votre connexion ouverte, 7 jours au plus" in text
    assert "Les tentatives de connexion échouées : le temps du blocage" in text
    assert "15 minutes" in text


def _pages_without_arguments(patterns: list[object], prefix: str = "") -> list[str]:
    """The URL names of the project's pages that take no argument (the admin apart)."""
    names = []
    for entry in patterns:
        if isinstance(entry, URLResolver) and entry.namespace != "admin":
            namespace = f"{prefix}{entry.namespace}:" if entry.namespace else prefix
            names += _pages_without_arguments(entry.url_patterns, namespace)
        elif isinstance(entry, URLPattern) and entry.name and not entry.pattern.regex.groups:
            names.append(prefix + entry.name)
    return names


@pytest.mark.parametrize("role", ["anonymous", "fellow"])
def test_sitemap_links_every_page_a_visitor_can_open(role: str) -> None:
    client = Client()
    if role != "anonymous":
        client.force_login(PersonFactory(fellow=True).user)
    openable = set()
    for name in _pages_without_arguments(get_resolver().url_patterns):
        response = client.get(reverse(name))
        if response.status_code == 200 and response["Content-Type"].startswith("text/html"):
            openable.add(reverse(name))

    listed = set(_links(client.get(reverse("core:sitemap")).content.decode(), "main"))

    assert openable - listed == set()
    assert reverse("core:legal_notice") in openable  # the walk found pages


def test_sitemap_lists_the_main_menu_and_the_member_pages_once_signed_in() -> None:
    client = Client()
    anonymous = _links(client.get(reverse("core:sitemap")).content.decode(), "main")
    client.force_login(PersonFactory(fellow=True).user)
    member = _links(client.get(reverse("core:sitemap")).content.decode(), "main")

    menu = _links(client.get(reverse("home")).content.decode(), "fr-nav__list")
    assert set(menu) <= set(anonymous)
    assert reverse("program:feed_settings") not in anonymous
    assert reverse("accounts:login") in anonymous
    assert reverse("program:feed_settings") in member
    assert reverse("accounts:login") not in member
