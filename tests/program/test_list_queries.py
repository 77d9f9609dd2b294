"""Coach list pages of the program: the same number of queries for 1 and 3 items."""

from collections.abc import Callable

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from tests.factories import (
    AttendanceFactory,
    CohortFactory,
    FeedbackFactory,
    FormatFactory,
    PersonFactory,
    RegistrationFactory,
    SessionFactory,
)

pytestmark = pytest.mark.django_db


def _queries(client: Client, url: str) -> int:
    with CaptureQueriesContext(connection) as captured:
        response = client.get(url)
    assert response.status_code == 200
    return len(captured)


def _same_queries_for_one_and_three(
    client: Client, url: Callable[[], str], make: Callable[[], None]
) -> None:
    make()
    one = _queries(client, url())
    make()
    make()
    assert _queries(client, url()) == one


def test_format_list_queries_do_not_grow_with_formats(client: Client) -> None:
    client.force_login(PersonFactory(coach=True).user)

    _same_queries_for_one_and_three(
        client, lambda: reverse("program:format_list"), lambda: FormatFactory()
    )


def test_attendance_report_queries_do_not_grow_with_sessions(client: Client) -> None:
    cohort = CohortFactory()
    client.force_login(PersonFactory(coach=True, cohort=cohort).user)
    url = reverse("program:attendance_report", kwargs={"slug": cohort.slug})

    def make() -> None:
        session = SessionFactory(cohort=cohort, format=FormatFactory())
        person = PersonFactory(fellow=True, cohort=cohort)
        AttendanceFactory(session=session, person=person)
        FeedbackFactory(session=session, person=person)

    _same_queries_for_one_and_three(client, lambda: url, make)


def test_session_attendance_queries_do_not_grow_with_participants(client: Client) -> None:
    session = SessionFactory()
    client.force_login(PersonFactory(coach=True, cohort=session.cohort).user)
    url = reverse("program:session_attendance", kwargs={"pk": session.pk})

    _same_queries_for_one_and_three(
        client, lambda: url, lambda: RegistrationFactory(session=session)
    )
