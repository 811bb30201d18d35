"""Annual surveillance reports (per department and year) and exigent-use notices."""

from datetime import datetime, timedelta
from decimal import Decimal
from enum import StrEnum

from sqlalchemy import ForeignKey, Integer, Numeric, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column, relationship

from engage.extensions import db
from engage.types import UTCDateTime, utcnow


class NonSuspectCapture(StrEnum):
    YES = "yes"
    NO = "no"
    UNKNOWN = "unknown"


class AnnualReport(db.Model):
    __tablename__ = "annual_reports"
    __table_args__ = (UniqueConstraint("department_id", "year"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    department_id: Mapped[int] = mapped_column(ForeignKey("departments.id"), index=True)
    year: Mapped[int] = mapped_column(Integer, index=True)
    summary_md: Mapped[str] = mapped_column(Text, default="")
    summary_html: Mapped[str] = mapped_column(Text, default="")
    published_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    updated_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow, onupdate=utcnow)

    department = relationship("Department", lazy="joined")
    entries = relationship(
        "ReportEntry",
        back_populates="report",
        cascade="all, delete-orphan",
        order_by="ReportEntry.id",
    )


class ReportEntry(db.Model):
    """What one report says about one technology."""

    __tablename__ = "report_entries"
    __table_args__ = (UniqueConstraint("report_id", "technology_id"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    report_id: Mapped[int] = mapped_column(ForeignKey("annual_reports.id", ondelete="CASCADE"))
    technology_id: Mapped[int] = mapped_column(ForeignKey("technologies.id"), index=True)
    usage_md: Mapped[str] = mapped_column(Text, default="")
    usage_html: Mapped[str] = mapped_column(Text, default="")
    captured_non_suspects: Mapped[str] = mapped_column(
        String(10), default=NonSuspectCapture.UNKNOWN.value
    )
    non_suspect_notes: Mapped[str] = mapped_column(Text, default="")
    complaint_count: Mapped[int] = mapped_column(Integer, default=0)
    complaints_md: Mapped[str] = mapped_column(Text, default="")
    complaints_html: Mapped[str] = mapped_column(Text, default="")
    audits_md: Mapped[str] = mapped_column(Text, default="")
    audits_html: Mapped[str] = mapped_column(Text, default="")
    violation_count: Mapped[int] = mapped_column(Integer, default=0)
    violations_md: Mapped[str] = mapped_column(Text, default="")
    violations_html: Mapped[str] = mapped_column(Text, default="")
    cost: Mapped[Decimal | None] = mapped_column(Numeric(14, 2))
    funding_source: Mapped[str] = mapped_column(String(300), default="")

    report = relationship("AnnualReport", back_populates="entries")
    technology = relationship("Technology", lazy="joined")
    sharing = relationship(
        "DataSharingEntry",
        back_populates="entry",
        cascade="all, delete-orphan",
        order_by="DataSharingEntry.id",
    )


class DataSharingEntry(db.Model):
    __tablename__ = "data_sharing_entries"

    id: Mapped[int] = mapped_column(primary_key=True)
    entry_id: Mapped[int] = mapped_column(ForeignKey("report_entries.id", ondelete="CASCADE"))
    recipient: Mapped[str] = mapped_column(String(250))
    data_type: Mapped[str] = mapped_column(String(250))
    legal_standard: Mapped[str] = mapped_column(String(250))
    justification: Mapped[str] = mapped_column(Text, default="")
    count: Mapped[int | None] = mapped_column(Integer)

    entry = relationship("ReportEntry", back_populates="sharing")


class ReportState(StrEnum):
    """Where an exigent-use notice's report stands; the public list filters on these."""

    ONGOING = "ongoing"
    NOT_DUE = "not_due"
    OVERDUE = "overdue"
    ON_TIME = "on_time"
    LATE = "late"
    RECEIVED = "received"


class ExigentOutcome(StrEnum):
    PENDING = "pending"
    ACCEPTED = "accepted"
    REJECTED = "rejected"


class ExigentUse(db.Model):
    """A use without prior approval in an emergency; a report is due after it ends."""

    __tablename__ = "exigent_uses"

    id: Mapped[int] = mapped_column(primary_key=True)
    department_id: Mapped[int] = mapped_column(ForeignKey("departments.id"), index=True)
    technology_id: Mapped[int] = mapped_column(ForeignKey("technologies.id"), index=True)
    title: Mapped[str] = mapped_column(String(250))
    description_md: Mapped[str] = mapped_column(Text, default="")
    description_html: Mapped[str] = mapped_column(Text, default="")
    started_at: Mapped[datetime] = mapped_column(UTCDateTime)
    ended_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    # Copied from the city's rule when the use ends, so a later rule change can't move it.
    report_due_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    report_received_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    outcome: Mapped[str] = mapped_column(String(20), default=ExigentOutcome.PENDING.value)
    outcome_note: Mapped[str] = mapped_column(Text, default="")
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)

    department = relationship("Department", lazy="joined")
    technology = relationship("Technology", lazy="joined")

    @staticmethod
    def due_after(ended_at: datetime, days: int) -> datetime:
        return ended_at + timedelta(days=days)

    def report_state(self, now: datetime | None = None) -> ReportState:
        """The state of the report at `now` (the SQL side: reports.queries._state_clause)."""
        now = now or utcnow()
        due, received = self.report_due_at, self.report_received_at
        if received is not None:
            if due is None:
                return ReportState.RECEIVED
            return ReportState.ON_TIME if received <= due else ReportState.LATE
        if due is None:
            return ReportState.ONGOING
        return ReportState.OVERDUE if now > due else ReportState.NOT_DUE

    @property
    def report_on_time(self) -> bool | None:
        """True or False once the report is in (or overdue); None while not yet due."""
        state = self.report_state()
        if state in (ReportState.ON_TIME, ReportState.LATE, ReportState.OVERDUE):
            return state == ReportState.ON_TIME
        return None

    @property
    def is_overdue(self) -> bool:
        return self.report_state() == ReportState.OVERDUE
