"""Coach list pages of the program: the same number of queries for 1 and 3 items, each shown."""

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from tests.factories import (
    AttendanceFactory,
    CohortFactory,
    FeedbackFactory,
    FormatFactory,
    PersonFactory,
    RegistrationFactory,
    SessionFactory,
)
from tests.query_counts import assert_queries_do_not_grow

pytestmark = pytest.mark.django_db


def test_format_list_queries_do_not_grow_with_formats(client: Client) -> None:
    client.force_login(PersonFactory(coach=True).user)

    assert_queries_do_not_grow(client, reverse("program:format_list"), lambda: FormatFactory().name)


def test_attendance_report_queries_do_not_grow_with_sessions(client: Client) -> None:
    cohort = CohortFactory()
    client.force_login(PersonFactory(coach=True, cohort=cohort).user)

    def make() -> str:
        session = SessionFactory(cohort=cohort, format=FormatFactory(), past=True)
        person = PersonFactory(fellow=True, cohort=cohort)
        AttendanceFactory(session=session, person=person)
        FeedbackFactory(session=session, person=person)
        return person.name

    assert_queries_do_not_grow(
        client, reverse("program:attendance_report", kwargs={"slug": cohort.slug}), make
    )


def test_session_attendance_queries_do_not_grow_with_participants(client: Client) -> None:
    session = SessionFactory(past=True)
    client.force_login(PersonFactory(coach=True, cohort=session.cohort).user)

    assert_queries_do_not_grow(
        client,
        reverse("program:session_attendance", kwargs={"pk": session.pk}),
        lambda: RegistrationFactory(session=session).person.name,
    )


def test_waitlist_page_queries_do_not_grow_with_the_line(client: Client) -> None:
    session = SessionFactory(capacity=1)
    RegistrationFactory(session=session)
    client.force_login(PersonFactory(coach=True, cohort=session.cohort).user)

    assert_queries_do_not_grow(
        client,
        reverse("program:session_waitlist", kwargs={"pk": session.pk}),
        lambda: RegistrationFactory(session=session, waitlisted=True).person.name,
    )


@pytest.mark.parametrize("view", ["semaine", "liste"])
def test_calendar_week_and_list_views_queries_do_not_grow(client: Client, view: str) -> None:
    cohort = CohortFactory()
    client.force_login(PersonFactory(coach=True, cohort=cohort).user)
    anchor = SessionFactory(cohort=cohort, title="Point de départ")
    count = iter(range(100))

    def make() -> str:
        title = f"Séance numéro {next(count)}"
        SessionFactory(
            cohort=cohort, title=title, starts_at=anchor.starts_at, facilitators=[PersonFactory()]
        )
        return title

    day = timezone.localdate(anchor.starts_at)
    query = f"semaine={day.isoformat()}" if view == "semaine" else f"mois={day:%Y-%m}"
    url = f"{reverse('program:calendar')}?vue={view}&{query}"
    assert_queries_do_not_grow(client, url, make)
