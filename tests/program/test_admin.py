"""The admin edits sessions and formats through the program's rules (services, model checks)."""

import datetime
from collections.abc import Callable
from html.parser import HTMLParser
from typing import Any

import pytest
from django.core import mail
from django.db import IntegrityError, transaction
from django.test import Client
from django.urls import reverse
from django.utils import formats, timezone, translation

from magellan.program import services
from magellan.program.forms import FormatForm
from magellan.program.models import Format, Registration, RegistrationStatus, Session, SessionStatus
from tests.factories import (
    CohortFactory,
    FormatFactory,
    PersonFactory,
    PhaseFactory,
    RegistrationFactory,
    SessionFactory,
    UserFactory,
)

pytestmark = pytest.mark.django_db


class _FormFields(HTMLParser):
    """What a browser would send for one form of a page: its fields with their current values."""

    def __init__(self, form_id: str) -> None:
        super().__init__()
        self.form_id = form_id
        self.inside = False
        self.data: dict[str, list[str]] = {}
        self.select: str | None = None
        self.textarea: str | None = None

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        attr = {key: value or "" for key, value in attrs}
        if tag == "form":
            self.inside = attr.get("id") == self.form_id
        if not self.inside or ("name" not in attr and tag != "option"):
            return
        name = attr.get("name", "")
        if tag == "input" and attr.get("type") not in ("submit", "button", "file"):
            if attr.get("type") in ("checkbox", "radio") and "checked" not in attr:
                return
            self.data.setdefault(name, []).append(attr.get("value", ""))
        elif tag == "select":
            self.select = name
            self.data.setdefault(name, [])
        elif tag == "option" and self.select is not None and "selected" in attr:
            self.data[self.select].append(attr.get("value", ""))
        elif tag == "textarea":
            self.textarea = name
            self.data[name] = [""]

    def handle_endtag(self, tag: str) -> None:
        if tag == "form":
            self.inside = False
        elif tag == "select":
            self.select = None
        elif tag == "textarea":
            self.textarea = None

    def handle_data(self, data: str) -> None:
        if self.textarea is not None:
            self.data[self.textarea][0] += data


def _form_data(client: Client, url: str, form_id: str) -> dict[str, list[str]]:
    response = client.get(url)
    assert response.status_code == 200
    parser = _FormFields(form_id)
    parser.feed(response.content.decode())
    return parser.data


def _admin() -> Client:
    client = Client()
    client.force_login(UserFactory(staff=True))
    return client


def _change_url(session: Session) -> str:
    return reverse("admin:program_session_change", args=[session.pk])


def _shift_date(value: str, days: int) -> str:
    """A date as the admin's date input writes it, moved by some days."""
    with translation.override("fr"):
        pattern = formats.get_format("DATE_INPUT_FORMATS")[0]
    day = datetime.datetime.strptime(value, pattern) + datetime.timedelta(days=days)
    return day.strftime(pattern)


def _statuses(session: Session) -> list[tuple[str, str]]:
    return [
        (r.person.name, r.status)
        for r in Registration.objects.filter(session=session).order_by("position")
    ]


def _subjects() -> list[tuple[list[str], str]]:
    return [(m.to, m.subject.split(" :")[0]) for m in mail.outbox]


def test_admin_moving_a_session_bumps_its_sequence_and_emails_the_registered(
    django_capture_on_commit_callbacks: Callable[..., Any],
) -> None:
    session = SessionFactory(capacity=3)
    awa = PersonFactory(name="Awa")
    services.register(session=session, person=awa)
    mail.outbox.clear()
    client = _admin()
    data = _form_data(client, _change_url(session), "session_form")
    data["starts_at_0"] = [_shift_date(data["starts_at_0"][0], 1)]
    data["ends_at_0"] = [_shift_date(data["ends_at_0"][0], 1)]

    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(_change_url(session), data)

    assert response.status_code == 302
    before = session.starts_at
    session.refresh_from_db()
    assert (session.starts_at - before, session.sequence) == (datetime.timedelta(days=1), 1)
    assert _subjects() == [([awa.email], "Séance modifiée")]


def test_admin_raising_the_capacity_promotes_the_waiting_list(
    django_capture_on_commit_callbacks: Callable[..., Any],
) -> None:
    session = SessionFactory(capacity=1)
    services.register(session=session, person=PersonFactory(name="Awa"))
    bao = PersonFactory(name="Bao")
    services.register(session=session, person=bao)
    mail.outbox.clear()
    client = _admin()
    data = _form_data(client, _change_url(session), "session_form")
    data["capacity"] = ["2"]

    with django_capture_on_commit_callbacks(execute=True):
        client.post(_change_url(session), data)

    session.refresh_from_db()
    assert (session.capacity, session.sequence) == (2, 1)
    assert _statuses(session) == [("Awa", "registered"), ("Bao", "registered")]
    assert _subjects() == [([bao.email], "Une place s’est libérée")]


def test_admin_cannot_edit_registrations_nor_a_session_status() -> None:
    session = SessionFactory(capacity=1)
    services.register(session=session, person=PersonFactory(name="Awa"))
    services.register(session=session, person=PersonFactory(name="Bao"))
    client = _admin()
    data = _form_data(client, _change_url(session), "session_form")
    # What a crafted POST would send if the inline and the status were editable.
    data["status"] = [SessionStatus.CANCELLED]
    data["registrations-0-status"] = [RegistrationStatus.CANCELLED]
    data["registrations-1-status"] = [RegistrationStatus.REGISTERED]
    data["registrations-0-DELETE"] = ["on"]

    client.post(_change_url(session), data)

    session.refresh_from_db()
    assert session.status == SessionStatus.SCHEDULED
    assert _statuses(session) == [("Awa", "registered"), ("Bao", "waitlisted")]
    html = client.get(_change_url(session)).content.decode()
    # No editable status, no delete box, no empty row to add a registration.
    assert 'name="registrations-0-status"' not in html
    assert "registrations-0-DELETE" not in html
    assert "registrations-__prefix__" not in html


def test_admin_adding_a_session_derives_its_phase_and_capacity() -> None:
    cohort = CohortFactory()
    phase = PhaseFactory(cohort=cohort)
    format_ = FormatFactory(default_capacity=12)
    client = _admin()
    add_url = reverse("admin:program_session_add")
    data = _form_data(client, add_url, "session_form")
    with translation.override("fr"):
        day = (phase.start_date + datetime.timedelta(days=3)).strftime(
            formats.get_format("DATE_INPUT_FORMATS")[0]
        )
    data.update(
        cohort=[str(cohort.pk)],
        format=[str(format_.pk)],
        starts_at_0=[day],
        starts_at_1=["10:00:00"],
        ends_at_0=[day],
        ends_at_1=["11:30:00"],
    )

    response = client.post(add_url, data)

    assert response.status_code == 302
    session = Session.objects.get()
    assert (session.phase, session.capacity, session.sequence) == (phase, 12, 0)


def test_admin_cancel_action_cancels_through_the_service(
    django_capture_on_commit_callbacks: Callable[..., Any],
) -> None:
    session = SessionFactory(capacity=3)
    awa = PersonFactory(name="Awa")
    services.register(session=session, person=awa)
    already = SessionFactory(cancelled=True)
    mail.outbox.clear()

    with django_capture_on_commit_callbacks(execute=True):
        response = _admin().post(
            reverse("admin:program_session_changelist"),
            {"action": "cancel_sessions", "_selected_action": [session.pk, already.pk]},
            follow=True,
        )

    session.refresh_from_db()
    assert (session.status, session.sequence) == (SessionStatus.CANCELLED, 1)
    assert _subjects() == [([awa.email], "Séance annulée")]
    html = response.content.decode()
    assert "1 séance annulée ; les participant·es sont prévenu·es." in html
    assert f"{already} : Cette séance est déjà annulée." in html


def test_admin_editing_a_cancelled_session_is_refused_and_changes_nothing() -> None:
    session = SessionFactory(place="Salle A")
    client = _admin()
    data = _form_data(client, _change_url(session), "session_form")
    services.cancel_session(session=session)  # meanwhile, on the program pages
    data["place"] = ["Salle B"]

    response = client.post(_change_url(session), data, follow=True)

    session.refresh_from_db()
    assert (session.place, session.sequence) == ("Salle A", 1)
    assert "Cette séance a été annulée entre-temps" in response.content.decode()


def test_admin_format_refuses_a_minimum_group_size_above_the_maximum() -> None:
    client = _admin()
    add_url = reverse("admin:program_format_add")
    data = _form_data(client, add_url, "format_form")
    data.update(
        name=["Atelier fictif"],
        slug=["atelier-fictif"],
        group_size_min=["6"],
        group_size_max=["4"],
    )

    response = client.post(add_url, data)

    assert response.status_code == 200
    assert "La taille maximale ne peut pas être inférieure à la minimale." in (
        response.content.decode()
    )
    assert not Format.objects.filter(slug="atelier-fictif").exists()


def test_database_refuses_a_minimum_group_size_above_the_maximum() -> None:
    with pytest.raises(IntegrityError), transaction.atomic():
        FormatFactory(group_size_min=6, group_size_max=4)


def test_format_accepts_equal_group_sizes() -> None:
    format_ = FormatFactory(group_size_min=4, group_size_max=4)

    format_.full_clean()

    assert (format_.group_size_min, format_.group_size_max) == (4, 4)


def test_admin_reminder_is_reset_when_a_session_moves() -> None:
    session = SessionFactory(reminder_sent_at=timezone.now())
    client = _admin()
    data = _form_data(client, _change_url(session), "session_form")
    data["starts_at_0"] = [_shift_date(data["starts_at_0"][0], 2)]
    data["ends_at_0"] = [_shift_date(data["ends_at_0"][0], 2)]

    client.post(_change_url(session), data)

    session.refresh_from_db()
    assert session.reminder_sent_at is None


def test_registrations_stay_listed_on_the_session_change_page() -> None:
    session = SessionFactory()
    RegistrationFactory(session=session, person=PersonFactory(name="Awa Fictive"))

    html = _admin().get(_change_url(session)).content.decode()

    assert "Awa Fictive" in html


def test_format_page_form_shares_the_group_size_rule() -> None:
    fields = {"name": "Atelier fictif", "slug": "atelier-fictif", "audience_roles": ["fellow"]}
    fields |= {"frequency": "monthly", "duration_minutes": 90, "grouping_mode": "diverse"}
    fields |= {"position": 0, "group_size_min": 6, "group_size_max": 4}

    form = FormatForm(fields)

    assert form.errors == {
        "group_size_max": ["La taille maximale ne peut pas être inférieure à la minimale."]
    }
