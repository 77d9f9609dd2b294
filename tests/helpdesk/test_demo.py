import pytest

from magellan.demo.helpdesk import load_helpdesk_demo
from magellan.helpdesk import queries
from magellan.helpdesk.models import HelperProfile, HelpRequest, Status


@pytest.mark.django_db
def test_demo_has_requests_in_every_state_with_their_timelines(demo_site: None) -> None:
    # The help desk's own demo requests: the bulletins' and the logbook's demos open theirs from
    # a bulletin or an entry (their `origin`).
    statuses = sorted(HelpRequest.objects.filter(origin_type=None).values_list("status", flat=True))
    coach = HelperProfile.objects.get(person__user__email="coach@demo.magellan.test")
    mentor = HelperProfile.objects.get(person__user__email="mentor@demo.magellan.test")

    assert statuses == sorted(
        [
            Status.NEW,
            Status.NEW,
            Status.TAKEN,
            Status.SESSION_PLANNED,
            Status.RESOLVED,
            Status.CLOSED,
            Status.TAKEN,  # reopened
            Status.WITHDRAWN,
        ]
    )
    assert (coach.is_active, mentor.is_active) == (True, True)
    planned = HelpRequest.objects.get(status=Status.SESSION_PLANNED)
    session = planned.request_sessions.get().session
    assert (session.format.name, session.is_private) == ("Bureau d’aide", True)
    assert planned.author.user.email == "eig@demo.magellan.test"
    reopened = HelpRequest.objects.get(events__kind="reopened")
    assert list(reopened.events.values_list("kind", flat=True)) == [
        "opened",
        "assigned",
        "resolved",
        "reopened",
    ]
    for request in HelpRequest.objects.filter(origin_type=None):
        times = list(request.events.order_by("pk").values_list("created_at", flat=True))
        assert times == sorted(times)
        assert times[0] == request.created_at
    summaries = list(
        HelpRequest.objects.exclude(resolution_summary="").values_list(
            "resolution_summary", flat=True
        )
    )
    assert len(summaries) == 3
    assert len(set(summaries)) == 3  # each resolution says what was found for that request
    figures = queries.figures()["total"][0]
    # Plus the requests the bulletins' and the logbook's demos open today (new, not stale).
    opened_elsewhere = HelpRequest.objects.exclude(origin_type=None).count()
    assert (figures.count, figures.open_count, figures.stale_count) == (
        7 + opened_elsewhere,
        5 + opened_elsewhere,
        2,
    )
    assert figures.response_median is not None
    assert figures.resolution_median is not None
    assert load_helpdesk_demo() == 0  # idempotent: helper profiles exist, nothing added


@pytest.mark.django_db
@pytest.mark.parametrize("email", ["coach", "eig", "porteur", "mentor"])
def test_every_demo_account_reads_its_help_desk_pages(demo_site: None, email: str) -> None:
    from django.test import Client
    from django.urls import reverse

    from magellan.accounts.models import User

    user = User.objects.get(email=f"{email}@demo.magellan.test")
    client = Client()
    client.force_login(user)
    visible = list(queries.requests_visible_to(user))

    assert client.get(reverse("helpdesk:home")).status_code == 200
    assert visible
    for request in visible:
        response = client.get(request.get_absolute_url())
        assert response.status_code == 200, request.subject
        assert request.subject in response.content.decode()
    if email == "coach":
        assert len(visible) == HelpRequest.objects.count()
        assert client.get(reverse("helpdesk:queue")).status_code == 200
        assert client.get(reverse("helpdesk:helpers")).status_code == 200
