"""Moderation state: guidelines (versioned), rules as data, decisions, appeals, suspensions."""

from datetime import datetime
from enum import StrEnum

from sqlalchemy import JSON, Boolean, ForeignKey, Integer, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column, relationship

from engage.extensions import db
from engage.types import UTCDateTime, utcnow


class ModerationMode(StrEnum):
    POST = "post"  # published at once, reviewed after
    PRE = "pre"  # held until a moderator approves


class Action(StrEnum):
    APPROVE = "approve"
    HIDE = "hide"
    REDACT = "redact"
    RESTORE = "restore"
    SPAM = "spam"
    LOCK = "lock"
    UNLOCK = "unlock"
    SUSPEND = "suspend"
    LIFT_SUSPENSION = "lift_suspension"


class RuleKind(StrEnum):
    NEW_ACCOUNT_LINKS = "new_account_links"  # params: account_age_days
    WORD_LIST = "word_list"  # params: words (list of words or phrases)
    BURST = "burst"  # params: max_comments, window_minutes
    CAMPAIGN_MATCH = "campaign_match"  # params: min_size
    RECENTLY_SUSPENDED = "recently_suspended"  # params: within_days


class AppealOutcome(StrEnum):
    PENDING = "pending"
    UPHELD = "upheld"  # the decision stands
    REVERSED = "reversed"  # the comment is restored


class GuidelineVersion(db.Model):
    """One published text of the community guidelines; edits make a new version."""

    __tablename__ = "guideline_versions"

    id: Mapped[int] = mapped_column(primary_key=True)
    number: Mapped[int] = mapped_column(Integer, unique=True)
    intro_md: Mapped[str] = mapped_column(Text, default="")
    intro_html: Mapped[str] = mapped_column(Text, default="")
    change_note: Mapped[str] = mapped_column(Text, default="")
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    created_by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id", ondelete="SET NULL"))

    guidelines = relationship(
        "Guideline",
        back_populates="version",
        order_by="Guideline.position",
        cascade="all, delete-orphan",
    )


class Guideline(db.Model):
    """A reason a comment can be hidden; every decision cites one by its key."""

    __tablename__ = "guidelines"
    __table_args__ = (UniqueConstraint("version_id", "key"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    version_id: Mapped[int] = mapped_column(
        ForeignKey("guideline_versions.id", ondelete="CASCADE"), index=True
    )
    key: Mapped[str] = mapped_column(String(40))
    title: Mapped[str] = mapped_column(String(120))
    body_md: Mapped[str] = mapped_column(Text, default="")
    body_html: Mapped[str] = mapped_column(Text, default="")
    position: Mapped[int] = mapped_column(Integer, default=0)

    version = relationship("GuidelineVersion", back_populates="guidelines")


class ModerationRule(db.Model):
    """A screening rule: its kind is code, its settings are data that admins edit."""

    __tablename__ = "moderation_rules"

    id: Mapped[int] = mapped_column(primary_key=True)
    kind: Mapped[str] = mapped_column(String(40), index=True)
    name: Mapped[str] = mapped_column(String(120))
    description: Mapped[str] = mapped_column(Text, default="")
    enabled: Mapped[bool] = mapped_column(Boolean, default=True)
    params: Mapped[dict] = mapped_column(JSON, default=dict)
    updated_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow, onupdate=utcnow)
    updated_by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id", ondelete="SET NULL"))


class RuleHit(db.Model):
    """A rule held a comment for review, and why."""

    __tablename__ = "rule_hits"

    id: Mapped[int] = mapped_column(primary_key=True)
    comment_id: Mapped[int] = mapped_column(
        ForeignKey("comments.id", ondelete="CASCADE"), index=True
    )
    rule_id: Mapped[int | None] = mapped_column(
        ForeignKey("moderation_rules.id", ondelete="SET NULL"), index=True
    )
    rule_kind: Mapped[str] = mapped_column(String(40))
    detail: Mapped[str] = mapped_column(String(300), default="")
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)

    rule = relationship("ModerationRule")


class Decision(db.Model):
    """One moderation action on one comment (or account), with the guideline it cites."""

    __tablename__ = "moderation_decisions"

    id: Mapped[int] = mapped_column(primary_key=True)
    comment_id: Mapped[int | None] = mapped_column(
        ForeignKey("comments.id", ondelete="CASCADE"), index=True
    )
    # Set when the action was taken on a whole campaign.
    campaign_id: Mapped[int | None] = mapped_column(
        ForeignKey("campaigns.id", ondelete="SET NULL"), index=True
    )
    # The account acted on (suspensions), or the comment's author.
    subject_user_id: Mapped[int | None] = mapped_column(
        ForeignKey("users.id", ondelete="SET NULL"), index=True
    )
    moderator_id: Mapped[int | None] = mapped_column(
        ForeignKey("users.id", ondelete="SET NULL"), index=True
    )
    action: Mapped[str] = mapped_column(String(30), index=True)
    guideline_key: Mapped[str] = mapped_column(String(40), index=True)
    guideline_version_id: Mapped[int | None] = mapped_column(
        ForeignKey("guideline_versions.id", ondelete="SET NULL")
    )
    note: Mapped[str] = mapped_column(Text, default="")
    previous_status: Mapped[str | None] = mapped_column(String(20))
    new_status: Mapped[str | None] = mapped_column(String(20))
    # Redactions keep the text before and after (moderators and the audit log only).
    text_before: Mapped[str | None] = mapped_column(Text)
    text_after: Mapped[str | None] = mapped_column(Text)
    # One bulk action shares a batch id, so it can be read (and audited) as one.
    batch_id: Mapped[str | None] = mapped_column(String(32), index=True)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow, index=True)

    comment = relationship("Comment", foreign_keys=[comment_id])
    moderator = relationship("User", foreign_keys=[moderator_id])
    subject_user = relationship("User", foreign_keys=[subject_user_id])
    appeal = relationship("Appeal", back_populates="decision", uselist=False)


class Appeal(db.Model):
    """An author's one appeal of a decision; a different moderator decides it."""

    __tablename__ = "moderation_appeals"

    id: Mapped[int] = mapped_column(primary_key=True)
    decision_id: Mapped[int] = mapped_column(
        ForeignKey("moderation_decisions.id", ondelete="CASCADE"), unique=True
    )
    author_id: Mapped[int | None] = mapped_column(
        ForeignKey("users.id", ondelete="SET NULL"), index=True
    )
    body: Mapped[str] = mapped_column(Text)
    outcome: Mapped[str] = mapped_column(
        String(20), default=AppealOutcome.PENDING.value, index=True
    )
    outcome_note: Mapped[str] = mapped_column(Text, default="")
    decided_by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id", ondelete="SET NULL"))
    decided_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow, index=True)

    decision = relationship("Decision", back_populates="appeal")
    author = relationship("User", foreign_keys=[author_id])
    decided_by = relationship("User", foreign_keys=[decided_by_id])


class Suspension(db.Model):
    """An account may read but not post until `ends_at` (None: permanently), unless lifted."""

    __tablename__ = "suspensions"

    id: Mapped[int] = mapped_column(primary_key=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"), index=True)
    moderator_id: Mapped[int | None] = mapped_column(ForeignKey("users.id", ondelete="SET NULL"))
    guideline_key: Mapped[str] = mapped_column(String(40))
    note: Mapped[str] = mapped_column(Text, default="")
    starts_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    ends_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    lifted_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    lifted_by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id", ondelete="SET NULL"))

    user = relationship("User", foreign_keys=[user_id])
    moderator = relationship("User", foreign_keys=[moderator_id])
