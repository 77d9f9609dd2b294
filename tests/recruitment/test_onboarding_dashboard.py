"""Onboarding on the home pages: a coach's to-do names the current cohorts' checklists with late
items; a newcomer's « next » names their own late items."""

import datetime

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from magellan.dashboard.queries import coach_dashboard, member_next
from tests.factories import ChecklistFactory, ChecklistItemFactory, CohortFactory, PersonFactory

pytestmark = pytest.mark.django_db

TODAY = timezone.localdate()
YESTERDAY = TODAY - datetime.timedelta(days=1)


def _current_cohort():
    return CohortFactory(
        start_date=TODAY - datetime.timedelta(days=30),
        end_date=TODAY + datetime.timedelta(days=300),
    )


def test_a_coachs_todo_lists_the_current_cohorts_late_checklists():
    cohort = _current_cohort()
    late = ChecklistFactory(cohort=cohort)
    ChecklistItemFactory(checklist=late, due_date=YESTERDAY)
    ChecklistItemFactory(checklist=late, due_date=YESTERDAY)
    on_time = ChecklistFactory(cohort=cohort)
    ChecklistItemFactory(checklist=on_time, due_date=TODAY)
    done = ChecklistFactory(cohort=cohort)
    ChecklistItemFactory(checklist=done, due_date=YESTERDAY, done_at=timezone.now())
    past = ChecklistFactory(cohort=CohortFactory(past=True))
    ChecklistItemFactory(checklist=past, due_date=YESTERDAY)
    coach = PersonFactory(coach=True, cohort=cohort)

    dashboard = coach_dashboard(coach.user)

    assert [(c.pk, c.late_count) for c in dashboard.late_onboardings] == [(late.pk, 2)]
    assert ("1 intégration en retard", "integrations-en-retard") in dashboard.todo_summary


def test_a_newcomers_next_lists_their_own_late_items():
    cohort = _current_cohort()
    fellow = PersonFactory(fellow=True, cohort=cohort)
    checklist = ChecklistFactory(person=fellow, cohort=cohort)
    late = ChecklistItemFactory(checklist=checklist, label="Accès aux données", due_date=YESTERDAY)
    ChecklistItemFactory(checklist=checklist, due_date=TODAY + datetime.timedelta(days=3))
    ChecklistItemFactory(checklist=checklist, due_date=YESTERDAY, done_at=timezone.now())
    ChecklistItemFactory(due_date=YESTERDAY)  # someone else's

    assert member_next(fellow).late_onboarding_items == [late]

    client = Client()
    client.force_login(fellow.user)
    text = client.get(reverse("home")).content.decode()
    assert "Votre intégration : étapes en retard" in text
    assert "Accès aux données" in text
