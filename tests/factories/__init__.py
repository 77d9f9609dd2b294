"""Factories for every model, with Traits for scenarios (`PersonFactory(fellow=True)`)."""

from .accounts import UserFactory
from .core import JobFactory
from .directory import (
    AdministrationAliasFactory,
    AdministrationFactory,
    ChallengeFactory,
    ChallengeLinkFactory,
    ChallengeMembershipFactory,
    CohortFactory,
    CohortRoleFactory,
    ExpertiseFactory,
    PersonFactory,
    PhaseFactory,
    ThemeFactory,
)

__all__ = [
    "AdministrationAliasFactory",
    "AdministrationFactory",
    "ChallengeFactory",
    "ChallengeLinkFactory",
    "ChallengeMembershipFactory",
    "CohortFactory",
    "CohortRoleFactory",
    "ExpertiseFactory",
    "JobFactory",
    "PersonFactory",
    "PhaseFactory",
    "ThemeFactory",
    "UserFactory",
]
