"""Events (listening sessions and city meetings), sign-ups, speakers and session reports."""

from datetime import datetime
from enum import StrEnum

from sqlalchemy import (
    JSON,
    Boolean,
    Column,
    ForeignKey,
    Integer,
    String,
    Table,
    Text,
    UniqueConstraint,
)
from sqlalchemy.orm import Mapped, mapped_column, relationship

from engage.extensions import db
from engage.types import UTCDateTime, utcnow


class EventKind(StrEnum):
    LISTENING_SESSION = "listening_session"
    HEARING = "hearing"  # a Council committee hearing
    BOARD_MEETING = "board_meeting"  # the oversight board's meeting
    WORKING_SESSION = "working_session"


CITY_MEETING_KINDS = (EventKind.HEARING, EventKind.BOARD_MEETING, EventKind.WORKING_SESSION)


class EventStatus(StrEnum):
    SCHEDULED = "scheduled"
    CANCELLED = "cancelled"
    COMPLETED = "completed"


class RegistrationStatus(StrEnum):
    CONFIRMED = "confirmed"
    WAITLISTED = "waitlisted"
    CANCELLED = "cancelled"


event_policies = Table(
    "event_policies",
    db.metadata,
    Column("event_id", ForeignKey("events.id", ondelete="CASCADE"), primary_key=True),
    Column("policy_id", ForeignKey("policies.id", ondelete="CASCADE"), primary_key=True),
)

event_reports = Table(
    "event_annual_reports",
    db.metadata,
    Column("event_id", ForeignKey("events.id", ondelete="CASCADE"), primary_key=True),
    Column("report_id", ForeignKey("annual_reports.id", ondelete="CASCADE"), primary_key=True),
)


class Event(db.Model):
    __tablename__ = "events"

    id: Mapped[int] = mapped_column(primary_key=True)
    kind: Mapped[str] = mapped_column(String(30), default=EventKind.LISTENING_SESSION.value)
    # The partner organization running a listening session; None for the city's own meetings.
    organization_id: Mapped[int | None] = mapped_column(
        ForeignKey("organizations.id", ondelete="CASCADE"), index=True
    )
    title: Mapped[str] = mapped_column(String(250))
    description_md: Mapped[str] = mapped_column(Text, default="")
    description_html: Mapped[str] = mapped_column(Text, default="")
    starts_at: Mapped[datetime] = mapped_column(UTCDateTime, index=True)
    ends_at: Mapped[datetime] = mapped_column(UTCDateTime)
    in_person: Mapped[bool] = mapped_column(Boolean, default=True)
    venue: Mapped[str] = mapped_column(String(250), default="")
    address: Mapped[str] = mapped_column(String(400), default="")
    neighborhood: Mapped[str | None] = mapped_column(String(80))
    accessibility_notes: Mapped[str] = mapped_column(Text, default="")
    online: Mapped[bool] = mapped_column(Boolean, default=False)
    # Shown only to confirmed attendees; never in lists, feeds, calendars or the API.
    meeting_link: Mapped[str] = mapped_column(String(500), default="")
    languages: Mapped[list] = mapped_column(JSON, default=list)
    # "asl", "cart", and language codes for spoken interpretation.
    interpretation: Mapped[list] = mapped_column(JSON, default=list)
    capacity: Mapped[int | None] = mapped_column(Integer)  # None: no limit
    registration_deadline: Mapped[datetime | None] = mapped_column(UTCDateTime)
    accommodation_deadline: Mapped[datetime | None] = mapped_column(UTCDateTime)
    status: Mapped[str] = mapped_column(String(20), default=EventStatus.SCHEDULED.value, index=True)
    cancel_reason: Mapped[str | None] = mapped_column(Text)
    # RFC 5545 SEQUENCE: bumped on every change calendars must pick up.
    sequence: Mapped[int] = mapped_column(Integer, default=0)
    # City meetings: public testimony, minutes per speaker (Boston: 2).
    testimony_open: Mapped[bool] = mapped_column(Boolean, default=False)
    speaker_minutes: Mapped[int] = mapped_column(Integer, default=2)
    created_by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id", ondelete="SET NULL"))
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    updated_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow, onupdate=utcnow)

    organization = relationship("Organization")
    policies = relationship("Policy", secondary=event_policies, order_by="Policy.title")
    annual_reports = relationship("AnnualReport", secondary=event_reports)
    registrations = relationship(
        "Registration", back_populates="event", cascade="all, delete-orphan"
    )
    report = relationship(
        "SessionReport", back_populates="event", uselist=False, cascade="all, delete-orphan"
    )

    @property
    def is_city_meeting(self) -> bool:
        return self.organization_id is None


class Registration(db.Model):
    """A resident's sign-up: confirmed, on the waitlist, or cancelled."""

    __tablename__ = "registrations"
    __table_args__ = (UniqueConstraint("event_id", "user_id"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    event_id: Mapped[int] = mapped_column(ForeignKey("events.id", ondelete="CASCADE"), index=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"), index=True)
    status: Mapped[str] = mapped_column(String(20), index=True)
    # Waitlist order: the moment the person joined it (ties broken by id).
    waitlisted_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    # Accommodation requests: seen only by the organizers. Never public.
    interpretation_language: Mapped[str | None] = mapped_column(String(12))
    needs_asl: Mapped[bool] = mapped_column(Boolean, default=False)
    needs_cart: Mapped[bool] = mapped_column(Boolean, default=False)
    accommodation_other: Mapped[str] = mapped_column(Text, default="")
    checked_in_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    reminder_sent_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    updated_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow, onupdate=utcnow)

    event = relationship("Event", back_populates="registrations")
    user = relationship("User")


class SpeakerSignup(db.Model):
    """A request to testify at a city meeting; the list keeps sign-up order."""

    __tablename__ = "speaker_signups"
    __table_args__ = (UniqueConstraint("event_id", "user_id"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    event_id: Mapped[int] = mapped_column(ForeignKey("events.id", ondelete="CASCADE"), index=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"))
    mode: Mapped[str] = mapped_column(String(20), default="in_person")  # or "virtual"
    topic: Mapped[str] = mapped_column(String(300), default="")
    cancelled_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)

    event = relationship("Event")
    user = relationship("User")


class SessionReport(db.Model):
    """What an organization heard at its session, for the policy pages and the board."""

    __tablename__ = "session_reports"

    id: Mapped[int] = mapped_column(primary_key=True)
    event_id: Mapped[int] = mapped_column(ForeignKey("events.id", ondelete="CASCADE"), unique=True)
    attendance: Mapped[int] = mapped_column(Integer)
    themes: Mapped[list] = mapped_column(JSON, default=list)
    summary_md: Mapped[str] = mapped_column(Text, default="")
    summary_html: Mapped[str] = mapped_column(Text, default="")
    attachment_filename: Mapped[str | None] = mapped_column(String(120))
    filed_by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id", ondelete="SET NULL"))
    filed_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    updated_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow, onupdate=utcnow)

    event = relationship("Event", back_populates="report")
    findings = relationship("SessionFinding", back_populates="report", cascade="all, delete-orphan")
    quotes = relationship("SessionQuote", back_populates="report", cascade="all, delete-orphan")


class SessionFinding(db.Model):
    """What was heard about one linked policy."""

    __tablename__ = "session_findings"
    __table_args__ = (UniqueConstraint("report_id", "policy_id"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    report_id: Mapped[int] = mapped_column(
        ForeignKey("session_reports.id", ondelete="CASCADE"), index=True
    )
    policy_id: Mapped[int] = mapped_column(
        ForeignKey("policies.id", ondelete="CASCADE"), index=True
    )
    heard_md: Mapped[str] = mapped_column(Text, default="")
    heard_html: Mapped[str] = mapped_column(Text, default="")

    report = relationship("SessionReport", back_populates="findings")
    policy = relationship("Policy")


class SessionQuote(db.Model):
    """A quote a participant agreed to share."""

    __tablename__ = "session_quotes"

    id: Mapped[int] = mapped_column(primary_key=True)
    report_id: Mapped[int] = mapped_column(
        ForeignKey("session_reports.id", ondelete="CASCADE"), index=True
    )
    text: Mapped[str] = mapped_column(Text)
    attribution: Mapped[str] = mapped_column(String(120), default="")
    consent: Mapped[bool] = mapped_column(Boolean, default=True)

    report = relationship("SessionReport", back_populates="quotes")
