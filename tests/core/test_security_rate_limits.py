"""Hardening: every form that sends an e-mail is rate-limited; the login link leaves from a task."""

import importlib

import pytest
from django.core import mail
from django.test import Client, override_settings
from django.urls import reverse
from django_tasks import default_task_backend

from magellan.community.models import Question
from magellan.core.security import describe_rate
from tests.factories import PersonFactory, UserFactory

pytestmark = pytest.mark.django_db

# Every view whose POST sends an e-mail (directly or through a notification), docs/security.md.
EMAIL_SENDING_VIEWS = {
    "magellan.community.views": ["question_create", "answer_create", "comment_create"],
    "magellan.grouping.views": ["publish"],
    "magellan.helpdesk.views": [
        "request_create",
        "request_comment",
        "request_assign",
        "request_take",
        "request_plan",
        "request_resolve",
        "request_close",
        "request_withdraw",
        "request_reopen",
    ],
    "magellan.mentoring.views": [
        "round_confirm",
        "proposal_accept",
        "proposal_decline",
        "cycle_schedule",
    ],
    "magellan.program.views": [
        "session_edit",
        "session_cancel",
        "session_register",
        "session_unregister",
        "session_waitlist",
    ],
    "magellan.evaluation.views.reports": ["report_publish", "report_acknowledge"],
    "magellan.evaluation.views.retrospectives": [
        "retrospective_submit",
        "retrospective_reopen",
        "retrospective_comment",
    ],
    "magellan.indicators.views.surveys": ["survey_resend"],
    "magellan.privacy.views": ["erasure_confirm", "erasure_refuse"],
}


@pytest.mark.parametrize(
    ("module", "name"),
    [(module, name) for module, names in EMAIL_SENDING_VIEWS.items() for name in names],
)
def test_every_view_that_sends_email_is_rate_limited(module: str, name: str) -> None:
    view = getattr(importlib.import_module(module), name)

    assert getattr(view, "limits_email_sending", False) is True


def _ask(client: Client, number: int, ip: str = "127.0.0.1"):
    return client.post(
        reverse("community:question_create"),
        {"title": f"Question {number}", "body": "Détail"},
        REMOTE_ADDR=ip,
    )


@override_settings(
    MAGELLAN_EMAIL_FORM_RATE_PER_ACCOUNT="3/h", MAGELLAN_EMAIL_FORM_RATE_PER_IP="100/h"
)
def test_an_account_over_its_rate_is_refused_with_the_429_page_and_nothing_is_done() -> None:
    client = Client()
    client.force_login(PersonFactory(fellow=True).user)

    responses = [_ask(client, number, ip=f"10.0.0.{number}") for number in range(4)]

    assert [r.status_code for r in responses] == [302, 302, 302, 429]
    assert Question.objects.count() == 3
    refused = responses[-1]
    assert refused.templates[0].name == "429.html"
    page = refused.content.decode()
    assert "Trop de demandes" in page
    assert "Erreur 429" in page
    assert "Réessayez d’ici 1 heure" in page


@override_settings(
    MAGELLAN_EMAIL_FORM_RATE_PER_ACCOUNT="100/h", MAGELLAN_EMAIL_FORM_RATE_PER_IP="2/h"
)
def test_one_ip_address_over_its_rate_is_refused_whatever_the_account() -> None:
    clients = []
    for _ in range(3):
        client = Client()
        client.force_login(PersonFactory(fellow=True).user)
        clients.append(client)

    statuses = [
        _ask(client, number, ip="10.0.0.9").status_code for number, client in enumerate(clients)
    ]

    assert statuses == [302, 302, 429]
    assert Question.objects.count() == 2


@override_settings(MAGELLAN_EMAIL_FORM_RATE_PER_ACCOUNT="1/h")
def test_the_form_page_itself_is_never_counted() -> None:
    client = Client()
    client.force_login(PersonFactory(fellow=True).user)

    pages = [client.get(reverse("community:question_create")).status_code for _ in range(3)]

    assert pages == [200, 200, 200]
    assert _ask(client, 1).status_code == 302


def test_rates_are_told_in_french() -> None:
    assert describe_rate("30/h") == "1 heure"
    assert describe_rate("5/15m") == "15 minutes"
    assert describe_rate("5/2d") == "2 jours"
    assert describe_rate("5/s") == "1 seconde"


@pytest.fixture
def queued():
    """The tasks backend that only records what is enqueued: nothing runs inside the request."""
    backend = {
        "default": {
            "BACKEND": "django_tasks.backends.dummy.DummyBackend",
            "QUEUES": ["default", "emails"],
        }
    }
    with override_settings(TASKS=backend):
        default_task_backend.clear()  # type: ignore[attr-defined]
        yield default_task_backend
        default_task_backend.clear()  # type: ignore[attr-defined]


def _ask_link(email: str):
    return Client().post(reverse("accounts:request_login_link"), {"email": email})


def test_the_login_link_request_answers_the_same_and_enqueues_either_way(queued) -> None:
    UserFactory(email="ada@example.test")

    known = _ask_link("ada@example.test")
    unknown = _ask_link("ghost@example.test")

    assert known.status_code == unknown.status_code == 200
    assert [t.name for t in known.templates] == [t.name for t in unknown.templates]
    assert known.templates[0].name == "accounts/login_link_sent.html"
    assert list(known.context["messages"]) == list(unknown.context["messages"]) == []
    assert mail.outbox == []
    enqueued = [(r.task.name, r.task.queue_name, r.kwargs) for r in queued.results]
    assert enqueued == [
        ("send_login_link_task", "emails", {"email": "ada@example.test"}),
        ("send_login_link_task", "emails", {"email": "ghost@example.test"}),
    ]


def test_the_login_link_task_sends_the_email_of_a_known_account_only() -> None:
    from magellan.accounts.tasks import send_login_link_task

    UserFactory(email="ada@example.test")

    sent = send_login_link_task.call(email="ada@example.test")
    not_sent = send_login_link_task.call(email="ghost@example.test")

    assert (sent, not_sent) == (True, False)
    assert [m.to for m in mail.outbox] == [["ada@example.test"]]
