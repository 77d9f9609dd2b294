import datetime
import zoneinfo
from dataclasses import dataclass
from typing import Any

import pytest

from tests.factories import (
    ChallengeFactory,
    ChallengeMembershipFactory,
    CohortFactory,
    PersonFactory,
)

PARIS = zoneinfo.ZoneInfo("Europe/Paris")


def paris(*args: int) -> datetime.datetime:
    return datetime.datetime(*args, tzinfo=PARIS)


@dataclass
class Team:
    cohort: Any
    challenge: Any
    fellow: Any
    teammate: Any
    owner: Any
    sponsor: Any
    other_challenge: Any
    other_fellow: Any
    coach: Any
    mentor: Any


def make_team(cohort: Any) -> Team:
    challenge = ChallengeFactory(cohorts=[cohort], title="Défi Alpha")
    other = ChallengeFactory(cohorts=[cohort], title="Défi Bêta")
    people = {
        "fellow": PersonFactory(fellow=True, cohort=cohort, name="Alice Martin"),
        "teammate": PersonFactory(fellow=True, cohort=cohort, name="Bruno Petit"),
        "owner": PersonFactory(project_owner=True, cohort=cohort, name="Chloé Porteuse"),
        "sponsor": PersonFactory(sponsor=True, cohort=cohort, name="Denis Sponsor"),
        "other_fellow": PersonFactory(fellow=True, cohort=cohort, name="Émile Autre"),
    }
    ChallengeMembershipFactory(person=people["fellow"], challenge=challenge)
    ChallengeMembershipFactory(person=people["teammate"], challenge=challenge)
    ChallengeMembershipFactory(person=people["owner"], challenge=challenge, role="project_owner")
    ChallengeMembershipFactory(person=people["sponsor"], challenge=challenge, role="sponsor")
    ChallengeMembershipFactory(person=people["other_fellow"], challenge=other)
    return Team(
        cohort=cohort,
        challenge=challenge,
        other_challenge=other,
        coach=PersonFactory(coach=True, cohort=cohort, name="Gaëlle Coach"),
        mentor=PersonFactory(mentor=True, cohort=cohort, name="Hugo Parrain"),
        **people,
    )


@pytest.fixture
def team(db: None) -> Team:
    """A cohort running through 2026, two teams."""
    return make_team(
        CohortFactory(start_date=datetime.date(2026, 1, 5), end_date=datetime.date(2026, 12, 18))
    )
