"""The bulletins' jobs as the scheduler runs them (`manage.py run_scheduled`)."""

import pytest

from magellan.bulletins.models import Mood
from magellan.bulletins.services import save_bulletin
from magellan.scheduler import services as scheduler

from .conftest import paris

pytestmark = pytest.mark.django_db


def test_the_scheduler_reminds_on_thursday_when_friday_is_a_holiday(team, mailoutbox):
    # Week 18 of 2026: Friday 1 May is a holiday.
    [run] = scheduler.run_due_jobs(
        now=paris(2026, 4, 30, 10, 1), only="bulletins.remind_silent_teams"
    )
    assert (run.due_at, run.outcome) == (paris(2026, 4, 30, 10, 0), "succeeded")
    assert sorted(m.body.split("« ")[1].split(" »")[0] for m in mailoutbox) == [
        "Défi Alpha",
        "Défi Bêta",
    ]
    assert (
        scheduler.run_due_jobs(now=paris(2026, 4, 30, 10, 30), only="bulletins.remind_silent_teams")
        == []
    )
    assert len(mailoutbox) == 2


def test_the_scheduler_sends_the_digest_at_the_lock(team, mailoutbox):
    save_bulletin(
        challenge=team.challenge,
        person=team.fellow,
        week=(2026, 20),
        version=None,
        mood=Mood.EXCELLENT,
        priority="Mettre en production",
        ups_and_downs="Tout roule",
        now=paris(2026, 5, 12, 9, 0),
    )
    [run] = scheduler.run_due_jobs(now=paris(2026, 5, 15, 15, 5), only="bulletins.send_digest")
    assert run.outcome == "succeeded"
    [message] = mailoutbox
    assert message.to == [team.coach.email]
    assert "Mettre en production" in message.body
    assert "Pas de nouvelles de : Défi Bêta." in message.body
