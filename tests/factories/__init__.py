"""Factories for every model, with Traits for scenarios (`PersonFactory(fellow=True)`)."""

from .accounts import UserFactory
from .bulletins import BulletinFactory, DigestSubscriptionFactory, TeamSettingsFactory
from .community import (
    AnswerFactory,
    CommunityCommentFactory,
    FollowFactory,
    QuestionFactory,
    VoteFactory,
)
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
from .helpdesk import (
    AssignmentFactory,
    CommentFactory,
    HelperProfileFactory,
    HelpRequestFactory,
    TimelineEventFactory,
)
from .logbook import EntryFactory, EntryNeedFactory, RatingFactory
from .mentoring import (
    CycleFactory,
    CycleFeedbackFactory,
    NeedFactory,
    NoteFactory,
    OfferFactory,
    ProposalFactory,
    RoundFactory,
)
from .notifications import NotificationFactory, NotificationPreferenceFactory
from .program import (
    AttendanceFactory,
    CalendarFeedFactory,
    FeedbackFactory,
    FormatFactory,
    RegistrationFactory,
    SessionFactory,
)
from .resources import GuideFactory, GuideLinkFactory, GuideUseFactory
from .scheduler import JobRunFactory

__all__ = [
    "AdministrationAliasFactory",
    "AdministrationFactory",
    "AnswerFactory",
    "AssignmentFactory",
    "AttendanceFactory",
    "BulletinFactory",
    "CalendarFeedFactory",
    "ChallengeFactory",
    "ChallengeLinkFactory",
    "ChallengeMembershipFactory",
    "CohortFactory",
    "CohortRoleFactory",
    "CommentFactory",
    "CommunityCommentFactory",
    "CycleFactory",
    "CycleFeedbackFactory",
    "DigestSubscriptionFactory",
    "EntryFactory",
    "EntryNeedFactory",
    "ExpertiseFactory",
    "FeedbackFactory",
    "FollowFactory",
    "FormatFactory",
    "GroupFactory",
    "GroupMemberFactory",
    "GroupingFactory",
    "GuideFactory",
    "GuideLinkFactory",
    "GuideUseFactory",
    "HelpRequestFactory",
    "HelperProfileFactory",
    "JobFactory",
    "JobRunFactory",
    "NeedFactory",
    "NoteFactory",
    "NotificationFactory",
    "NotificationPreferenceFactory",
    "OfferFactory",
    "PersonFactory",
    "PhaseFactory",
    "ProposalFactory",
    "QuestionFactory",
    "RatingFactory",
    "RegistrationFactory",
    "RoundFactory",
    "SessionFactory",
    "TeamSettingsFactory",
    "ThemeFactory",
    "TimelineEventFactory",
    "UserFactory",
    "VoteFactory",
]
