"""Import every domain's models, so SQLAlchemy and Alembic see the whole schema."""

from engage.accounts.models import User
from engage.audit import AuditEntry
from engage.comments.models import Comment, CommentRevision, Endorsement, Flag, Subscription
from engage.mail import OutboxMessage
from engage.policies.models import (
    CommentPeriod,
    Department,
    PeriodExtension,
    Policy,
    PolicySection,
    PolicyVersion,
    Technology,
)
from engage.reports.models import AnnualReport, DataSharingEntry, ExigentUse, ReportEntry

__all__ = [
    "AnnualReport",
    "AuditEntry",
    "Comment",
    "CommentPeriod",
    "CommentRevision",
    "DataSharingEntry",
    "Department",
    "Endorsement",
    "ExigentUse",
    "Flag",
    "OutboxMessage",
    "PeriodExtension",
    "Policy",
    "PolicySection",
    "PolicyVersion",
    "ReportEntry",
    "Subscription",
    "Technology",
    "User",
]
