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
from .program import (
    AttendanceFactory,
    CalendarFeedFactory,
    FeedbackFactory,
    FormatFactory,
    RegistrationFactory,
    SessionFactory,
)

__all__ = [
    "AdministrationAliasFactory",
    "AdministrationFactory",
    "AttendanceFactory",
    "CalendarFeedFactory",
    "ChallengeFactory",
    "ChallengeLinkFactory",
    "ChallengeMembershipFactory",
    "CohortFactory",
    "CohortRoleFactory",
    "ExpertiseFactory",
    "FeedbackFactory",
    "FormatFactory",
    "JobFactory",
    "PersonFactory",
    "PhaseFactory",
    "RegistrationFactory",
    "SessionFactory",
    "ThemeFactory",
    "UserFactory",
]
