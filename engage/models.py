"""Import every domain's models, so SQLAlchemy and Alembic see the whole schema."""

from engage.accounts.models import User
from engage.audit import AuditEntry
from engage.board.models import (
    BoardMeeting,
    BoardMember,
    BoardNote,
    BoardSeat,
    BoardVisit,
    CommentTheme,
    Summary,
    SummaryVersion,
    Theme,
    ThemeResponse,
)
from engage.campaigns.models import Campaign
from engage.comments.models import Comment, CommentRevision, Endorsement, Flag, Subscription
from engage.events.models import (
    Event,
    Registration,
    SessionFinding,
    SessionQuote,
    SessionReport,
    SpeakerSignup,
)
from engage.mail import OutboxMessage
from engage.moderation.models import (
    Appeal,
    Decision,
    Guideline,
    GuidelineVersion,
    ModerationRule,
    RuleHit,
    Suspension,
)
from engage.orgs.models import Invitation, Membership, Organization
from engage.policies.models import (
    CommentPeriod,
    Department,
    PeriodExtension,
    Policy,
    PolicySection,
    PolicyVersion,
    Technology,
)
from engage.policies.translation_models import (
    SectionTranslation,
    TranslationRequest,
    VersionTranslation,
)
from engage.reports.models import AnnualReport, DataSharingEntry, ExigentUse, ReportEntry

__all__ = [
    "AnnualReport",
    "Appeal",
    "AuditEntry",
    "BoardMeeting",
    "BoardMember",
    "BoardNote",
    "BoardSeat",
    "BoardVisit",
    "Campaign",
    "Comment",
    "CommentPeriod",
    "CommentRevision",
    "CommentTheme",
    "DataSharingEntry",
    "Decision",
    "Department",
    "Endorsement",
    "Event",
    "ExigentUse",
    "Flag",
    "Guideline",
    "GuidelineVersion",
    "Invitation",
    "Membership",
    "ModerationRule",
    "Organization",
    "OutboxMessage",
    "PeriodExtension",
    "Policy",
    "PolicySection",
    "PolicyVersion",
    "Registration",
    "ReportEntry",
    "RuleHit",
    "SectionTranslation",
    "SessionFinding",
    "SessionQuote",
    "SessionReport",
    "SpeakerSignup",
    "Subscription",
    "Summary",
    "SummaryVersion",
    "Suspension",
    "Technology",
    "Theme",
    "ThemeResponse",
    "TranslationRequest",
    "User",
    "VersionTranslation",
]
