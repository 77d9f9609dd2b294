"""Directory pages: visibility, search, filters and query counts."""

import pytest
from django.test import Client
from django.urls import reverse

from tests.factories import (
    AdministrationAliasFactory,
    AdministrationFactory,
    ChallengeFactory,
    ChallengeMembershipFactory,
    CohortFactory,
    PersonFactory,
    ThemeFactory,
    UserFactory,
)
from tests.query_counts import assert_queries_do_not_grow

pytestmark = pytest.mark.django_db


def _login(client: Client, person: object) -> Client:
    client.force_login(person.user)  # type: ignore[attr-defined]
    return client


def _names(response: object) -> list[str]:
    return [p.name for p in response.context["page_obj"]]  # type: ignore[attr-defined]


def test_person_list_public_sees_only_consenting_people(client: Client) -> None:
    PersonFactory(name="Alice Publique", public=True)
    PersonFactory(name="Bruno Privé")

    response = client.get(reverse("directory:person_list"))

    assert _names(response) == ["Alice Publique"]


def test_person_list_member_sees_everyone(client: Client) -> None:
    fellow = PersonFactory(name="Zoé Membre", fellow=True)
    PersonFactory(name="Alice Publique", public=True)
    PersonFactory(name="Bruno Privé")

    response = _login(client, fellow).get(reverse("directory:person_list"))

    assert _names(response) == ["Alice Publique", "Bruno Privé", "Zoé Membre"]


def test_person_detail_private_person_is_404_for_the_public(client: Client) -> None:
    person = PersonFactory()

    assert client.get(person.get_absolute_url()).status_code == 404


def test_person_detail_never_shows_email_to_the_public(client: Client) -> None:
    person = PersonFactory(public=True, email="secret@example.test")

    response = client.get(person.get_absolute_url())

    assert response.status_code == 200
    assert "secret@example.test" not in response.content.decode()


def test_person_detail_shows_email_to_members(client: Client) -> None:
    fellow = PersonFactory(fellow=True)
    person = PersonFactory(email="contact@example.test")

    response = _login(client, fellow).get(person.get_absolute_url())

    assert "contact@example.test" in response.content.decode()


def test_person_list_filters_by_cohort_and_role(client: Client) -> None:
    cohort, other = CohortFactory(), CohortFactory()
    coach = PersonFactory(name="Coach", coach=True, cohort=cohort)
    PersonFactory(name="Ève EIG", fellow=True, cohort=cohort)
    PersonFactory(name="Félix EIG ailleurs", fellow=True, cohort=other)

    url = reverse("directory:person_list")
    response = _login(client, coach).get(url, {"cohort": cohort.slug, "role": "fellow"})

    assert _names(response) == ["Ève EIG"]


def test_person_list_filters_by_profession_and_text(client: Client) -> None:
    coach = PersonFactory(name="Coach", coach=True)
    PersonFactory(name="Dana Designer", profession="design")
    PersonFactory(name="Dana Dev", profession="development")

    response = _login(client, coach).get(
        reverse("directory:person_list"), {"q": "dana", "profession": "design"}
    )

    assert _names(response) == ["Dana Designer"]


def test_person_list_invalid_filter_shows_errors_and_everything(client: Client) -> None:
    PersonFactory(name="Alice Publique", public=True)

    response = client.get(reverse("directory:person_list"), {"role": "pirate"})

    assert response.status_code == 200
    assert response.context["form"].errors["role"]
    assert _names(response) == ["Alice Publique"]


def test_challenge_list_hides_hidden_challenges_from_the_public(client: Client) -> None:
    ChallengeFactory(title="Visible")
    ChallengeFactory(title="Caché", hidden=True)

    response = client.get(reverse("directory:challenge_list"))

    assert [c.title for c in response.context["page_obj"]] == ["Visible"]


def test_challenge_list_filters_by_cohort_administration_theme_and_text(client: Client) -> None:
    cohort = CohortFactory()
    administration = AdministrationFactory(name="Agence des données")
    theme = ThemeFactory(name="Santé")
    ChallengeFactory(
        title="Boussole santé", cohorts=[cohort], administration=administration, themes=[theme]
    )
    ChallengeFactory(title="Boussole ailleurs", cohorts=[cohort])
    ChallengeFactory(title="Autre", administration=administration, themes=[theme])

    params = {
        "q": "boussole",
        "cohort": cohort.slug,
        "administration": administration.slug,
        "theme": theme.slug,
    }
    response = client.get(reverse("directory:challenge_list"), params)

    assert [c.title for c in response.context["page_obj"]] == ["Boussole santé"]


def test_challenge_detail_public_sees_only_consenting_team_members(client: Client) -> None:
    challenge = ChallengeFactory()
    ChallengeMembershipFactory(
        challenge=challenge, person=PersonFactory(name="Publique", public=True)
    )
    ChallengeMembershipFactory(challenge=challenge, person=PersonFactory(name="Privée"))

    response = client.get(challenge.get_absolute_url())

    assert [m.person.name for m in response.context["team"]] == ["Publique"]


def test_challenge_detail_escapes_html_in_markdown(client: Client) -> None:
    challenge = ChallengeFactory(description="## Titre\n\n<script>alert(1)</script>")

    html = client.get(challenge.get_absolute_url()).content.decode()

    assert "<h2>Titre</h2>" in html
    assert "<script>alert(1)</script>" not in html


def test_list_pages_paginate(client: Client, settings: object) -> None:
    settings.MAGELLAN_PAGE_SIZE = 2  # type: ignore[attr-defined]
    for index in range(5):
        ChallengeFactory(title=f"Défi {index}")

    response = client.get(reverse("directory:challenge_list"), {"page": 3})

    assert [c.title for c in response.context["page_obj"]] == ["Défi 4"]
    assert response.context["page_obj"].paginator.num_pages == 3


def test_home_for_a_member_shows_their_cohort_and_challenge(client: Client) -> None:
    cohort = CohortFactory()
    fellow = PersonFactory(fellow=True, cohort=cohort)
    challenge = ChallengeFactory(title="Mon défi", cohorts=[cohort])
    ChallengeMembershipFactory(person=fellow, challenge=challenge)

    response = _login(client, fellow).get(reverse("home"))

    assert [m.challenge.title for m in response.context["memberships"]] == ["Mon défi"]
    assert [r.cohort for r in response.context["roles"]] == [cohort]


def test_home_for_the_public_lists_current_challenges(client: Client) -> None:
    cohort = CohortFactory()
    ChallengeFactory(title="En cours", cohorts=[cohort])
    ChallengeFactory(title="Passé", cohorts=[CohortFactory(past=True)])

    response = client.get(reverse("home"))

    assert [c.title for c in response.context["challenges"]] == ["En cours"]


def _challenge_in(cohort: object, theme: object) -> str:
    return ChallengeFactory(cohorts=[cohort], themes=[theme]).title


LIST_PAGES = {
    # page: a maker of one more item it lists, given a current cohort and a theme
    "directory:challenge_list": _challenge_in,
    "directory:person_list": lambda cohort, theme: (
        PersonFactory(public=True, fellow=True, cohort=cohort).name
    ),
    "directory:administration_list": lambda cohort, theme: ChallengeFactory().administration.name,
    "directory:cohort_list": lambda cohort, theme: str(CohortFactory()),
    "home": _challenge_in,  # the current cohort's challenges
}


@pytest.mark.parametrize("url_name", LIST_PAGES)
def test_list_pages_query_count_does_not_grow_with_items(client: Client, url_name: str) -> None:
    cohort, theme = CohortFactory(), ThemeFactory()
    _login(client, PersonFactory(coach=True, cohort=cohort))

    assert_queries_do_not_grow(
        client, reverse(url_name), lambda: LIST_PAGES[url_name](cohort, theme)
    )


def test_pages_are_in_french_whatever_the_browser_language(client: Client) -> None:
    response = client.get(
        reverse("directory:challenge_list"), headers={"accept-language": "en-US,en;q=0.9"}
    )

    html = response.content.decode()
    assert '<html lang="fr"' in html
    assert "(Optional)" not in html
    assert "Toutes" in html


def test_administration_list_searches_names_acronyms_and_aliases(client: Client) -> None:
    dinum = AdministrationFactory(name="Direction interministérielle du numérique", acronym="DINUM")
    AdministrationAliasFactory(administration=dinum, name="Etalab")
    AdministrationFactory(name="Agence fictive")

    for text in ("numérique", "dinum", "etalab"):
        response = client.get(reverse("directory:administration_list"), {"q": text})
        assert [a.name for a in response.context["page_obj"]] == [dinum.name], text


@pytest.mark.parametrize("page", ["cohort", "administration", "challenge"])
def test_detail_pages_with_lists_query_count_does_not_grow_with_items(
    client: Client, page: str
) -> None:
    _login(client, PersonFactory(coach=True))
    cohort = CohortFactory()
    administration = AdministrationFactory()
    challenge = ChallengeFactory(cohorts=[cohort], administration=administration)
    url = {"cohort": cohort, "administration": administration, "challenge": challenge}[page]

    def make() -> str:
        listed = ChallengeFactory(
            cohorts=[cohort], administration=administration, themes=[ThemeFactory()]
        )
        member = ChallengeMembershipFactory(
            challenge=challenge, person=PersonFactory(fellow=True, cohort=cohort)
        )
        return member.person.name if page == "challenge" else listed.title

    assert_queries_do_not_grow(client, url.get_absolute_url(), make)


def _person_in_a_visible_and_a_hidden_challenge() -> object:
    person = PersonFactory(name="Awa Publique", public=True)
    ChallengeMembershipFactory(person=person, challenge=ChallengeFactory(title="Défi visible"))
    ChallengeMembershipFactory(
        person=person, challenge=ChallengeFactory(title="Défi caché", hidden=True)
    )
    return person


def test_person_detail_hides_a_hidden_challenge_from_non_members(client: Client) -> None:
    person = _person_in_a_visible_and_a_hidden_challenge()
    url = person.get_absolute_url()  # type: ignore[attr-defined]
    signed_in_without_role = Client()
    signed_in_without_role.force_login(UserFactory())

    for viewer in (client, signed_in_without_role):
        html = viewer.get(url).content.decode()
        assert "Défi visible" in html
        assert "Défi caché" not in html


def test_person_detail_shows_a_hidden_challenge_to_members(client: Client) -> None:
    person = _person_in_a_visible_and_a_hidden_challenge()

    response = _login(client, PersonFactory(fellow=True)).get(person.get_absolute_url())  # type: ignore[attr-defined]

    assert [m.challenge.title for m in response.context["memberships"]] == [
        "Défi caché",
        "Défi visible",
    ]
