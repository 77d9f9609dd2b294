"""Two people acting on one request at once: the row lock lets one through, the other gets the
French refusal, nothing is lost. The race only exists on PostgreSQL (SQLite serialises writers)."""

import threading

import pytest
from django.db import connection

from magellan.helpdesk import services
from magellan.helpdesk.models import Comment, Status
from tests.factories import ExpertiseFactory, HelperProfileFactory, HelpRequestFactory

pytestmark = [
    pytest.mark.skipif(
        connection.vendor != "postgresql",
        reason="SQLite serialises writers: the race only exists on PostgreSQL (CI runs it).",
    ),
    pytest.mark.django_db(transaction=True),
]


def _race(actions: list) -> list[BaseException]:
    barrier = threading.Barrier(len(actions))
    errors: list[BaseException] = []

    def run(action) -> None:  # type: ignore[no-untyped-def]
        try:
            barrier.wait()
            action()
        except BaseException as error:
            errors.append(error)
        finally:
            connection.close()

    threads = [threading.Thread(target=run, args=(a,)) for a in actions]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return errors


def test_two_helpers_taking_one_request_at_once() -> None:
    expertise = ExpertiseFactory()
    helpers = [HelperProfileFactory(expertises=[expertise]).person for _ in range(4)]
    request = HelpRequestFactory(expertises=[expertise])

    errors = _race([lambda h=h: services.take_request(request=request, by=h.user) for h in helpers])

    request.refresh_from_db()
    assert (request.status, request.assignments.count()) == (Status.TAKEN, 1)
    assert [str(e) for e in errors] == ["Quelqu’un a déjà pris cette demande."] * 3


def test_messages_written_while_the_request_is_resolved_are_all_kept() -> None:
    helper = HelperProfileFactory().person
    request = HelpRequestFactory(status=Status.TAKEN, helpers=[helper])
    author = request.author.user

    errors = _race(
        [
            lambda: services.resolve_request(request=request, by=helper.user, summary="Fait."),
            *[
                lambda n=n: services.add_comment(request=request, by=author, body=f"Message {n}")
                for n in range(3)
            ],
        ]
    )

    request.refresh_from_db()
    assert errors == []
    assert request.status == Status.RESOLVED
    assert sorted(Comment.objects.values_list("body", flat=True)) == [
        "Message 0",
        "Message 1",
        "Message 2",
    ]
