"""Challenges and their teams, edited by coaches."""

import pytest
from django.test import Client
from django.urls import reverse

from magellan.directory import services
from magellan.directory.models import Challenge, ChallengeMembership, Role
from tests.factories import (
    AdministrationFactory,
    ChallengeFactory,
    ChallengeMembershipFactory,
    CohortFactory,
    PersonFactory,
)

pytestmark = pytest.mark.django_db


def _coach(client: Client) -> Client:
    client.force_login(PersonFactory(coach=True).user)
    return client


def _team(challenge: Challenge) -> list[tuple[str, str]]:
    return list(challenge.memberships.order_by("person__name").values_list("person__name", "role"))


def test_challenge_create_page_saves_the_challenge_and_its_cohorts(client: Client) -> None:
    cohorts = [CohortFactory(), CohortFactory()]
    admin = AdministrationFactory()

    response = _coach(client).post(
        reverse("directory:challenge_create"),
        {
            "title": "Données ouvertes des écoles",
            "summary": "Ouvrir les données.",
            "description": "## Le contexte\n\nDes écoles.",
            "administration": admin.pk,
            "town": "Lyon",
            "cohorts": [c.pk for c in cohorts],
            "is_visible": "on",
        },
    )

    challenge = Challenge.objects.get(title="Données ouvertes des écoles")
    assert response["Location"] == challenge.get_absolute_url()
    assert (challenge.slug, challenge.administration, challenge.town, challenge.is_visible) == (
        "donnees-ouvertes-des-ecoles",
        admin,
        "Lyon",
        True,
    )
    assert set(challenge.cohorts.all()) == set(cohorts)


def test_challenge_create_page_without_a_title_changes_nothing(client: Client) -> None:
    response = _coach(client).post(
        reverse("directory:challenge_create"), {"title": "", "summary": "Un résumé"}
    )

    assert response.status_code == 200
    assert response.context["form"].errors == {"title": ["Ce champ est obligatoire."]}
    assert Challenge.objects.count() == 0


def test_challenge_edit_page_changes_cohorts_and_visibility(client: Client) -> None:
    old, new = CohortFactory(), CohortFactory()
    challenge = ChallengeFactory(cohorts=[old])

    response = _coach(client).post(
        reverse("directory:challenge_edit", kwargs={"slug": challenge.slug}),
        {
            "title": challenge.title,
            "summary": "",
            "description": "",
            "administration": "",
            "town": "",
            "cohorts": [new.pk],
            "seen": services.version_of(challenge),
        },
    )

    challenge.refresh_from_db()
    assert response["Location"] == challenge.get_absolute_url()
    assert (list(challenge.cohorts.all()), challenge.is_visible, challenge.administration) == (
        [new],
        False,
        None,
    )


def test_challenge_edit_page_keeps_a_concurrent_edit_and_its_cohorts(client: Client) -> None:
    kept, typed = CohortFactory(), CohortFactory()
    challenge = ChallengeFactory(cohorts=[kept], summary="Avant", administration=None)
    seen = services.version_of(challenge)
    services.update_challenge(
        challenge=Challenge.objects.get(pk=challenge.pk), cohorts=[kept], seen=seen
    )

    response = _coach(client).post(
        reverse("directory:challenge_edit", kwargs={"slug": challenge.slug}),
        {"title": challenge.title, "summary": "Le mien", "cohorts": [typed.pk], "seen": seen},
    )

    challenge.refresh_from_db()
    assert response.status_code == 200
    assert (challenge.summary, list(challenge.cohorts.all())) == ("Avant", [kept])
    assert response.context["typed"] == [
        ("Résumé", "Le mien"),
        ("Promotions", str(typed)),
        ("Visible publiquement", "non"),
    ]


def test_team_page_adds_a_member_with_a_role(client: Client) -> None:
    challenge = ChallengeFactory()
    person = PersonFactory(name="Ada Porteuse")

    response = _coach(client).post(
        reverse("directory:challenge_team", kwargs={"slug": challenge.slug}),
        {"person": person.pk, "role": Role.PROJECT_OWNER},
    )

    assert response["Location"] == reverse(
        "directory:challenge_team", kwargs={"slug": challenge.slug}
    )
    assert _team(challenge) == [("Ada Porteuse", "project_owner")]


def test_team_page_refuses_a_repeated_role_and_a_role_outside_teams(client: Client) -> None:
    challenge = ChallengeFactory()
    person = PersonFactory(name="Ada Porteuse")
    ChallengeMembershipFactory(challenge=challenge, person=person, role=Role.FELLOW)
    url = reverse("directory:challenge_team", kwargs={"slug": challenge.slug})
    _coach(client)

    repeated = client.post(url, {"person": person.pk, "role": Role.FELLOW})
    coach_role = client.post(url, {"person": person.pk, "role": Role.COACH})

    assert repeated.context["form"].errors == {"__all__": ["Ada Porteuse est déjà EIG de ce défi."]}
    assert list(coach_role.context["form"].errors) == ["role"]
    assert _team(challenge) == [("Ada Porteuse", "fellow")]


def test_add_team_member_refuses_a_role_that_is_not_a_teams(client: Client) -> None:
    challenge = ChallengeFactory()

    with pytest.raises(services.DirectoryError) as refused:
        services.add_team_member(challenge=challenge, person=PersonFactory(), role=Role.MENTOR)

    assert str(refused.value) == (
        "L’équipe d’un défi réunit des EIG, des porteur·euses de projet et des mentor·es de défi "
        "(sponsors)."
    )
    assert challenge.memberships.count() == 0


def test_membership_delete_removes_one_member_of_this_challenge(client: Client) -> None:
    challenge = ChallengeFactory()
    leaving = ChallengeMembershipFactory(challenge=challenge, person=PersonFactory(name="Ada"))
    ChallengeMembershipFactory(challenge=challenge, person=PersonFactory(name="Bea"))
    elsewhere = ChallengeMembershipFactory()
    _coach(client)

    response = client.post(
        reverse("directory:membership_delete", kwargs={"slug": challenge.slug, "pk": leaving.pk})
    )
    other = client.post(
        reverse("directory:membership_delete", kwargs={"slug": challenge.slug, "pk": elsewhere.pk})
    )

    assert response.status_code == 302
    assert other.status_code == 404
    assert _team(challenge) == [("Bea", "fellow")]
    assert ChallengeMembership.objects.filter(pk=elsewhere.pk).exists()


def test_challenge_pages_show_edit_buttons_to_coaches_only(client: Client) -> None:
    challenge = ChallengeFactory()
    edit = reverse("directory:challenge_edit", kwargs={"slug": challenge.slug})
    team = reverse("directory:challenge_team", kwargs={"slug": challenge.slug})
    add = reverse("directory:challenge_create")

    def page(user: object) -> str:
        client.force_login(user)  # type: ignore[arg-type]
        detail = client.get(challenge.get_absolute_url()).content.decode()
        return detail + client.get(reverse("directory:challenge_list")).content.decode()

    as_fellow = page(PersonFactory(fellow=True).user)
    as_coach = page(PersonFactory(coach=True).user)

    assert (edit in as_fellow, team in as_fellow, add in as_fellow) == (False, False, False)
    assert (edit in as_coach, team in as_coach, add in as_coach) == (True, True, True)


def test_admin_membership_refuses_a_role_outside_teams_with_the_same_rule(client: Client) -> None:
    client.force_login(PersonFactory(staff_coach=True).user)
    challenge, person = ChallengeFactory(), PersonFactory()

    response = client.post(
        reverse("admin:directory_challengemembership_add"),
        {"person": person.pk, "challenge": challenge.pk, "role": Role.COACH},
    )

    assert response.status_code == 200
    assert response.context["adminform"].form.errors == {
        "role": [
            "L’équipe d’un défi réunit des EIG, des porteur·euses de projet et des mentor·es de "
            "défi (sponsors)."
        ]
    }
    assert challenge.memberships.count() == 0
