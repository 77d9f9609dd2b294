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
from .grouping import GroupFactory, GroupingFactory, GroupMemberFactory
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
    "GroupFactory",
    "GroupMemberFactory",
    "GroupingFactory",
    "JobFactory",
    "PersonFactory",
    "PhaseFactory",
    "RegistrationFactory",
    "SessionFactory",
    "ThemeFactory",
    "UserFactory",
]
