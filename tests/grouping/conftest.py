"""A small cohort for groups: challenges of three fellows of different professions."""

from dataclasses import dataclass
from typing import Any

import pytest

from magellan.directory.models import Profession
from magellan.program.models import GroupingMode
from tests.factories import (
    AdministrationFactory,
    ChallengeFactory,
    ChallengeMembershipFactory,
    CohortFactory,
    FormatFactory,
    PersonFactory,
    RegistrationFactory,
    SessionFactory,
)

PROFESSIONS = [
    Profession.DESIGN,
    Profession.DEVELOPMENT,
    Profession.DATA_SCIENCE,
    Profession.DATA_ENGINEERING,
    Profession.PRODUCT,
]


@dataclass
class Setting:
    cohort: Any
    format: Any
    session: Any
    fellows: list[Any]
    challenges: list[Any]
    coach: Any


def make_setting(challenges: int = 5, *, mode: str = GroupingMode.DIVERSE) -> Setting:
    cohort = CohortFactory()
    administrations = [AdministrationFactory() for _ in range(3)]
    fellows, teams = [], []
    for c in range(challenges):
        challenge = ChallengeFactory(cohorts=[cohort], administration=administrations[c % 3])
        teams.append(challenge)
        for k in range(3):
            fellow = PersonFactory(
                fellow=True,
                cohort=cohort,
                profession=PROFESSIONS[(c + k) % len(PROFESSIONS)],
                gender="female" if (c + k) % 2 else "male",
            )
            ChallengeMembershipFactory(person=fellow, challenge=challenge)
            fellows.append(fellow)
    format = FormatFactory(grouping_mode=mode, group_size_min=4, group_size_max=5)
    session = SessionFactory(cohort=cohort, format=format)
    for fellow in fellows:
        RegistrationFactory(session=session, person=fellow)
    return Setting(
        cohort=cohort,
        format=format,
        session=session,
        fellows=fellows,
        challenges=teams,
        coach=PersonFactory(coach=True, cohort=cohort),
    )


@pytest.fixture
def setting(db: None) -> Setting:
    """15 fellows in 5 challenges, all registered to a sharing-group session in ten days."""
    return make_setting()
