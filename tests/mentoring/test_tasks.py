import datetime
import io

import pytest
from django.core import mail
from django.core.management import call_command
from django.utils import timezone

from magellan.core.models import JobStatus
from magellan.mentoring import tasks
from magellan.mentoring.models import RoundStatus
from tests.factories import (
    CohortFactory,
    ExpertiseFactory,
    NeedFactory,
    OfferFactory,
    PersonFactory,
    ProposalFactory,
    RoundFactory,
)

pytestmark = pytest.mark.django_db


def test_running_a_round_records_progress_and_ends_on_the_round_page(
    django_capture_on_commit_callbacks,
):
    cohort = CohortFactory()
    expertise = ExpertiseFactory()
    OfferFactory(expertise=expertise)
    need = NeedFactory(cohort=cohort, main_expertise=expertise)
    round = RoundFactory(cohort=cohort)
    round.needs.add(need, NeedFactory(cohort=cohort))
    user = PersonFactory(coach=True).user

    with django_capture_on_commit_callbacks(execute=True):
        job = tasks.start_running_round(round=round, user=user)

    job.refresh_from_db()
    assert (job.status, job.progress_done, job.progress_total) == (JobStatus.SUCCEEDED, 4, 4)
    assert job.result == {"url": round.get_absolute_url(), "round": round.pk}
    assert job.message == "1 proposition(s), 1 besoin(s) sans proposition."
    assert job.back_url == round.get_absolute_url()


def test_running_a_confirmed_round_fails_the_job_with_the_reason(
    django_capture_on_commit_callbacks,
):
    round = RoundFactory(status=RoundStatus.CONFIRMED)

    with django_capture_on_commit_callbacks(execute=True):
        job = tasks.start_running_round(round=round, user=None)

    job.refresh_from_db()
    assert (job.status, job.error) == (
        JobStatus.FAILED,
        "Ce tour est confirmé : il ne se recalcule plus.",
    )


def test_notify_mentoring_overdue_command_tells_the_coaches(django_capture_on_commit_callbacks):
    proposal = ProposalFactory(proposed_at=timezone.now() - datetime.timedelta(days=9))
    coach = PersonFactory(coach=True, cohort=proposal.need.cohort)

    out = io.StringIO()
    with django_capture_on_commit_callbacks(execute=True):
        call_command("notify_mentoring_overdue", stdout=out)

    assert out.getvalue() == "1 unanswered proposal(s) reported to the coaches.\n"
    assert [m.to for m in mail.outbox] == [[coach.email]]
    assert "n’a pas répondu depuis 9 jours" in mail.outbox[0].body
    assert proposal.mentor.name in mail.outbox[0].body
