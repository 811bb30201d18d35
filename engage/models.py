"""Import every domain's models, so SQLAlchemy and Alembic see the whole schema."""

from engage.accounts.models import User
from engage.audit import AuditEntry
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
    "CommentPeriod",
    "DataSharingEntry",
    "Department",
    "ExigentUse",
    "OutboxMessage",
    "PeriodExtension",
    "Policy",
    "PolicySection",
    "PolicyVersion",
    "ReportEntry",
    "Technology",
    "User",
]
