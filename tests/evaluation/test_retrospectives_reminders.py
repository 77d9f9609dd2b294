import datetime

import pytest
from django.utils import timezone

from magellan.evaluation.models import Retrospective
from magellan.evaluation.services.retrospectives import remind_retrospectives
from magellan.notifications.models import Notification
from magellan.program.models import SessionStatus
from magellan.scheduler.jobs import JOBS
from tests.factories import CommitteeFactory, RetrospectiveFactory

from .retrospective_world import make_team

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _days(settings):
    settings.MAGELLAN_RETROSPECTIVE_OPENS_DAYS = 14
    settings.MAGELLAN_RETROSPECTIVE_REMINDER_DAYS = 3


def _reminded():
    return sorted(
        Notification.objects.filter(kind="retrospective_reminder").values_list(
            "recipient_id", flat=True
        )
    )


def test_a_committee_within_the_reminder_days_reminds_the_fellows_and_project_owner_once():
    team = make_team(committee_in_days=3)
    now = timezone.now()
    assert remind_retrospectives(now=now) == 1
    assert _reminded() == sorted([team.fellow.user_id, team.project_owner.user_id])
    retrospective = Retrospective.objects.get()
    assert (retrospective.status, retrospective.reminded_at) == ("draft", now)
    notification = Notification.objects.filter(kind="retrospective_reminder").first()
    assert notification.url == (
        f"/evaluation/defis/{team.challenge.slug}/phases/{team.phase(1).pk}/retrospective/"
    )
    assert remind_retrospectives(now=now + datetime.timedelta(days=1)) == 0
    assert len(_reminded()) == 2


def test_a_committee_further_than_the_reminder_days_reminds_nobody():
    make_team(committee_in_days=5)
    assert remind_retrospectives(now=timezone.now()) == 0
    assert Retrospective.objects.count() == 0


def test_a_submitted_retrospective_is_not_reminded():
    team = make_team(committee_in_days=2)
    RetrospectiveFactory(challenge=team.challenge, phase=team.phase(1), submitted=True)
    assert remind_retrospectives(now=timezone.now()) == 0
    assert _reminded() == []


def test_a_draft_the_team_started_is_reminded_and_kept():
    team = make_team(committee_in_days=2)
    RetrospectiveFactory(challenge=team.challenge, phase=team.phase(1), successes="Écrit.")
    assert remind_retrospectives(now=timezone.now()) == 1
    assert Retrospective.objects.get().successes == "Écrit."


def test_a_held_or_cancelled_committee_reminds_nobody():
    team = make_team(committee_in_days=None)
    CommitteeFactory(challenge=team.challenge, phase=team.phase(1), past=True)
    other = make_team(committee_in_days=2)
    other.committee.status = SessionStatus.CANCELLED
    other.committee.save()
    assert remind_retrospectives(now=timezone.now()) == 0


def test_the_latest_committee_of_the_phase_is_the_one_that_counts():
    team = make_team(committee_in_days=2)
    CommitteeFactory(
        challenge=team.challenge,
        phase=team.phase(1),
        starts_at=(timezone.now() + datetime.timedelta(days=10)).replace(microsecond=0),
    )
    assert remind_retrospectives(now=timezone.now()) == 0


def test_a_retrospective_not_yet_open_is_not_reminded(settings):
    settings.MAGELLAN_RETROSPECTIVE_OPENS_DAYS = 1
    make_team(committee_in_days=3)
    assert remind_retrospectives(now=timezone.now()) == 0


def test_the_reminder_is_a_daily_job_at_9_15():
    job = next(job for job in JOBS if job.name == "evaluation.remind_retrospectives")
    assert (job.run, job.schedule.at) == (
        "magellan.evaluation.services.retrospectives.remind_retrospectives",
        datetime.time(9, 15),
    )
