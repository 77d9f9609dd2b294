import datetime

import pytest
from django.urls import reverse
from django.utils import timezone

from magellan.program.models import GroupingMode
from tests.factories import (
    CohortFactory,
    FormatFactory,
    GroupFactory,
    GroupingFactory,
    GroupMemberFactory,
    PersonFactory,
    RegistrationFactory,
    SessionFactory,
)
from tests.query_counts import assert_queries_do_not_grow

pytestmark = pytest.mark.django_db


def _this_week_past_moment() -> datetime.datetime:
    """A moment of this week already past: halfway between Monday 00:00 and now."""
    now = timezone.now()
    monday = timezone.localdate(now) - datetime.timedelta(days=timezone.localdate(now).weekday())
    start = timezone.make_aware(datetime.datetime.combine(monday, datetime.time.min))
    return start + (now - start) / 2


def test_a_coachs_home_lists_what_to_do_with_links_that_settle_it(client):
    cohort = CohortFactory()
    coach = PersonFactory(coach=True, cohort=cohort)
    session = SessionFactory(
        cohort=cohort, title="Atelier accessibilité", starts_at=_this_week_past_moment()
    )
    client.force_login(coach.user)

    content = client.get(reverse("home")).content.decode()

    assert "Atelier accessibilité" in content
    assert "Présences à noter" in content
    assert reverse("program:session_attendance", args=[session.pk]) in content


def test_a_coachs_home_says_when_all_is_done(client):
    coach = PersonFactory(coach=True, cohort=CohortFactory())
    client.force_login(coach.user)

    content = client.get(reverse("home")).content.decode()

    assert "Tout est fait" in content


@pytest.mark.parametrize("role", ["fellow", "project_owner", "mentor", "alumni"])
def test_members_do_not_get_the_coachs_dashboard(client, role):
    cohort = CohortFactory()
    SessionFactory(cohort=cohort, title="Atelier accessibilité", starts_at=_this_week_past_moment())
    client.force_login(PersonFactory(cohort=cohort, **{role: True}).user)

    content = client.get(reverse("home")).content.decode()

    assert "À faire" not in content
    assert "Présences à noter" not in content


def test_a_fellows_home_shows_their_published_group_and_the_feedback_to_give(client):
    cohort = CohortFactory()
    fellow = PersonFactory(fellow=True, cohort=cohort)
    coming = SessionFactory(
        cohort=cohort,
        title="Groupe d’échange",
        format=FormatFactory(grouping_mode=GroupingMode.DIVERSE),
    )
    group = GroupFactory(grouping=GroupingFactory(session=coming, published=True), number=3)
    GroupMemberFactory(group=group, person=fellow)
    held = SessionFactory(
        cohort=cohort,
        title="Codéveloppement",
        starts_at=timezone.now() - datetime.timedelta(days=2),
    )
    RegistrationFactory(session=held, person=fellow)
    client.force_login(fellow.user)

    content = client.get(reverse("home")).content.decode()

    assert "vous êtes dans le Groupe 3" in content
    assert reverse("program:session_feedback", args=[held.pk]) in content


def test_the_coachs_home_runs_the_same_queries_for_one_or_three_sessions(client):
    cohort = CohortFactory()
    coach = PersonFactory(coach=True, cohort=cohort)
    client.force_login(coach.user)
    moment = _this_week_past_moment()
    count = iter(range(100))

    def make() -> str:
        title = f"Séance de la semaine {next(count)}"
        session = SessionFactory(cohort=cohort, title=title, starts_at=moment)
        RegistrationFactory(session=session, waitlisted=True)
        return title

    assert_queries_do_not_grow(client, reverse("home"), make)


def test_the_coachs_to_do_count_says_what_the_things_are_and_links_to_each(client):
    cohort = CohortFactory()
    coach = PersonFactory(coach=True, cohort=cohort)
    later = timezone.now() + datetime.timedelta(days=15)
    for title in ("Groupe de pairs A", "Groupe de pairs B"):
        GroupingFactory(session=SessionFactory(cohort=cohort, title=title, starts_at=later))
    PersonFactory(name="Sans Rôle")
    client.force_login(coach.user)

    content = client.get(reverse("home")).content.decode()

    summary = content[content.index('id="a-faire"') : content.index('id="semaine"')]
    assert "3 choses à faire :" in summary
    assert '<a href="#brouillons">2 groupes en brouillon à publier</a>' in summary
    assert '<a href="#sans-role">1 personne sans rôle dans une promotion</a>' in summary
    assert 'id="brouillons"' in content
    assert 'id="sans-role"' in content


def test_a_members_feedback_to_give_is_not_announced_as_coming_next(client):
    cohort = CohortFactory()
    fellow = PersonFactory(fellow=True, cohort=cohort)
    held = SessionFactory(
        cohort=cohort,
        title="Codéveloppement",
        starts_at=timezone.now() - datetime.timedelta(days=2),
    )
    RegistrationFactory(session=held, person=fellow)
    client.force_login(fellow.user)

    content = client.get(reverse("home")).content.decode()

    assert "ensuite" not in content
    section = content[content.index('id="avis-attendus"') :]
    assert section.index("Codéveloppement") < section.index("</ul>")
