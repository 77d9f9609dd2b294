"""The coach's to-do list names the help requests nobody helps yet and the scheduled jobs that
failed; a member's home lists their open requests and, for a helper, the new requests waiting in
their expertises."""

import datetime

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from magellan.dashboard.queries import coach_dashboard, member_next
from magellan.helpdesk.models import Status, Urgency
from magellan.scheduler.models import Outcome
from tests.factories import (
    AssignmentFactory,
    ExpertiseFactory,
    HelperProfileFactory,
    HelpRequestFactory,
    JobRunFactory,
    PersonFactory,
)

pytestmark = pytest.mark.django_db


def _aged(request, days):
    type(request).objects.filter(pk=request.pk).update(
        created_at=timezone.now() - datetime.timedelta(days=days)
    )
    return request


def test_unassigned_new_requests_are_a_thing_to_do_urgent_first_then_oldest():
    old = _aged(HelpRequestFactory(subject="Plan d’expérimentation"), 5)
    recent = _aged(HelpRequestFactory(subject="Revue de code"), 1)
    urgent = _aged(HelpRequestFactory(subject="Mise en production", urgency=Urgency.URGENT), 0)
    AssignmentFactory(request=HelpRequestFactory(status=Status.TAKEN))  # someone helps already
    HelpRequestFactory(status=Status.WITHDRAWN)
    coach = PersonFactory(coach=True)

    dashboard = coach_dashboard(coach.user)

    assert dashboard.unassigned_requests == [urgent, old, recent]
    assert ("3 demandes d’aide sans aidant·e", "aide-sans-aidant") in dashboard.todo_summary


def test_the_coachs_home_links_each_unassigned_request_and_the_queue():
    request = HelpRequestFactory(subject="Stratégie de passage à l’échelle")
    coach = PersonFactory(coach=True)
    client = Client()
    client.force_login(coach.user)

    html = client.get(reverse("home")).content.decode()

    assert f'href="{request.get_absolute_url()}">Stratégie de passage à l’échelle</a>' in html
    assert reverse("helpdesk:queue") in html


def test_a_members_next_lists_the_open_requests_they_asked_or_help_with():
    fellow = PersonFactory(fellow=True)
    asked = HelpRequestFactory(author=fellow)
    helped = AssignmentFactory(helper=fellow).request
    HelpRequestFactory(author=fellow, status=Status.CLOSED)
    HelpRequestFactory()  # someone else's

    assert {r.pk for r in member_next(fellow).help_requests} == {asked.pk, helped.pk}


def test_a_helper_is_told_how_many_new_requests_wait_in_their_expertises():
    design = ExpertiseFactory(name="Design de service")
    helper = HelperProfileFactory(expertises=[design]).person
    HelpRequestFactory(expertises=[design])
    HelpRequestFactory(expertises=[ExpertiseFactory(name="Droit du numérique")])
    client = Client()
    client.force_login(helper.user)

    html = client.get(reverse("home")).content.decode()

    assert member_next(helper).help_queue_count == 1
    assert "1 nouvelle demande d’aide dans vos expertises attend un·e aidant·e." in html


def test_a_scheduled_job_that_failed_recently_is_a_thing_to_do():
    now = timezone.now()
    failed = JobRunFactory(
        job_name="bulletins.send_digest",
        due_at=now - datetime.timedelta(days=1),
        outcome=Outcome.FAILED,
        error="SMTP injoignable",
    )
    JobRunFactory(
        job_name="bulletins.send_digest",
        due_at=now - datetime.timedelta(days=30),
        outcome=Outcome.FAILED,
    )
    JobRunFactory(job_name="program.send_reminders", due_at=now, outcome=Outcome.SUCCEEDED)
    coach = PersonFactory(coach=True)
    client = Client()
    client.force_login(coach.user)

    html = client.get(reverse("home")).content.decode()

    assert coach_dashboard(coach.user, now=now).failed_runs == [failed]
    assert "1 tâche planifiée en échec" in html
    assert "SMTP injoignable" in html
    assert reverse("scheduler:job_list") in html
