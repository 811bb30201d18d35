"""A campaign groups the copies of one form letter on one policy."""

from datetime import datetime

from sqlalchemy import BigInteger, Boolean, ForeignKey, Index, Integer, LargeBinary
from sqlalchemy.orm import Mapped, mapped_column, relationship

from engage.extensions import db
from engage.types import UTCDateTime, utcnow


class Campaign(db.Model):
    __tablename__ = "campaigns"

    id: Mapped[int] = mapped_column(primary_key=True)
    policy_id: Mapped[int] = mapped_column(
        ForeignKey("policies.id", ondelete="CASCADE"), index=True
    )
    # The copy shown for the whole campaign (the most typical one).
    representative_comment_id: Mapped[int | None] = mapped_column(
        ForeignKey("comments.id", ondelete="SET NULL", use_alter=True)
    )
    # Every member, whatever its status; the public size counts published members only.
    size: Mapped[int] = mapped_column(Integer, default=0)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    updated_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow, onupdate=utcnow)

    policy = relationship("Policy")
    representative = relationship("Comment", foreign_keys=[representative_comment_id])


class CampaignSignature(db.Model):
    """How one comment takes part in grouping: written once, when the comment is grouped.

    `exact_key` is None for texts too short to group; `signature` (MinHash, NUM_PERM 32-bit
    values) is None for texts grouped with exact copies only. The first copy of a text is
    `indexed`: its LSH band keys are stored, and later exact copies find it by `exact_key`.
    A copy pulled out of its campaign by a moderator stays out for good (`pulled_out_at`).
    """

    __tablename__ = "campaign_signatures"
    __table_args__ = (Index("ix_campaign_signatures_exact", "policy_id", "exact_key"),)

    comment_id: Mapped[int] = mapped_column(
        ForeignKey("comments.id", ondelete="CASCADE"), primary_key=True
    )
    policy_id: Mapped[int] = mapped_column(ForeignKey("policies.id", ondelete="CASCADE"))
    exact_key: Mapped[int | None] = mapped_column(BigInteger)
    signature: Mapped[bytes | None] = mapped_column(LargeBinary)
    shingle_count: Mapped[int] = mapped_column(Integer, default=0)
    indexed: Mapped[bool] = mapped_column(Boolean, default=False)
    grouped_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    pulled_out_at: Mapped[datetime | None] = mapped_column(UTCDateTime)


class CampaignBandKey(db.Model):
    """One LSH bucket a comment's text falls in: comments sharing a key are candidates."""

    __tablename__ = "campaign_band_keys"
    __table_args__ = (Index("ix_campaign_band_keys_lookup", "policy_id", "key"),)

    comment_id: Mapped[int] = mapped_column(
        ForeignKey("comments.id", ondelete="CASCADE"), primary_key=True
    )
    key: Mapped[int] = mapped_column(BigInteger, primary_key=True, autoincrement=False)
    policy_id: Mapped[int] = mapped_column(ForeignKey("policies.id", ondelete="CASCADE"))
