"""Directory read queries: what each viewer may see of a person's challenges."""

import pytest
from django.contrib.auth.models import AnonymousUser

from magellan.directory import queries
from tests.factories import ChallengeFactory, ChallengeMembershipFactory, PersonFactory, UserFactory

pytestmark = pytest.mark.django_db


def _public_person_in_a_visible_and_a_hidden_challenge() -> object:
    person = PersonFactory(name="Awa Publique", public=True)
    ChallengeMembershipFactory(person=person, challenge=ChallengeFactory(title="Défi visible"))
    ChallengeMembershipFactory(
        person=person, challenge=ChallengeFactory(title="Défi caché", hidden=True)
    )
    return person


@pytest.mark.parametrize(
    ("viewer", "titles"),
    [
        (lambda: AnonymousUser(), ["Défi visible"]),
        (lambda: UserFactory(), ["Défi visible"]),  # signed in, no role: not a member
        (lambda: PersonFactory(fellow=True).user, ["Défi caché", "Défi visible"]),
        (lambda: UserFactory(staff=True), ["Défi caché", "Défi visible"]),
    ],
)
def test_memberships_visible_to_hides_hidden_challenges_from_non_members(
    viewer: object, titles: list[str]
) -> None:
    person = _public_person_in_a_visible_and_a_hidden_challenge()

    memberships = queries.memberships_visible_to(person, viewer())  # type: ignore[operator]

    assert [m.challenge.title for m in memberships] == titles
