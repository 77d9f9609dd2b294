"""The coach's to-do list names the mentoring proposals left unanswered and the unmatched needs."""

import datetime

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from magellan.dashboard.queries import coach_dashboard
from magellan.mentoring.models import RoundStatus
from tests.factories import CohortFactory, NeedFactory, PersonFactory, ProposalFactory, RoundFactory

pytestmark = pytest.mark.django_db


def test_a_proposal_unanswered_for_seven_days_is_a_thing_to_do():
    now = timezone.now()
    late = ProposalFactory(proposed_at=now - datetime.timedelta(days=7, hours=1))
    ProposalFactory(proposed_at=now - datetime.timedelta(days=6))
    coach = PersonFactory(coach=True)

    dashboard = coach_dashboard(coach.user, now=now)

    assert dashboard.overdue_proposals == [late]
    assert (
        "1 proposition de mentorat sans réponse",
        "mentorat-sans-reponse",
    ) in dashboard.todo_summary


def test_a_need_a_confirmed_round_left_without_mentor_is_a_thing_to_do():
    cohort = CohortFactory()
    unmatched = NeedFactory(cohort=cohort)
    NeedFactory(cohort=cohort)  # never in a round yet: not counted
    round = RoundFactory(cohort=cohort, status=RoundStatus.CONFIRMED)
    round.needs.add(unmatched)
    coach = PersonFactory(coach=True, cohort=cohort)

    page = Client()
    page.force_login(coach.user)
    html = page.get(reverse("home")).content.decode()

    assert coach_dashboard(coach.user).unmatched_needs == [unmatched]
    assert "1 besoin de mentorat sans parrain ni marraine" in html
    assert unmatched.get_absolute_url() in html
