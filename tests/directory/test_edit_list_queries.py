"""The coaches' editing pages that list things: the same queries for 1 and 3 items, each shown."""

import pytest
from django.test import Client
from django.urls import reverse

from tests.factories import (
    AdministrationAliasFactory,
    AdministrationFactory,
    ChallengeFactory,
    ChallengeMembershipFactory,
    CohortFactory,
    CohortRoleFactory,
    PersonFactory,
)
from tests.query_counts import assert_queries_do_not_grow

pytestmark = pytest.mark.django_db


def _coach(client: Client) -> None:
    client.force_login(PersonFactory(coach=True).user)


def test_team_page_queries_do_not_grow_with_members(client: Client) -> None:
    _coach(client)
    cohort = CohortFactory()
    challenge = ChallengeFactory(cohorts=[cohort])

    def make() -> str:
        person = PersonFactory(fellow=True, cohort=cohort)
        return ChallengeMembershipFactory(challenge=challenge, person=person).person.name

    url = reverse("directory:challenge_team", kwargs={"slug": challenge.slug})
    assert_queries_do_not_grow(client, url, make)


def test_roles_page_queries_do_not_grow_with_roles(client: Client) -> None:
    _coach(client)
    person = PersonFactory()

    def make() -> str:
        return str(CohortRoleFactory(person=person, cohort=CohortFactory()).cohort)

    url = reverse("directory:person_roles", kwargs={"slug": person.slug})
    assert_queries_do_not_grow(client, url, make)


def test_other_names_page_queries_do_not_grow_with_spellings(client: Client) -> None:
    _coach(client)
    administration = AdministrationFactory()
    count = iter(range(100))

    def make() -> str:
        name = f"Autre nom {next(count)}"
        return AdministrationAliasFactory(administration=administration, name=name).name

    url = reverse("directory:administration_aliases", kwargs={"slug": administration.slug})
    assert_queries_do_not_grow(client, url, make)
