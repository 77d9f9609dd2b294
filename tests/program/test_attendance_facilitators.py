"""Who takes attendance: coaches and the session's facilitators (one predicate for the page and
the API, `program.permissions.can_take_attendance`)."""

import pytest
from django.contrib.auth.models import AnonymousUser
from django.test import Client

from magellan.program.models import Attendance
from magellan.program.permissions import can_take_attendance
from tests.factories import (
    CohortFactory,
    PersonFactory,
    RegistrationFactory,
    SessionFactory,
    UserFactory,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def held():
    cohort = CohortFactory()
    facilitator = PersonFactory(mentor=True, cohort=cohort)
    session = SessionFactory(cohort=cohort, past=True, facilitators=[facilitator])
    return session, facilitator


def test_can_take_attendance_coaches_and_facilitators_only(held) -> None:
    session, facilitator = held
    allowed = [facilitator.user, PersonFactory(coach=True).user, UserFactory(staff=True)]
    forbidden = [
        AnonymousUser(),
        UserFactory(),
        PersonFactory(fellow=True, cohort=session.cohort).user,
        PersonFactory(mentor=True, cohort=session.cohort).user,
    ]

    assert [can_take_attendance(user, session) for user in allowed] == [True, True, True]
    assert [can_take_attendance(user, session) for user in forbidden] == [False] * 4


def test_a_facilitator_takes_attendance_on_the_page(client: Client, held) -> None:
    session, facilitator = held
    attendee = PersonFactory(fellow=True, cohort=session.cohort)
    RegistrationFactory(session=session, person=attendee)
    client.force_login(facilitator.user)

    detail = client.get(f"/programme/seances/{session.pk}/")
    page = client.get(f"/programme/seances/{session.pk}/presences/")
    client.post(
        f"/programme/seances/{session.pk}/presences/", {"person": attendee.pk, "mark": "present"}
    )

    assert f"/programme/seances/{session.pk}/presences/" in detail.content.decode()
    assert page.status_code == 200
    assert Attendance.objects.get().person == attendee


def test_another_member_may_not_take_attendance(client: Client, held) -> None:
    session, _facilitator = held
    client.force_login(PersonFactory(fellow=True, cohort=session.cohort).user)

    response = client.post(f"/programme/seances/{session.pk}/presences/", {"all_present": "1"})

    assert response.status_code == 403
    assert not Attendance.objects.exists()
