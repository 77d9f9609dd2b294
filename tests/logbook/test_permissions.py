import pytest
from django.contrib.auth.models import AnonymousUser
from django.test import Client

from magellan.logbook import permissions, queries
from tests.factories import (
    CohortFactory,
    CycleFactory,
    EntryFactory,
    NeedFactory,
    PersonFactory,
    UserFactory,
)

pytestmark = pytest.mark.django_db


def _readers(entry: object, people: dict[str, object]) -> set[str]:
    return {name for name, user in people.items() if permissions.can_read_entry(user, entry)}


def test_an_entry_is_read_by_its_fellow_its_cohorts_coaches_staff_and_the_mentor_it_is_shared_with() -> (
    None
):
    cohort = CohortFactory()
    mentor = PersonFactory(mentor=True, cohort=cohort)
    entry = EntryFactory(cohort=cohort, shared_with=mentor)
    people = {
        "fellow": entry.person.user,
        "shared mentor": mentor.user,
        "another mentor": PersonFactory(mentor=True, cohort=cohort).user,
        "coach": PersonFactory(coach=True, cohort=cohort).user,
        "coach of another cohort": PersonFactory(coach=True, cohort=CohortFactory()).user,
        "staff": UserFactory(staff=True),
        "another fellow": PersonFactory(fellow=True, cohort=cohort).user,
        "project owner": PersonFactory(project_owner=True, cohort=cohort).user,
        "anonymous": AnonymousUser(),
    }
    assert _readers(entry, people) == {"fellow", "shared mentor", "coach", "staff"}
    visible = {
        name
        for name, user in people.items()
        if queries.entries_visible_to(user).filter(pk=entry.pk).exists()
    }
    assert visible == {"fellow", "shared mentor", "coach", "staff"}


def test_only_the_fellow_edits_an_entry() -> None:
    cohort = CohortFactory()
    entry = EntryFactory(cohort=cohort)
    coach = PersonFactory(coach=True, cohort=cohort)
    assert permissions.can_edit_entry(entry.person.user, entry) is True
    assert permissions.can_edit_entry(coach.user, entry) is False
    assert permissions.can_edit_entry(UserFactory(staff=True), entry) is False


def test_a_coach_of_another_cohort_neither_reads_an_entry_nor_the_overview() -> None:
    cohort = CohortFactory()
    entry = EntryFactory(cohort=cohort, goals="Texte à ne pas voir")
    client = Client()
    client.force_login(PersonFactory(coach=True, cohort=CohortFactory()).user)
    assert client.get(entry.get_absolute_url()).status_code == 404
    assert client.get(f"/carnet-de-bord/promotions/{cohort.slug}/").status_code == 403


def test_the_mentor_reads_a_shared_entry_no_longer_once_taken_back() -> None:
    from magellan.logbook import services

    cohort = CohortFactory()
    mentor = PersonFactory(mentor=True, cohort=cohort)
    entry = EntryFactory(cohort=cohort)
    CycleFactory(
        need=NeedFactory(cohort=cohort, person=entry.person, status="matched"), mentor=mentor
    )
    client = Client()
    client.force_login(mentor.user)
    assert client.get(entry.get_absolute_url()).status_code == 404
    services.share_entry(entry=entry, person=entry.person)
    assert client.get(entry.get_absolute_url()).status_code == 200
    services.unshare_entry(entry=entry, person=entry.person)
    assert client.get(entry.get_absolute_url()).status_code == 404


def test_only_fellows_keep_a_logbook() -> None:
    cohort = CohortFactory()
    assert permissions.can_keep_logbook(PersonFactory(fellow=True, cohort=cohort).user) is True
    assert permissions.can_keep_logbook(PersonFactory(coach=True, cohort=cohort).user) is False
    assert permissions.can_keep_logbook(UserFactory(staff=True)) is False
