"""A person's follow-up on their page: attendance, groups, people met and feedback, for coaches only."""

import datetime
import html

import pytest
from django.test import Client
from django.utils import timezone
from django.utils.html import strip_tags

from magellan.directory import queries
from magellan.directory.models import Cohort, Person
from magellan.program.models import GroupingMode
from tests.factories import (
    AttendanceFactory,
    CohortFactory,
    FeedbackFactory,
    FormatFactory,
    GroupFactory,
    GroupingFactory,
    GroupMemberFactory,
    PersonFactory,
    SessionFactory,
)
from tests.query_counts import assert_queries_do_not_grow

pytestmark = pytest.mark.django_db


def _group_session(
    cohort: Cohort,
    groups: list[list[Person]],
    *,
    title: str = "Groupe de partage",
    present: list[Person],
    published: bool = True,
    days_ago: int = 10,
) -> object:
    """A past sharing-group session of the cohort with these groups and this attendance."""
    session = SessionFactory(
        cohort=cohort,
        title=title,
        format=FormatFactory(grouping_mode=GroupingMode.DIVERSE),
        starts_at=(timezone.now() - datetime.timedelta(days=days_ago)).replace(microsecond=0),
    )
    grouping = GroupingFactory(session=session, published=published)
    for number, members in enumerate(groups, start=1):
        group = GroupFactory(grouping=grouping, number=number)
        for member in members:
            GroupMemberFactory(group=group, person=member)
    for member in present:
        AttendanceFactory(session=session, person=member, is_present=True)
    return session


def test_follow_up_counts_whom_the_person_met_in_attended_published_groups() -> None:
    cohort = CohortFactory()
    ada, bea, cyd, dan, eve = (
        PersonFactory(name=name, fellow=True, cohort=cohort)
        for name in ("Ada", "Béa", "Cyd", "Dan", "Ève")
    )
    _group_session(
        cohort, [[ada, bea], [cyd, dan]], title="G1", present=[ada, bea, cyd, dan], days_ago=20
    )
    _group_session(cohort, [[ada, bea, cyd], [dan]], title="G2", present=[ada, bea], days_ago=10)
    # Draft groups, and a group whose other member was absent, are no encounter.
    _group_session(
        cohort, [[ada, dan]], title="G3", present=[ada, dan], published=False, days_ago=5
    )
    _group_session(cohort, [[ada, eve]], title="G4", present=[ada], days_ago=3)

    follow_up = queries.follow_up_of(ada)

    assert [(e.person.name, e.times) for e in follow_up.met] == [("Béa", 2)]
    assert [g.grouping.session.title for g in follow_up.groups] == ["G4", "G3", "G2", "G1"]
    assert [[m.person.name for m in g.members.all()] for g in follow_up.groups] == [
        ["Ada", "Ève"],
        ["Ada", "Dan"],
        ["Ada", "Béa", "Cyd"],
        ["Ada", "Béa"],
    ]


def test_follow_up_lists_attendance_with_its_three_states_and_feedback() -> None:
    person = PersonFactory(fellow=True)
    present = AttendanceFactory(person=person, session__title="Atelier présent")
    AttendanceFactory(person=person, is_present=False, session__title="Atelier absent")
    AttendanceFactory(
        person=person, is_present=False, is_excused=True, session__title="Atelier excusé"
    )
    FeedbackFactory(person=person, session=present.session, rating=5, comment="Super atelier")

    follow_up = queries.follow_up_of(person)

    assert sorted((a.session.title, a.state) for a in follow_up.attendances) == [
        ("Atelier absent", "absent"),
        ("Atelier excusé", "excused"),
        ("Atelier présent", "present"),
    ]
    assert (follow_up.present, follow_up.absent, follow_up.excused) == (1, 1, 1)
    assert [(f.session.title, f.rating, f.comment) for f in follow_up.feedbacks] == [
        ("Atelier présent", 5, "Super atelier")
    ]


def _text(response: object) -> str:
    """The page as text, markup left out, spaces collapsed."""
    return " ".join(html.unescape(strip_tags(response.content.decode())).split())  # type: ignore[attr-defined]


def _followed_person() -> tuple[Person, Person]:
    """A fellow with attendance, a published group with « Zoé Rencontrée » and a feedback comment."""
    cohort = CohortFactory()
    person = PersonFactory(name="Lou Suivie", fellow=True, cohort=cohort, public=True)
    met = PersonFactory(name="Zoé Rencontrée", fellow=True, cohort=cohort)
    session = _group_session(cohort, [[person, met]], present=[person, met])
    FeedbackFactory(person=person, session=session, comment="Commentaire confidentiel")
    return person, met


def test_person_page_shows_the_follow_up_to_a_coach(client: Client) -> None:
    person, _met = _followed_person()
    client.force_login(PersonFactory(coach=True).user)

    text = _text(client.get(person.get_absolute_url()))

    assert "Suivi par les coachs" in text
    assert "Commentaire confidentiel" in text
    assert "Zoé Rencontrée (1 fois)" in text


@pytest.mark.parametrize("who", ["anonymous", "fellow", "themself", "project_owner"])
def test_person_page_hides_the_follow_up_from_everyone_else(client: Client, who: str) -> None:
    person, _met = _followed_person()
    viewers = {
        "fellow": lambda: PersonFactory(fellow=True).user,
        "themself": lambda: person.user,
        "project_owner": lambda: PersonFactory(project_owner=True).user,
    }
    if who in viewers:
        client.force_login(viewers[who]())

    response = client.get(person.get_absolute_url())
    text = _text(response)

    assert response.status_code == 200
    assert response.context["follow_up"] is None
    assert ("Suivi par les coachs" in text, "Commentaire confidentiel" in text) == (False, False)
    assert ("Zoé Rencontrée" in text, "Groupe de partage" in text) == (False, False)


def test_person_page_follow_up_queries_do_not_grow(client: Client) -> None:
    cohort = CohortFactory()
    person = PersonFactory(fellow=True, cohort=cohort)
    client.force_login(PersonFactory(coach=True).user)

    def make() -> str:
        met = PersonFactory(fellow=True, cohort=cohort)
        session = _group_session(cohort, [[person, met]], present=[person, met])
        AttendanceFactory(session=SessionFactory(cohort=cohort, past=True), person=person)
        FeedbackFactory(person=person, session=session, comment=f"Avis sur {met.name}")
        return met.name

    assert_queries_do_not_grow(client, person.get_absolute_url(), make)
