"""A small team for the values tests: a cohort with its four phases, a challenge with a fellow, a
project owner and a sponsor, another challenge of the cohort, and a coach."""

import datetime
from dataclasses import dataclass
from typing import Any

from django.test import Client
from django.utils import timezone

from magellan.directory.models import Phase
from tests.factories import (
    ChallengeFactory,
    ChallengeMembershipFactory,
    CohortFactory,
    PersonFactory,
    PhaseFactory,
)


@dataclass
class Team:
    cohort: Any
    phases: list[Phase]
    challenge: Any
    other_challenge: Any
    fellow: Any
    project_owner: Any
    sponsor: Any
    coach: Any

    def phase(self, kind: int) -> Phase:
        return self.phases[kind - 1]


def make_team(*, title: str = "Signaux faibles", under_way: int = 2) -> Team:
    """The team, its cohort in phase `under_way` today."""
    start = timezone.localdate() - datetime.timedelta(days=75 * (under_way - 1) + 10)
    cohort = CohortFactory(start_date=start)
    phases = [
        PhaseFactory(
            cohort=cohort,
            kind=number,
            start_date=start + datetime.timedelta(days=75 * (number - 1)),
            end_date=start + datetime.timedelta(days=75 * (number - 1) + 70),
        )
        for number in range(1, 5)
    ]
    challenge = ChallengeFactory(cohorts=[cohort], title=title)
    fellow = PersonFactory(fellow=True, cohort=cohort)
    project_owner = PersonFactory(project_owner=True, cohort=cohort)
    sponsor = PersonFactory(sponsor=True, cohort=cohort)
    ChallengeMembershipFactory(person=fellow, challenge=challenge)
    ChallengeMembershipFactory(person=project_owner, challenge=challenge, role="project_owner")
    ChallengeMembershipFactory(person=sponsor, challenge=challenge, role="sponsor")
    return Team(
        cohort=cohort,
        phases=phases,
        challenge=challenge,
        other_challenge=ChallengeFactory(cohorts=[cohort], title="Autre défi"),
        fellow=fellow,
        project_owner=project_owner,
        sponsor=sponsor,
        coach=PersonFactory(coach=True, cohort=cohort),
    )


def client_of(person: Any) -> Client:
    client = Client()
    client.force_login(person.user)
    return client
