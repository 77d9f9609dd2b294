"""A small team for the indicators and retrospective tests: a cohort, its phases, a challenge with
a fellow, a project owner and a sponsor, a coach, and the phase's committee."""

import datetime
from dataclasses import dataclass
from typing import Any

from django.utils import timezone

from magellan.directory.models import Phase, PhaseKind
from tests.factories import (
    ChallengeFactory,
    ChallengeMembershipFactory,
    CohortFactory,
    CommitteeFactory,
    PersonFactory,
    PhaseFactory,
)

COMPETENCES = "Prototyper avec les usagers\n- Mesurer l’impact"


@dataclass
class Team:
    cohort: Any
    phases: list[Phase]
    challenge: Any
    fellow: Any
    project_owner: Any
    sponsor: Any
    coach: Any
    committee: Any

    def phase(self, kind: int) -> Phase:
        return self.phases[kind - 1]


def make_team(*, kind: int = PhaseKind.VALIDATE, committee_in_days: int | None = 5) -> Team:
    """The team, with the committee of phase `kind` in `committee_in_days` days (None: no committee)."""
    cohort = CohortFactory(start_date=timezone.localdate() - datetime.timedelta(days=75 * kind))
    phases = [
        PhaseFactory(
            cohort=cohort,
            kind=number,
            start_date=cohort.start_date + datetime.timedelta(days=75 * (number - 1)),
            end_date=cohort.start_date + datetime.timedelta(days=75 * (number - 1) + 70),
            fellow_competences=COMPETENCES,
        )
        for number in range(1, 5)
    ]
    challenge = ChallengeFactory(cohorts=[cohort])
    fellow = PersonFactory(fellow=True, cohort=cohort)
    project_owner = PersonFactory(project_owner=True, cohort=cohort)
    sponsor = PersonFactory(sponsor=True, cohort=cohort)
    ChallengeMembershipFactory(person=fellow, challenge=challenge)
    ChallengeMembershipFactory(person=project_owner, challenge=challenge, role="project_owner")
    ChallengeMembershipFactory(person=sponsor, challenge=challenge, role="sponsor")
    coach = PersonFactory(coach=True, cohort=cohort)
    committee = None
    if committee_in_days is not None:
        committee = CommitteeFactory(
            phase=phases[kind - 1],
            challenge=challenge,
            starts_at=(timezone.now() + datetime.timedelta(days=committee_in_days)).replace(
                microsecond=0
            ),
        )
    return Team(cohort, phases, challenge, fellow, project_owner, sponsor, coach, committee)


def save_kwargs(**overrides: Any) -> dict[str, Any]:
    """The text a team writes, as `save_retrospective` takes it."""
    return {
        "successes": "Un prototype testé.",
        "difficulties": "Données en retard.",
        "learnings": "Tester tôt.",
        "competence_notes": {},
        "objectives": [],
        "action_reviews": [],
        **overrides,
    }
