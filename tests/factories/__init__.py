"""Factories for every model, with Traits for scenarios (`PersonFactory(fellow=True)`)."""

from .accounts import UserFactory
from .api import ApiTokenFactory
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
from .evaluation import (
    ActionFactory,
    ActionReviewFactory,
    AxisAssessmentFactory,
    CommitteeFactory,
    IndicatorFactory,
    IndicatorValueFactory,
    ReportFactory,
    RetrospectiveCommentFactory,
    RetrospectiveFactory,
    RetrospectiveObjectiveFactory,
)
from .grouping import GroupFactory, GroupingFactory, GroupMemberFactory
from .helpdesk import (
    AssignmentFactory,
    CommentFactory,
    HelperProfileFactory,
    HelpRequestFactory,
    TimelineEventFactory,
)
from .indicators import SurveyAnswerFactory, SurveyInvitationFactory
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
from .privacy import ErasureRequestFactory
from .program import (
    AttendanceFactory,
    CalendarFeedFactory,
    FeedbackFactory,
    FormatFactory,
    RegistrationFactory,
    SessionFactory,
)
from .repositories import HealthCheckFactory, RepositoryFactory
from .resources import GuideFactory, GuideLinkFactory, GuideUseFactory
from .scheduler import JobRunFactory
from .values import (
    DatasetFactory,
    DeclarationsFactory,
    ValueStatusChangeFactory,
    ValueStatusFactory,
)

__all__ = [
    "ActionFactory",
    "ActionReviewFactory",
    "AdministrationAliasFactory",
    "AdministrationFactory",
    "AnswerFactory",
    "ApiTokenFactory",
    "AssignmentFactory",
    "AttendanceFactory",
    "AxisAssessmentFactory",
    "BulletinFactory",
    "CalendarFeedFactory",
    "ChallengeFactory",
    "ChallengeLinkFactory",
    "ChallengeMembershipFactory",
    "CohortFactory",
    "CohortRoleFactory",
    "CommentFactory",
    "CommitteeFactory",
    "CommunityCommentFactory",
    "CycleFactory",
    "CycleFeedbackFactory",
    "DatasetFactory",
    "DeclarationsFactory",
    "DigestSubscriptionFactory",
    "EntryFactory",
    "EntryNeedFactory",
    "ErasureRequestFactory",
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
    "HealthCheckFactory",
    "HelpRequestFactory",
    "HelperProfileFactory",
    "IndicatorFactory",
    "IndicatorValueFactory",
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
    "ReportFactory",
    "RepositoryFactory",
    "RetrospectiveCommentFactory",
    "RetrospectiveFactory",
    "RetrospectiveObjectiveFactory",
    "RoundFactory",
    "SessionFactory",
    "SurveyAnswerFactory",
    "SurveyInvitationFactory",
    "TeamSettingsFactory",
    "ThemeFactory",
    "TimelineEventFactory",
    "UserFactory",
    "ValueStatusChangeFactory",
    "ValueStatusFactory",
    "VoteFactory",
]
