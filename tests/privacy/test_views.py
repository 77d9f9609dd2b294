import json
import re

import pytest
from axes.models import AccessFailureLog, AccessLog
from django.test import Client, override_settings
from django.urls import reverse

from magellan.privacy.models import Erasure, ErasureRequest, ErasureStatus
from tests.factories import ErasureRequestFactory, FeedbackFactory, PersonFactory, UserFactory
from tests.query_counts import assert_queries_do_not_grow

pytestmark = pytest.mark.django_db


def _client(user: object) -> Client:
    client = Client()
    client.force_login(user)
    return client


def test_the_json_export_is_a_download_of_everything() -> None:
    person = PersonFactory(fellow=True, name="Inès Export")
    FeedbackFactory(person=person, comment="Très utile.")
    response = _client(person.user).get(reverse("privacy:export_json"))
    assert response["Content-Disposition"] == 'attachment; filename="mes-donnees-magellan.json"'
    data = json.loads(response.content)
    assert data["Annuaire"]["Fiche"]["Nom"] == "Inès Export"
    assert data["Séances"]["Avis"][0]["Commentaire"] == "Très utile."


def test_the_export_is_only_about_oneself() -> None:
    me = PersonFactory(fellow=True, name="Moi Même")
    PersonFactory(fellow=True, name="Autre Personne")
    text = _client(me.user).get(reverse("privacy:export_json")).content.decode()
    assert "Moi Même" in text
    assert "Autre Personne" not in text


def test_an_account_without_a_person_exports_its_account_and_its_logins() -> None:
    user = UserFactory(email="seul@example.gouv.fr")
    AccessLog.objects.create(
        username="Seul@example.gouv.fr", ip_address="192.0.2.7", user_agent="Firefox"
    )
    AccessLog.objects.create(username="autre@example.gouv.fr", ip_address="192.0.2.8")
    AccessFailureLog.objects.create(
        username="seul@example.gouv.fr", ip_address="192.0.2.9", user_agent="Lynx"
    )
    data = _client(user).get(reverse("privacy:export_json")).json()
    account = data["Compte"]
    assert list(data) == ["Compte"]
    assert account["Compte"] == {
        "Adresse e-mail": "seul@example.gouv.fr",
        "Date d’inscription": account["Compte"]["Date d’inscription"],
        "Dernière connexion": account["Compte"]["Dernière connexion"],
        "Actif": True,
    }
    # force_login itself is a login axes records (without an address, in tests).
    assert [(c["Adresse IP"], c["Navigateur"]) for c in account["Connexions réussies"]][1:] == [
        ("192.0.2.7", "Firefox")
    ]
    assert [(c["Adresse IP"], c["Navigateur"]) for c in account["Connexions échouées"]] == [
        ("192.0.2.9", "Lynx")
    ]


def test_the_readable_page_shows_the_sections() -> None:
    person = PersonFactory(fellow=True, name="Inès Export", bio="Cartographe.")
    text = _client(person.user).get(reverse("privacy:export_html")).content.decode()
    assert "<h2>Annuaire</h2>" in text
    assert "Cartographe." in text


def test_the_request_needs_the_confirmation_box() -> None:
    person = PersonFactory(fellow=True)
    response = _client(person.user).post(reverse("privacy:erasure_request"), {"reason": "x"})
    assert response.status_code == 200
    assert "Ce champ est obligatoire" in response.content.decode()
    assert ErasureRequest.objects.count() == 0


def test_a_request_is_recorded_and_shown_as_pending() -> None:
    person = PersonFactory(fellow=True)
    client = _client(person.user)
    response = client.post(
        reverse("privacy:erasure_request"), {"confirm": "on", "reason": "Je pars."}, follow=True
    )
    assert "Votre demande d’effacement est enregistrée" in response.content.decode()
    assert ErasureRequest.objects.get().reason == "Je pars."
    text = client.get(reverse("privacy:home")).content.decode()
    assert "en attente de l’équipe du programme" in text
    assert reverse("privacy:erasure_request") not in text
    again = client.post(reverse("privacy:erasure_request"), {"confirm": "on"}, follow=True)
    assert "déjà en attente" in again.content.decode()
    assert ErasureRequest.objects.count() == 1


def test_a_refusal_without_a_reason_is_redisplayed_and_changes_nothing() -> None:
    request = ErasureRequestFactory()
    coach = _client(PersonFactory(coach=True).user)
    response = coach.post(reverse("privacy:erasure_refuse", args=[request.pk]), {"reason": ""})
    assert response.status_code == 400
    assert "Ce champ est obligatoire" in response.content.decode()
    request.refresh_from_db()
    assert request.status == ErasureStatus.PENDING


def test_a_coach_confirms_and_the_person_is_erased() -> None:
    request = ErasureRequestFactory(person=PersonFactory(fellow=True, name="Zoé Oubliée"))
    coach = _client(PersonFactory(coach=True).user)
    response = coach.post(reverse("privacy:erasure_confirm", args=[request.pk]), follow=True)
    text = response.content.decode()
    assert "Les données de la personne sont effacées." in text
    assert "Zoé Oubliée" not in text
    assert Erasure.objects.get().person == request.person
    twice = coach.post(reverse("privacy:erasure_confirm", args=[request.pk]), follow=True)
    assert "déjà été traitée" in twice.content.decode()


def test_the_request_list_does_not_grow_its_queries() -> None:
    coach = _client(PersonFactory(coach=True).user)

    def make() -> str:
        return ErasureRequestFactory().person.name

    assert_queries_do_not_grow(coach, reverse("privacy:erasure_list"), make)


@override_settings(
    MAGELLAN_ALUMNI_RETENTION_YEARS=4,
    MAGELLAN_RETENTION_WARNING_DAYS=45,
    MAGELLAN_CALENDAR_FEED_INACTIVE_DAYS=200,
    MAGELLAN_API_TOKEN_PURGE_DAYS=60,
)
def test_the_privacy_page_states_the_retention_in_force_and_links_my_data() -> None:
    text = " ".join(
        re.sub(
            r"<[^>]+>", " ", Client().get(reverse("core:personal_data")).content.decode()
        ).split()
    )
    assert (
        "ne se sont pas connectés depuis 4 ans sont prévenus par e-mail, puis anonymisés 45 jours plus tard"
        in text
    )
    assert "sans connexion depuis 200 jours" in text
    assert "Un jeton d’API révoqué ou expiré : supprimé 60 jours plus tard." in text
    assert (
        "Les données des candidat·es aux appels à projets relèveront du futur module de recrutement"
        in text
    )
    assert (
        f'href="{reverse("privacy:home")}"'
        in Client().get(reverse("core:personal_data")).content.decode()
    )


def test_coaches_find_the_pending_requests_from_my_data() -> None:
    ErasureRequestFactory()
    coach = _client(PersonFactory(coach=True).user).get(reverse("privacy:home")).content.decode()
    fellow = _client(PersonFactory(fellow=True).user).get(reverse("privacy:home")).content.decode()
    assert "1 demande d’effacement en attente" in coach
    assert reverse("privacy:erasure_list") in coach
    assert reverse("privacy:erasure_list") not in fellow
