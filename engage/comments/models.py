"""Comments, their edit history, endorsements, flags and follows."""

from datetime import datetime
from enum import StrEnum

from sqlalchemy import (
    Boolean,
    CheckConstraint,
    ForeignKey,
    Index,
    Integer,
    String,
    Text,
    UniqueConstraint,
)
from sqlalchemy.orm import Mapped, mapped_column, relationship

from engage.extensions import db
from engage.types import UTCDateTime, utcnow

MAX_DEPTH = 2  # 0, 1, 2: three levels; deeper replies attach at the third level


class CommentStatus(StrEnum):
    PUBLISHED = "published"
    HELD = "held"  # waiting for a moderator (pre-moderation, or a rule fired)
    HIDDEN = "hidden"  # hidden by moderators: a placeholder stays
    WITHDRAWN = "withdrawn"  # withdrawn by its author: a placeholder stays
    SPAM = "spam"


class Stance(StrEnum):
    SUPPORT = "support"
    OPPOSE = "oppose"
    CONCERNS = "concerns"
    QUESTION = "question"
    NEUTRAL = "neutral"


class Channel(StrEnum):
    WEB = "web"
    EMAIL = "email"
    LETTER = "letter"
    PHONE = "phone"
    MEETING = "meeting"


class FlagReason(StrEnum):
    SPAM = "spam"
    PERSONAL_INFORMATION = "personal_information"
    HARASSMENT = "harassment"
    HATE = "hate"
    OFF_TOPIC = "off_topic"
    OTHER = "other"


class Comment(db.Model):
    __tablename__ = "comments"
    __table_args__ = (
        UniqueConstraint("author_id", "idempotency_key"),
        UniqueConstraint("import_key"),
        CheckConstraint("depth >= 0 AND depth <= 2", name="depth_range"),
        Index("ix_comments_thread", "policy_id", "status", "created_at"),
        Index("ix_comments_version_section", "version_id", "section_key"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    tracking_number: Mapped[str] = mapped_column(String(24), unique=True)
    policy_id: Mapped[int] = mapped_column(ForeignKey("policies.id", ondelete="CASCADE"))
    version_id: Mapped[int] = mapped_column(ForeignKey("policy_versions.id", ondelete="CASCADE"))
    period_id: Mapped[int | None] = mapped_column(
        ForeignKey("comment_periods.id", ondelete="SET NULL"), index=True
    )
    section_key: Mapped[str | None] = mapped_column(String(60))
    parent_id: Mapped[int | None] = mapped_column(
        ForeignKey("comments.id", ondelete="CASCADE"), index=True
    )
    # The top-level comment of the thread (None for a top-level comment): one query loads
    # every reply of a page of threads.
    root_id: Mapped[int | None] = mapped_column(
        ForeignKey("comments.id", ondelete="CASCADE"), index=True
    )
    depth: Mapped[int] = mapped_column(Integer, default=0)
    # The signed-in author; None for comments staff entered for someone without an account.
    author_id: Mapped[int | None] = mapped_column(
        ForeignKey("users.id", ondelete="SET NULL"), index=True
    )
    # For offline comments: the name the person gave (None: anonymous), and who typed it in.
    author_name: Mapped[str | None] = mapped_column(String(120))
    entered_by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id", ondelete="SET NULL"))
    show_name: Mapped[bool] = mapped_column(Boolean, default=True)
    neighborhood: Mapped[str | None] = mapped_column(String(80))
    stance: Mapped[str | None] = mapped_column(String(20), index=True)
    body_md: Mapped[str] = mapped_column(Text)
    body_html: Mapped[str] = mapped_column(Text)
    status: Mapped[str] = mapped_column(String(20), default=CommentStatus.PUBLISHED.value)
    channel: Mapped[str] = mapped_column(String(20), default=Channel.WEB.value, index=True)
    language: Mapped[str | None] = mapped_column(String(12))
    is_official_response: Mapped[bool] = mapped_column(Boolean, default=False)
    is_late: Mapped[bool] = mapped_column(Boolean, default=False)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow, index=True)
    received_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    edited_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    withdrawn_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    endorsement_count: Mapped[int] = mapped_column(Integer, default=0)
    reply_count: Mapped[int] = mapped_column(Integer, default=0)
    # One form submission makes one comment: the form's token, unique per author.
    idempotency_key: Mapped[str | None] = mapped_column(String(64))
    # Bulk imports: "<sha256 of the file>:<row>", so a re-run imports nothing twice.
    import_key: Mapped[str | None] = mapped_column(String(100))
    # Moderation: when and why moderators hid or redacted it (the public placeholder says so),
    # a locked thread takes no more replies, and the campaign (form letter) it belongs to.
    moderated_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    moderation_reason: Mapped[str | None] = mapped_column(String(40))
    redacted_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    locked_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    campaign_id: Mapped[int | None] = mapped_column(
        ForeignKey("campaigns.id", ondelete="SET NULL"), index=True
    )

    policy = relationship("Policy")
    version = relationship("PolicyVersion")
    author = relationship("User", foreign_keys=[author_id])
    entered_by = relationship("User", foreign_keys=[entered_by_id])
    parent = relationship("Comment", remote_side=[id], foreign_keys=[parent_id])
    revisions = relationship(
        "CommentRevision",
        back_populates="comment",
        order_by="CommentRevision.created_at",
        cascade="all, delete-orphan",
    )

    @property
    def is_visible(self) -> bool:
        return self.status == CommentStatus.PUBLISHED

    @property
    def public_author(self) -> str | None:
        """The name shown with the comment; None means 'Anonymous resident'."""
        if not self.show_name:
            return None
        if self.author_id is None:
            return self.author_name
        return self.author.public_name if self.author else None


class CommentRevision(db.Model):
    """The text a comment had before an edit (shown to moderators)."""

    __tablename__ = "comment_revisions"

    id: Mapped[int] = mapped_column(primary_key=True)
    comment_id: Mapped[int] = mapped_column(
        ForeignKey("comments.id", ondelete="CASCADE"), index=True
    )
    body_md: Mapped[str] = mapped_column(Text)
    body_html: Mapped[str] = mapped_column(Text)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)

    comment = relationship("Comment", back_populates="revisions")


class Endorsement(db.Model):
    __tablename__ = "endorsements"
    __table_args__ = (UniqueConstraint("comment_id", "user_id"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    comment_id: Mapped[int] = mapped_column(
        ForeignKey("comments.id", ondelete="CASCADE"), index=True
    )
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"), index=True)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)


class Flag(db.Model):
    __tablename__ = "flags"
    __table_args__ = (UniqueConstraint("comment_id", "user_id"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    comment_id: Mapped[int] = mapped_column(
        ForeignKey("comments.id", ondelete="CASCADE"), index=True
    )
    user_id: Mapped[int | None] = mapped_column(ForeignKey("users.id", ondelete="SET NULL"))
    reason: Mapped[str] = mapped_column(String(30))
    note: Mapped[str] = mapped_column(Text, default="")
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    resolved_at: Mapped[datetime | None] = mapped_column(UTCDateTime)


class Subscription(db.Model):
    """Following a policy: mail on a new version and when its comment period opens,
    is extended or closes. (Reply notices are a setting on the account.)"""

    __tablename__ = "subscriptions"
    __table_args__ = (UniqueConstraint("user_id", "policy_id"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"), index=True)
    policy_id: Mapped[int] = mapped_column(
        ForeignKey("policies.id", ondelete="CASCADE"), index=True
    )
    # The one-click unsubscribe link carries this; it works without signing in.
    token: Mapped[str] = mapped_column(String(64), unique=True)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)

    policy = relationship("Policy")
    user = relationship("User")
