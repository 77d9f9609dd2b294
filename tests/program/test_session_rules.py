"""Session and cohort rules the forms and the admin enforce: places, dates, titles, feedback."""

import datetime

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from magellan.directory.models import Cohort
from magellan.program import services
from magellan.program.forms import SessionForm
from magellan.program.ics import session_calendar
from tests.factories import (
    CohortFactory,
    FeedbackFactory,
    FormatFactory,
    PersonFactory,
    RegistrationFactory,
    SessionFactory,
)

pytestmark = pytest.mark.django_db


def _form_data(cohort: Cohort, **overrides: object) -> dict[str, object]:
    starts = timezone.localtime(timezone.now() + datetime.timedelta(days=7)).replace(
        hour=14, minute=0, second=0, microsecond=0
    )
    data = {
        "format": FormatFactory().pk,
        "title": "Atelier",
        "starts_at": starts.strftime("%Y-%m-%dT%H:%M"),
        "ends_at": (starts + datetime.timedelta(hours=2)).strftime("%Y-%m-%dT%H:%M"),
        "capacity": "",
    }
    data.update(overrides)
    return data


def _cohort() -> Cohort:
    today = timezone.localdate()
    return CohortFactory(
        start_date=today - datetime.timedelta(days=30),
        end_date=today + datetime.timedelta(days=300),
    )


def test_session_form_refuses_a_capacity_of_zero() -> None:
    cohort = _cohort()
    form = SessionForm(_form_data(cohort, capacity="0"), cohort=cohort)

    assert form.errors["capacity"] == ["Au moins une place (laissez vide : sans limite)."]


def test_database_refuses_a_capacity_of_zero() -> None:
    session = SessionFactory()
    session.capacity = 0
    with pytest.raises(IntegrityError), transaction.atomic():
        session.save(update_fields=["capacity"])


def test_session_form_refuses_a_date_outside_the_cohort() -> None:
    cohort = _cohort()
    far = timezone.localtime(timezone.now() + datetime.timedelta(days=4 * 365)).replace(hour=14)
    data = _form_data(
        cohort,
        starts_at=far.strftime("%Y-%m-%dT%H:%M"),
        ends_at=(far + datetime.timedelta(hours=1)).strftime("%Y-%m-%dT%H:%M"),
    )

    form = SessionForm(data, cohort=cohort)

    assert form.errors["starts_at"][0].startswith("La séance doit avoir lieu pendant la promotion")


def test_session_form_accepts_a_date_inside_the_cohort() -> None:
    cohort = _cohort()

    assert SessionForm(_form_data(cohort), cohort=cohort).is_valid()


def test_session_form_refuses_a_title_with_a_line_break() -> None:
    cohort = _cohort()
    form = SessionForm(_form_data(cohort, title="Atelier\r\nBCC: x@example.org"), cohort=cohort)

    assert form.errors["title"] == [
        "Ce texte tient sur une ligne : retirez les retours à la ligne et les tabulations."
    ]


def test_a_stored_title_with_a_line_break_stays_on_one_line_in_ics_and_subjects() -> None:
    session = SessionFactory(title="Atelier\nDTSTART:20300101T000000Z")

    calendar = session_calendar(session).decode()

    assert "SUMMARY:Atelier DTSTART:20300101T000000Z" in calendar.replace("\r\n ", "")
    assert "\nDTSTART:20300101T000000Z" not in calendar
    assert "\n" not in services.email_subject("Séance modifiée", session)


def test_cohort_ending_before_it_starts_is_refused() -> None:
    cohort = CohortFactory.build(
        number=42, start_date=datetime.date(2027, 6, 1), end_date=datetime.date(2026, 9, 1)
    )

    with pytest.raises(ValidationError) as raised:
        cohort.full_clean()

    assert raised.value.messages == ["La fin de la promotion doit être après son début."]
    with pytest.raises(IntegrityError), transaction.atomic():
        cohort.save()


def test_feedback_form_is_not_offered_before_the_session(client: Client) -> None:
    session = SessionFactory()
    person = RegistrationFactory(session=session, person=PersonFactory(fellow=True)).person
    client.force_login(person.user)

    page = client.get(reverse("program:session_detail", kwargs={"pk": session.pk}))
    form = client.get(reverse("program:session_feedback", kwargs={"pk": session.pk}))

    assert page.context["can_give_feedback"] is False
    assert form.status_code == 302
    assert form["Location"] == session.get_absolute_url()


def test_coaches_read_the_feedback_comments_on_the_session_page(client: Client) -> None:
    session = SessionFactory(past=True)
    FeedbackFactory(session=session, person=PersonFactory(name="Awa"), rating=4, comment="Utile")
    FeedbackFactory(session=session, rating=5, comment="")
    client.force_login(PersonFactory(coach=True).user)

    response = client.get(reverse("program:session_detail", kwargs={"pk": session.pk}))

    comments = [(f.person.name, f.rating, f.comment) for f in response.context["feedback_comments"]]
    assert comments == [("Awa", 4, "Utile")]
    assert "Utile" in response.content.decode()
