"""Departments, technologies, policies, versions, sections and comment periods."""

from datetime import datetime
from enum import StrEnum

from sqlalchemy import Boolean, ForeignKey, Integer, String, Text, UniqueConstraint, and_
from sqlalchemy.ext.hybrid import hybrid_property
from sqlalchemy.orm import Mapped, mapped_column, relationship

from engage.extensions import db
from engage.types import UTCDateTime, utcnow


class PolicyStatus(StrEnum):
    DRAFT = "draft"
    OPEN_FOR_COMMENT = "open_for_comment"
    UNDER_REVIEW = "under_review"
    APPROVED = "approved"
    APPROVED_WITH_MODIFICATIONS = "approved_with_modifications"
    REJECTED = "rejected"
    RETIRED = "retired"


class PeriodState(StrEnum):
    UPCOMING = "upcoming"
    OPEN = "open"
    CLOSED = "closed"


class Department(db.Model):
    __tablename__ = "departments"

    id: Mapped[int] = mapped_column(primary_key=True)
    code: Mapped[str] = mapped_column(String(20), unique=True)
    name: Mapped[str] = mapped_column(String(200))
    covered: Mapped[bool] = mapped_column(Boolean, default=True)
    note: Mapped[str] = mapped_column(Text, default="")

    technologies = relationship(
        "Technology", back_populates="department", order_by="Technology.name"
    )


class Technology(db.Model):
    __tablename__ = "technologies"

    id: Mapped[int] = mapped_column(primary_key=True)
    slug: Mapped[str] = mapped_column(String(120), unique=True)
    name: Mapped[str] = mapped_column(String(200))
    category: Mapped[str] = mapped_column(String(60), index=True)
    summary: Mapped[str] = mapped_column(Text, default="")
    department_id: Mapped[int] = mapped_column(ForeignKey("departments.id"), index=True)

    department = relationship("Department", back_populates="technologies")


class Policy(db.Model):
    __tablename__ = "policies"

    id: Mapped[int] = mapped_column(primary_key=True)
    slug: Mapped[str] = mapped_column(String(120), unique=True)
    title: Mapped[str] = mapped_column(String(250))
    summary_md: Mapped[str] = mapped_column(Text, default="")
    summary_html: Mapped[str] = mapped_column(Text, default="")
    status: Mapped[str] = mapped_column(String(40), default=PolicyStatus.DRAFT.value, index=True)
    department_id: Mapped[int] = mapped_column(ForeignKey("departments.id"), index=True)
    technology_id: Mapped[int] = mapped_column(ForeignKey("technologies.id"), index=True)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    updated_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow, onupdate=utcnow)
    # Title, summary and the current version's text, kept by the services for search.
    search_document: Mapped[str] = mapped_column(Text, default="")
    # "post": comments appear at once and are reviewed after; "pre": held until approved.
    moderation_mode: Mapped[str] = mapped_column(String(10), default="post", server_default="post")

    department = relationship("Department", lazy="joined")
    technology = relationship("Technology", lazy="joined")
    versions = relationship(
        "PolicyVersion",
        back_populates="policy",
        order_by="PolicyVersion.number",
        cascade="all, delete-orphan",
    )

    @property
    def current_version(self) -> "PolicyVersion | None":
        return self.versions[-1] if self.versions else None

    def version(self, number: int) -> "PolicyVersion | None":
        return next((v for v in self.versions if v.number == number), None)


class PolicyVersion(db.Model):
    __tablename__ = "policy_versions"
    __table_args__ = (UniqueConstraint("policy_id", "number"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    policy_id: Mapped[int] = mapped_column(ForeignKey("policies.id", ondelete="CASCADE"))
    number: Mapped[int] = mapped_column(Integer)
    change_summary: Mapped[str] = mapped_column(Text, default="")
    published_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    created_by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id", ondelete="SET NULL"))

    policy = relationship("Policy", back_populates="versions")
    sections = relationship(
        "PolicySection",
        back_populates="version",
        order_by="PolicySection.position",
        cascade="all, delete-orphan",
    )
    periods = relationship(
        "CommentPeriod",
        back_populates="version",
        order_by="CommentPeriod.opens_at",
        cascade="all, delete-orphan",
    )

    def section(self, key: str) -> "PolicySection | None":
        return next((s for s in self.sections if s.key == key), None)


class PolicySection(db.Model):
    __tablename__ = "policy_sections"
    __table_args__ = (UniqueConstraint("version_id", "key"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    version_id: Mapped[int] = mapped_column(ForeignKey("policy_versions.id", ondelete="CASCADE"))
    key: Mapped[str] = mapped_column(String(60))
    position: Mapped[int] = mapped_column(Integer, default=0)
    body_md: Mapped[str] = mapped_column(Text, default="")
    body_html: Mapped[str] = mapped_column(Text, default="")

    version = relationship("PolicyVersion", back_populates="sections")


class CommentPeriod(db.Model):
    __tablename__ = "comment_periods"

    id: Mapped[int] = mapped_column(primary_key=True)
    version_id: Mapped[int] = mapped_column(
        ForeignKey("policy_versions.id", ondelete="CASCADE"), index=True
    )
    opens_at: Mapped[datetime] = mapped_column(UTCDateTime)
    # The deadline in force: extensions move it later, an early close moves it to then.
    closes_at: Mapped[datetime] = mapped_column(UTCDateTime)
    original_closes_at: Mapped[datetime] = mapped_column(UTCDateTime)
    closed_early_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    close_reason: Mapped[str | None] = mapped_column(Text)
    accepts_late_comments: Mapped[bool] = mapped_column(Boolean, default=False)
    # When followers were told the period closed (a scheduled job sends it once).
    close_notice_sent_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)

    version = relationship("PolicyVersion", back_populates="periods")
    extensions = relationship(
        "PeriodExtension",
        back_populates="period",
        order_by="PeriodExtension.created_at",
        cascade="all, delete-orphan",
    )

    def state_at(self, moment: datetime) -> PeriodState:
        if moment < self.opens_at:
            return PeriodState.UPCOMING
        if moment < self.closes_at:
            return PeriodState.OPEN
        return PeriodState.CLOSED

    @property
    def state(self) -> PeriodState:
        return self.state_at(utcnow())

    @hybrid_property
    def is_open(self) -> bool:
        now = utcnow()
        return self.opens_at <= now < self.closes_at

    @is_open.inplace.expression
    @classmethod
    def _is_open_expression(cls):
        now = utcnow()
        return and_(cls.opens_at <= now, cls.closes_at > now)

    @hybrid_property
    def is_upcoming(self) -> bool:
        return utcnow() < self.opens_at

    @is_upcoming.inplace.expression
    @classmethod
    def _is_upcoming_expression(cls):
        return cls.opens_at > utcnow()

    @hybrid_property
    def is_current(self) -> bool:
        """Open or upcoming: a policy has at most one such period."""
        return utcnow() < self.closes_at

    @is_current.inplace.expression
    @classmethod
    def _is_current_expression(cls):
        return cls.closes_at > utcnow()

    def days_left(self, moment: datetime | None = None) -> int:
        """Whole days until the deadline, rounded up; 0 once closed."""
        remaining = self.closes_at - (moment or utcnow())
        if remaining.total_seconds() <= 0:
            return 0
        return remaining.days + (1 if remaining.seconds or remaining.microseconds else 0)


class PeriodExtension(db.Model):
    __tablename__ = "period_extensions"

    id: Mapped[int] = mapped_column(primary_key=True)
    period_id: Mapped[int] = mapped_column(ForeignKey("comment_periods.id", ondelete="CASCADE"))
    previous_closes_at: Mapped[datetime] = mapped_column(UTCDateTime)
    new_closes_at: Mapped[datetime] = mapped_column(UTCDateTime)
    reason: Mapped[str] = mapped_column(Text)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    created_by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id", ondelete="SET NULL"))

    period = relationship("CommentPeriod", back_populates="extensions")
