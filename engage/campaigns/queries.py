"""What pages and the API read about campaigns: waiting ones, public ones, a page of copies."""

from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import Select, and_, case, exists, func, or_, select
from sqlalchemy.orm import selectinload

from engage.campaigns.models import Campaign
from engage.comments.models import Comment, CommentStatus, Flag
from engage.extensions import db
from engage.moderation.models import Action

PUBLIC_MIN_SIZE = 2  # a campaign is public once two of its copies are published


@dataclass
class WaitingCampaign:
    """A campaign with copies a moderator must look at: held ones, or ones with open flags."""

    campaign: Campaign
    held: int
    flagged: int
    oldest_waiting: datetime | None


def _waiting_condition():
    open_flag = exists().where(Flag.comment_id == Comment.id, Flag.resolved_at.is_(None))
    return or_(
        Comment.status == CommentStatus.HELD.value,
        and_(Comment.status == CommentStatus.PUBLISHED.value, open_flag),
    )


def campaigns_waiting(policy=None) -> list[WaitingCampaign]:
    """Campaigns with held or flagged copies, the longest-waiting first (one query)."""
    held_copies = func.sum(case((Comment.status == CommentStatus.HELD.value, 1), else_=0))
    statement = (
        select(
            Comment.campaign_id, func.count(Comment.id), held_copies, func.min(Comment.created_at)
        )
        .where(Comment.campaign_id.is_not(None), _waiting_condition())
        .group_by(Comment.campaign_id)
    )
    if policy is not None:
        statement = statement.where(Comment.policy_id == policy.id)
    rows = db.session.execute(statement).all()
    campaigns = {
        c.id: c
        for c in db.session.scalars(
            select(Campaign)
            .where(Campaign.id.in_([row[0] for row in rows]))
            .options(selectinload(Campaign.policy))
        )
    }
    waiting = [
        WaitingCampaign(campaigns[cid], int(held or 0), count - int(held or 0), oldest)
        for cid, count, held, oldest in rows
        if cid in campaigns
    ]
    return sorted(waiting, key=lambda w: (w.oldest_waiting, w.campaign.id))


def _published_counts():
    return (
        select(Comment.campaign_id, func.count(Comment.id).label("published"))
        .where(Comment.status == CommentStatus.PUBLISHED.value, Comment.campaign_id.is_not(None))
        .group_by(Comment.campaign_id)
        .subquery()
    )


def public_campaigns_statement(policy) -> Select:
    """A policy's campaigns with at least two published copies, the largest first."""
    counts = _published_counts()
    return (
        select(Campaign)
        .join(counts, counts.c.campaign_id == Campaign.id)
        .where(Campaign.policy_id == policy.id, counts.c.published >= PUBLIC_MIN_SIZE)
        .order_by(counts.c.published.desc(), Campaign.id)
    )


def public_facts(campaigns: list[Campaign]) -> dict[int, tuple[int, int | None]]:
    """Per campaign: its published copies and the copy shown for it (a published one)."""
    ids = [c.id for c in campaigns]
    if not ids:
        return {}
    rows = db.session.execute(
        select(Comment.campaign_id, func.count(Comment.id), func.min(Comment.id))
        .where(Comment.campaign_id.in_(ids), Comment.status == CommentStatus.PUBLISHED.value)
        .group_by(Comment.campaign_id)
    ).all()
    published = {cid: (count, first) for cid, count, first in rows}
    shown = set(
        db.session.scalars(
            select(Comment.id).where(
                Comment.id.in_([c.representative_comment_id for c in campaigns]),
                Comment.status == CommentStatus.PUBLISHED.value,
            )
        )
    )
    facts = {}
    for campaign in campaigns:
        count, first = published.get(campaign.id, (0, None))
        representative = campaign.representative_comment_id
        facts[campaign.id] = (count, representative if representative in shown else first)
    return facts


def copies_page(campaign: Campaign, page: int, per_page: int):
    """One page of the campaign's copies other than its representative, oldest first."""
    statement = select(Comment).where(Comment.campaign_id == campaign.id)
    if campaign.representative_comment_id is not None:
        statement = statement.where(Comment.id != campaign.representative_comment_id)
    statement = statement.options(selectinload(Comment.author)).order_by(Comment.id)
    return db.paginate(statement, page=page, per_page=per_page, error_out=False)


def decidable_counts(campaign: Campaign) -> dict:
    """How many copies approving (held, or shown with open flags) or hiding (held or shown)
    the whole campaign would change now."""
    held = Comment.status == CommentStatus.HELD.value
    shown = Comment.status == CommentStatus.PUBLISHED.value
    open_flag = exists().where(Flag.comment_id == Comment.id, Flag.resolved_at.is_(None))
    approvable = func.sum(case((or_(held, and_(shown, open_flag)), 1), else_=0))
    hideable = func.sum(case((or_(held, shown), 1), else_=0))
    row = db.session.execute(
        select(approvable, hideable).where(Comment.campaign_id == campaign.id)
    ).one()
    return {Action.APPROVE: int(row[0] or 0), Action.HIDE: int(row[1] or 0)}
