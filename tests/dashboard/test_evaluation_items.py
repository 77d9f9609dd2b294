"""The evaluation on the home pages: a coach's to-do names the held committees whose report is not
published and the late actions; a team member's home names the retrospective to write, the report
to acknowledge and the team's late actions (the sponsor only the late actions)."""

import datetime

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from magellan.dashboard.queries import coach_dashboard, member_next
from magellan.evaluation import todo
from magellan.evaluation.models import ActionStatus
from tests.factories import (
    ActionFactory,
    ChallengeFactory,
    ChallengeMembershipFactory,
    CohortFactory,
    CommitteeFactory,
    PersonFactory,
    PhaseFactory,
    ReportFactory,
    RetrospectiveFactory,
)

pytestmark = pytest.mark.django_db


def _current_team():
    today = timezone.localdate()
    cohort = CohortFactory(
        start_date=today - datetime.timedelta(days=60),
        end_date=today + datetime.timedelta(days=240),
    )
    phase = PhaseFactory(
        cohort=cohort,
        start_date=cohort.start_date,
        end_date=today + datetime.timedelta(days=20),
    )
    challenge = ChallengeFactory(cohorts=[cohort], title="Dossier en ligne")
    fellow = PersonFactory(fellow=True, cohort=cohort)
    sponsor = PersonFactory(sponsor=True, cohort=cohort)
    ChallengeMembershipFactory(person=fellow, challenge=challenge)
    ChallengeMembershipFactory(person=sponsor, challenge=challenge, role="sponsor")
    return cohort, phase, challenge, fellow, sponsor


def test_a_held_committee_without_published_report_is_a_coachs_thing_to_do():
    cohort, phase, challenge, *_ = _current_team()
    held = CommitteeFactory(phase=phase, challenge=challenge, past=True)
    other = ChallengeFactory(cohorts=[cohort])
    CommitteeFactory(phase=phase, challenge=other, past=True)
    ReportFactory(challenge=other, phase=phase, published=True)  # done
    CommitteeFactory(phase=phase, challenge=ChallengeFactory(cohorts=[cohort]))  # not yet held
    draft = ReportFactory(challenge=challenge, phase=phase)
    coach = PersonFactory(coach=True, cohort=cohort)

    dashboard = coach_dashboard(coach.user)

    assert dashboard.reports_to_publish == [held]
    assert dashboard.reports_to_publish[0].report == draft
    assert ("1 rapport d’évaluation à publier", "rapports-a-publier") in dashboard.todo_summary


def test_late_actions_are_a_coachs_thing_to_do_and_link_to_the_trajectory():
    _cohort, phase, challenge, *_ = _current_team()
    late = ActionFactory(
        late=True,
        title="Planifier l’audit",
        report=ReportFactory(challenge=challenge, phase=phase, published=True),
    )
    ActionFactory(late=True, status=ActionStatus.DONE)
    coach = PersonFactory(coach=True)
    client = Client()
    client.force_login(coach.user)

    assert coach_dashboard(coach.user).late_actions == [late]
    html = client.get(reverse("home")).content.decode()
    assert "Planifier l’audit</a>" in html
    assert reverse("evaluation:challenge", args=[challenge.slug]) + "#actions" in html


def test_a_fellow_is_asked_for_the_open_retrospective_until_it_is_submitted(settings):
    settings.MAGELLAN_RETROSPECTIVE_OPENS_DAYS = 14
    _cohort, phase, challenge, fellow, sponsor = _current_team()
    now = timezone.now()
    committee = CommitteeFactory(
        phase=phase, challenge=challenge, starts_at=now + datetime.timedelta(days=10)
    )
    CommitteeFactory(  # another phase's committee, not yet open
        phase=PhaseFactory(cohort=phase.cohort, kind=2, start_date=phase.end_date),
        challenge=challenge,
        starts_at=now + datetime.timedelta(days=40),
    )

    due = todo.member_evaluation(fellow.user).retrospectives
    assert [(d.committee, d.retrospective) for d in due] == [(committee, None)]
    assert todo.member_evaluation(sponsor.user).retrospectives == []  # sponsors do not write it

    retrospective = RetrospectiveFactory(challenge=challenge, phase=phase, submitted=True)
    assert retrospective.is_submitted
    assert todo.member_evaluation(fellow.user).retrospectives == []


def test_a_members_home_lists_the_report_to_acknowledge_and_the_teams_late_actions():
    _cohort, phase, challenge, fellow, sponsor = _current_team()
    report = ReportFactory(challenge=challenge, phase=phase, published=True)
    late = ActionFactory(report=report, late=True, title="Obtenir la convention")
    ReportFactory(challenge=challenge, phase=PhaseFactory(cohort=phase.cohort, kind=2))  # draft

    mine = member_next(fellow).evaluation
    assert mine.reports_to_acknowledge == [report]
    assert mine.late_actions == [late]
    sponsors = member_next(sponsor).evaluation
    assert (sponsors.reports_to_acknowledge, sponsors.late_actions) == ([], [late])

    client = Client()
    client.force_login(fellow.user)
    html = client.get(reverse("home")).content.decode()
    assert reverse("evaluation:report", args=[challenge.slug, phase.pk]) in html
    assert "Obtenir la convention</a>" in html


def test_someone_outside_every_team_has_nothing_to_do_in_the_evaluation():
    ActionFactory(late=True)
    outsider = PersonFactory(fellow=True)

    assert member_next(outsider).evaluation.is_empty
