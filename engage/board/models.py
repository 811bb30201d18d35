"""Summaries (a draft kept current, then frozen versions), themes, board notes and the board."""

from datetime import date, datetime
from enum import StrEnum

from sqlalchemy import JSON, Boolean, Date, ForeignKey, Integer, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column, relationship

from engage.extensions import db
from engage.types import UTCDateTime, utcnow


class SummaryStatus(StrEnum):
    DRAFT = "draft"  # kept current by the summary job
    SENT = "sent"  # sent to the board at least once; later changes make new versions


class Summary(db.Model):
    """The summary of one comment period of a policy: the working draft and its versions."""

    __tablename__ = "summaries"

    id: Mapped[int] = mapped_column(primary_key=True)
    policy_id: Mapped[int] = mapped_column(
        ForeignKey("policies.id", ondelete="CASCADE"), index=True
    )
    period_id: Mapped[int] = mapped_column(
        ForeignKey("comment_periods.id", ondelete="CASCADE"), unique=True
    )
    status: Mapped[str] = mapped_column(String(20), default=SummaryStatus.DRAFT.value, index=True)
    narrative_md: Mapped[str] = mapped_column(Text, default="")
    narrative_html: Mapped[str] = mapped_column(Text, default="")
    # The computed numbers (engage/board/compute.py), stored by the job: pages never compute.
    data: Mapped[dict] = mapped_column(JSON, default=dict)
    computed_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    # Set when something the numbers count changed since computed_at; the job clears it.
    stale: Mapped[bool] = mapped_column(Boolean, default=True)
    created_by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id", ondelete="SET NULL"))
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    updated_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow, onupdate=utcnow)

    policy = relationship("Policy")
    period = relationship("CommentPeriod")
    versions = relationship(
        "SummaryVersion",
        back_populates="summary",
        order_by="SummaryVersion.number",
        cascade="all, delete-orphan",
    )
    responses = relationship(
        "ThemeResponse", back_populates="summary", cascade="all, delete-orphan"
    )

    @property
    def latest_version(self) -> "SummaryVersion | None":
        return self.versions[-1] if self.versions else None


class SummaryVersion(db.Model):
    """What was sent to the board, frozen: numbers, themes, narrative, "you said, we did"."""

    __tablename__ = "summary_versions"
    __table_args__ = (UniqueConstraint("summary_id", "number"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    summary_id: Mapped[int] = mapped_column(
        ForeignKey("summaries.id", ondelete="CASCADE"), index=True
    )
    number: Mapped[int] = mapped_column(Integer)
    data: Mapped[dict] = mapped_column(JSON, default=dict)
    narrative_md: Mapped[str] = mapped_column(Text, default="")
    narrative_html: Mapped[str] = mapped_column(Text, default="")
    change_note: Mapped[str] = mapped_column(Text, default="")
    sent_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow, index=True)
    sent_by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id", ondelete="SET NULL"))

    summary = relationship("Summary", back_populates="versions")


class Theme(db.Model):
    """A theme staff and moderators tag comments with; the list is per policy."""

    __tablename__ = "themes"
    __table_args__ = (UniqueConstraint("policy_id", "name"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    policy_id: Mapped[int] = mapped_column(
        ForeignKey("policies.id", ondelete="CASCADE"), index=True
    )
    name: Mapped[str] = mapped_column(String(120))
    description: Mapped[str] = mapped_column(Text, default="")
    created_by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id", ondelete="SET NULL"))
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)


class CommentTheme(db.Model):
    __tablename__ = "comment_themes"
    __table_args__ = (UniqueConstraint("comment_id", "theme_id"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    comment_id: Mapped[int] = mapped_column(
        ForeignKey("comments.id", ondelete="CASCADE"), index=True
    )
    theme_id: Mapped[int] = mapped_column(ForeignKey("themes.id", ondelete="CASCADE"), index=True)
    tagged_by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id", ondelete="SET NULL"))
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)


class ThemeResponse(db.Model):
    """A row of "you said, we did": the department's response to a theme."""

    __tablename__ = "theme_responses"
    __table_args__ = (UniqueConstraint("summary_id", "theme_id"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    summary_id: Mapped[int] = mapped_column(
        ForeignKey("summaries.id", ondelete="CASCADE"), index=True
    )
    theme_id: Mapped[int] = mapped_column(ForeignKey("themes.id", ondelete="CASCADE"))
    response_md: Mapped[str] = mapped_column(Text, default="")
    response_html: Mapped[str] = mapped_column(Text, default="")
    policy_changed: Mapped[bool] = mapped_column(Boolean, default=False)

    summary = relationship("Summary", back_populates="responses")
    theme = relationship("Theme")


class BoardNote(db.Model):
    """A board member's note on a summary, shared with the board only."""

    __tablename__ = "board_notes"

    id: Mapped[int] = mapped_column(primary_key=True)
    summary_id: Mapped[int] = mapped_column(
        ForeignKey("summaries.id", ondelete="CASCADE"), index=True
    )
    author_id: Mapped[int | None] = mapped_column(ForeignKey("users.id", ondelete="SET NULL"))
    body_md: Mapped[str] = mapped_column(Text)
    body_html: Mapped[str] = mapped_column(Text)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)

    author = relationship("User")


class BoardVisit(db.Model):
    """When a board member last opened /board: what changed since is marked."""

    __tablename__ = "board_visits"

    user_id: Mapped[int] = mapped_column(
        ForeignKey("users.id", ondelete="CASCADE"), primary_key=True
    )
    previous_visit_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    last_visit_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)


class BoardSeat(db.Model):
    """A seat on the board and who appoints it (configurable per city)."""

    __tablename__ = "board_seats"

    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(120))
    appointed_by: Mapped[str] = mapped_column(String(200))
    position: Mapped[int] = mapped_column(Integer, default=0)

    members = relationship(
        "BoardMember", back_populates="seat", order_by="BoardMember.term_start.desc()"
    )


class BoardMember(db.Model):
    """Who holds a seat, for which term (an account when they sign in to /board)."""

    __tablename__ = "board_members"

    id: Mapped[int] = mapped_column(primary_key=True)
    seat_id: Mapped[int] = mapped_column(
        ForeignKey("board_seats.id", ondelete="CASCADE"), index=True
    )
    user_id: Mapped[int | None] = mapped_column(ForeignKey("users.id", ondelete="SET NULL"))
    name: Mapped[str] = mapped_column(String(120))
    term_start: Mapped[date] = mapped_column(Date)
    term_end: Mapped[date | None] = mapped_column(Date)

    seat = relationship("BoardSeat", back_populates="members")


class BoardMeeting(db.Model):
    """A meeting of the board, with its agenda and, afterwards, its minutes."""

    __tablename__ = "board_meetings"

    id: Mapped[int] = mapped_column(primary_key=True)
    title: Mapped[str] = mapped_column(String(250))
    starts_at: Mapped[datetime] = mapped_column(UTCDateTime, index=True)
    location: Mapped[str] = mapped_column(String(300), default="")
    agenda_md: Mapped[str] = mapped_column(Text, default="")
    agenda_html: Mapped[str] = mapped_column(Text, default="")
    minutes_md: Mapped[str] = mapped_column(Text, default="")
    minutes_html: Mapped[str] = mapped_column(Text, default="")
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
