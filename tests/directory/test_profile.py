"""A person edits their own profile and consent; nobody edits someone else's."""

import pytest
from django.test import Client
from django.urls import reverse

from tests.factories import ExpertiseFactory, PersonFactory, UserFactory

pytestmark = pytest.mark.django_db

URL = reverse("directory:profile_edit")


def test_profile_edit_saves_bio_links_expertises_and_consent(client: Client) -> None:
    person = PersonFactory(fellow=True, is_public=False)
    expertise = ExpertiseFactory(name="Accessibilité")
    client.force_login(person.user)

    response = client.post(
        URL,
        {
            "job_title": "Développeuse",
            "bio": "J’aime les données ouvertes.",
            "expertises": [expertise.pk],
            "linkedin_url": "https://www.linkedin.com/in/exemple",
            "github_url": "",
            "website_url": "",
            "gender": "female",
            "is_public": "on",
        },
    )

    person.refresh_from_db()
    assert response.url == person.get_absolute_url()
    assert (person.job_title, person.bio, person.gender, person.is_public) == (
        "Développeuse",
        "J’aime les données ouvertes.",
        "female",
        True,
    )
    assert list(person.expertises.all()) == [expertise]


def test_profile_edit_withdrawing_consent_hides_the_person_from_the_public(client: Client) -> None:
    person = PersonFactory(fellow=True, is_public=True)
    client.force_login(person.user)

    client.post(URL, {"job_title": "", "bio": "", "gender": ""})
    client.logout()

    assert client.get(person.get_absolute_url()).status_code == 404


def test_profile_edit_invalid_link_redisplays_and_changes_nothing(client: Client) -> None:
    person = PersonFactory(fellow=True, bio="Avant")
    client.force_login(person.user)

    response = client.post(URL, {"bio": "Après", "linkedin_url": "pas une adresse"})

    person.refresh_from_db()
    assert response.status_code == 200
    assert response.context["form"].errors["linkedin_url"] == ["Saisissez une URL valide."]
    assert response.context["form"]["bio"].value() == "Après"
    assert person.bio == "Avant"


def test_profile_edit_only_ever_edits_the_signed_in_person(client: Client) -> None:
    me, other = PersonFactory(fellow=True), PersonFactory(fellow=True, bio="Intacte")
    client.force_login(me.user)

    client.post(URL, {"bio": "Piratée", "pk": other.pk, "person": other.pk})

    other.refresh_from_db()
    me.refresh_from_db()
    assert (other.bio, me.bio) == ("Intacte", "Piratée")


def test_profile_edit_for_an_account_without_directory_entry_explains_and_saves_nothing(
    client: Client,
) -> None:
    client.force_login(UserFactory())

    response = client.post(URL, {"bio": "Perdue ?"})

    assert response.status_code == 200
    assert response.context["person"] is None
    assert "n’est relié à aucune fiche" in response.content.decode()
