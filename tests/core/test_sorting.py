"""Names sort as a French reader expects: accents and case do not push « Sémaphore » after « Source »."""

import pytest
from django.test import Client
from django.urls import reverse

from magellan.core.sorting import name_key
from magellan.directory.models import Administration, Challenge, ChallengeMembership, Person
from tests.factories import (
    AdministrationFactory,
    ChallengeFactory,
    ChallengeMembershipFactory,
    PersonFactory,
)

NAMES = ["Source", "Zoé", "Sémaphore", "eva", "Éric", "Denise", "émile", "Sébastien"]
SORTED = ["Denise", "émile", "Éric", "eva", "Sébastien", "Sémaphore", "Source", "Zoé"]


def test_name_key_ignores_accents_and_case_first() -> None:
    assert sorted(NAMES, key=name_key) == SORTED


def test_name_key_keeps_a_strict_order_between_variants() -> None:
    # As ICU does: accents before case, lower case first.
    assert sorted(["Éric", "éric", "Eric", "eric"], key=name_key) == [
        "eric",
        "Eric",
        "éric",
        "Éric",
    ]


@pytest.mark.django_db
def test_database_sorts_people_challenges_and_administrations_alike() -> None:
    for name in NAMES:
        PersonFactory(name=name)
        ChallengeFactory(title=name)
        AdministrationFactory(name=name)

    assert list(Person.objects.values_list("name", flat=True)) == SORTED
    assert list(Challenge.objects.values_list("title", flat=True)) == SORTED
    administrations = Administration.objects.filter(name__in=NAMES)
    assert list(administrations.values_list("name", flat=True)) == SORTED
    assert list(Person.objects.order_by("-name").values_list("name", flat=True)) == SORTED[::-1]


@pytest.mark.django_db
def test_ordering_through_a_relation_uses_the_same_rule() -> None:
    challenge = ChallengeFactory()
    for name in ("Source", "Sémaphore"):
        ChallengeMembershipFactory(challenge=challenge, person=PersonFactory(name=name))

    names = ChallengeMembership.objects.order_by("person__name").values_list(
        "person__name", flat=True
    )

    assert list(names) == ["Sémaphore", "Source"]


@pytest.mark.django_db
def test_person_list_shows_semaphore_before_source() -> None:
    PersonFactory(name="Source", public=True)
    PersonFactory(name="Sémaphore", public=True)

    html = Client().get(reverse("directory:person_list")).content.decode()

    assert 0 < html.index("Sémaphore") < html.index("Source")


@pytest.mark.django_db
def test_lists_sorted_in_python_follow_the_same_rule() -> None:
    from magellan.program.services.attendance import attendance_candidates
    from tests.factories import AttendanceFactory, SessionFactory

    session = SessionFactory(past=True)
    for name in ("Source", "émile", "Sémaphore"):
        AttendanceFactory(session=session, person=PersonFactory(name=name))

    assert [p.name for p in attendance_candidates(session)] == ["émile", "Sémaphore", "Source"]
