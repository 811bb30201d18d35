"""What the moderators' queue reads: its tabs and filters, its header counts, an item in context.

Every function here costs a fixed number of queries whatever the number of items: the page's
comments come with their policy, author and parent, then flags, rule hits and authors'
histories are read in one query each for the whole page.
"""

from collections import defaultdict
from dataclasses import dataclass, field
from datetime import datetime, timedelta

from flask_babel import lazy_gettext as _l
from sqlalchemy import and_, exists, func, or_, select
from sqlalchemy.orm import aliased, joinedload, selectinload

from engage.comments.models import Comment, CommentStatus, Flag
from engage.extensions import db
from engage.forms import city_zone
from engage.moderation.models import Decision, RuleHit
from engage.policies.models import Policy
from engage.types import utcnow

PER_PAGE = 25
RECENT_DAYS = 7
HISTORY_DECISIONS = 20

TABS = {
    "held": _l("Held for review"),
    "flagged": _l("Flagged"),
    "recent": _l("Recently published"),
}
# How long an item has been waiting (held, flagged) or since it was posted (recent).
AGES = {
    "hour": (_l("Less than an hour"), None, timedelta(hours=1)),
    "day": (_l("1 to 24 hours"), timedelta(hours=1), timedelta(days=1)),
    "week": (_l("1 to 7 days"), timedelta(days=1), timedelta(days=7)),
    "older": (_l("More than 7 days"), timedelta(days=7), None),
}


@dataclass(frozen=True)
class QueueFilters:
    tab: str = "held"
    policy_id: int | None = None
    rule: str | None = None  # a RuleKind value
    reason: str | None = None  # a FlagReason value
    age: str | None = None  # a key of AGES


@dataclass
class AuthorSummary:
    """An account's record on the platform: never its email or IP address."""

    by_status: dict[str, int] = field(default_factory=dict)
    decisions: dict[str, int] = field(default_factory=dict)  # action -> count

    @property
    def comments(self) -> int:
        return sum(self.by_status.values())


@dataclass
class QueueItem:
    comment: Comment
    flags: list[Flag]  # unresolved
    hits: list[RuleHit]
    author: AuthorSummary | None  # None: entered for someone without an account
    campaign_waiting: int = 0  # other copies of its campaign in this tab


@dataclass
class QueueCounts:
    held: int
    flagged: int
    oldest_waiting: datetime | None
    decisions_today: int

    @property
    def size(self) -> int:
        return self.held + self.flagged


# The tabs ------------------------------------------------------------------------------------


def _open_flag(entity, reason: str | None = None):
    condition = and_(Flag.comment_id == entity.id, Flag.resolved_at.is_(None))
    if reason:
        condition = and_(condition, Flag.reason == reason)
    return exists().where(condition)


def _first_open_flag(entity):
    return (
        select(func.min(Flag.created_at))
        .where(Flag.comment_id == entity.id, Flag.resolved_at.is_(None))
        .scalar_subquery()
    )


def _open_flag_count(entity):
    return (
        select(func.count(Flag.id))
        .where(Flag.comment_id == entity.id, Flag.resolved_at.is_(None))
        .scalar_subquery()
    )


def _waiting_since(tab: str, entity):
    return _first_open_flag(entity) if tab == "flagged" else entity.created_at


def _conditions(filters: QueueFilters, entity) -> list:
    """The WHERE clauses of a tab and its filters, for `entity` (Comment or an alias)."""
    now = utcnow()
    if filters.tab == "flagged":
        where = [entity.status == CommentStatus.PUBLISHED, _open_flag(entity)]
    elif filters.tab == "recent":
        where = [
            entity.status == CommentStatus.PUBLISHED,
            entity.created_at >= now - timedelta(days=RECENT_DAYS),
        ]
    else:
        where = [entity.status == CommentStatus.HELD]
    if filters.policy_id:
        where.append(entity.policy_id == filters.policy_id)
    if filters.rule:
        where.append(
            exists().where(RuleHit.comment_id == entity.id, RuleHit.rule_kind == filters.rule)
        )
    if filters.reason:
        where.append(_open_flag(entity, filters.reason))
    if filters.age in AGES:
        _label, newest, oldest = AGES[filters.age]
        since = _waiting_since(filters.tab, entity)
        if newest is not None:
            where.append(since <= now - newest)
        if oldest is not None:
            where.append(since > now - oldest)
    return where


def _one_per_campaign(filters: QueueFilters):
    """Keep one copy of each campaign in the tab: the campaign is reviewed as one item."""
    copy = aliased(Comment)
    first_copies = (
        select(func.min(copy.id))
        .where(copy.campaign_id.is_not(None), *_conditions(filters, copy))
        .group_by(copy.campaign_id)
    )
    return or_(Comment.campaign_id.is_(None), Comment.id.in_(first_copies))


def _ordering(tab: str) -> list:
    if tab == "flagged":
        return [_open_flag_count(Comment).desc(), _first_open_flag(Comment), Comment.id]
    if tab == "recent":
        return [Comment.created_at.desc(), Comment.id.desc()]
    return [Comment.created_at, Comment.id]


def _with_context(statement):
    """Load each comment's policy, author and parent (with its author) in the same round."""
    return statement.options(
        joinedload(Comment.policy),
        joinedload(Comment.author),
        selectinload(Comment.parent).joinedload(Comment.author),
    )


def queue_statement(filters: QueueFilters):
    """The tab's comments, in the order moderators work through them."""
    statement = (
        select(Comment)
        .where(*_conditions(filters, Comment), _one_per_campaign(filters))
        .order_by(*_ordering(filters.tab))
    )
    return _with_context(statement)


def queue_page(filters: QueueFilters, page: int = 1, per_page: int = PER_PAGE):
    """One page of the tab: (items, pagination)."""
    pagination = db.paginate(
        queue_statement(filters), page=page, per_page=per_page, error_out=False
    )
    return items_for(list(pagination.items), filters), pagination


def items_for(comments: list[Comment], filters: QueueFilters | None = None) -> list[QueueItem]:
    """Each comment with its open flags, rule hits and author's record (one query each)."""
    ids = [c.id for c in comments]
    flags, hits = _open_flags(ids), _rule_hits(ids)
    authors = author_summaries({c.author_id for c in comments if c.author_id})
    waiting = _campaign_waiting(comments, filters) if filters else {}
    return [
        QueueItem(
            comment=c,
            flags=flags.get(c.id, []),
            hits=hits.get(c.id, []),
            author=authors.get(c.author_id) if c.author_id else None,
            campaign_waiting=waiting.get(c.campaign_id, 0),
        )
        for c in comments
    ]


def _open_flags(ids: list[int]) -> dict[int, list[Flag]]:
    grouped = defaultdict(list)
    if ids:
        statement = select(Flag).where(Flag.comment_id.in_(ids), Flag.resolved_at.is_(None))
        for flag in db.session.scalars(statement.order_by(Flag.created_at, Flag.id)):
            grouped[flag.comment_id].append(flag)
    return grouped


def _rule_hits(ids: list[int]) -> dict[int, list[RuleHit]]:
    grouped = defaultdict(list)
    if ids:
        statement = select(RuleHit).where(RuleHit.comment_id.in_(ids))
        for rule_hit in db.session.scalars(statement.order_by(RuleHit.created_at, RuleHit.id)):
            grouped[rule_hit.comment_id].append(rule_hit)
    return grouped


def _campaign_waiting(comments: list[Comment], filters: QueueFilters) -> dict[int, int]:
    """How many copies of each campaign on the page wait in this tab."""
    campaign_ids = {c.campaign_id for c in comments if c.campaign_id}
    if not campaign_ids:
        return {}
    rows = db.session.execute(
        select(Comment.campaign_id, func.count(Comment.id))
        .where(Comment.campaign_id.in_(campaign_ids), *_conditions(filters, Comment))
        .group_by(Comment.campaign_id)
    )
    return {row[0]: row[1] for row in rows.all()}


# Authors' records ----------------------------------------------------------------------------


def author_summaries(author_ids: set[int]) -> dict[int, AuthorSummary]:
    """Comments by status and decisions by action, for each account (two queries)."""
    summaries = {author_id: AuthorSummary() for author_id in author_ids}
    if not author_ids:
        return summaries
    by_status = db.session.execute(
        select(Comment.author_id, Comment.status, func.count(Comment.id))
        .where(Comment.author_id.in_(author_ids))
        .group_by(Comment.author_id, Comment.status)
    )
    for author_id, status, count in by_status:
        summaries[author_id].by_status[status] = count
    decided = db.session.execute(
        select(Comment.author_id, Decision.action, func.count(Decision.id))
        .join(Comment, Decision.comment_id == Comment.id)
        .where(Comment.author_id.in_(author_ids))
        .group_by(Comment.author_id, Decision.action)
    )
    for author_id, action, count in decided:
        summaries[author_id].decisions[action] = count
    return summaries


def previous_decisions(author_id: int, limit: int = HISTORY_DECISIONS) -> list[Decision]:
    """The latest decisions on an account's comments, newest first."""
    return list(
        db.session.scalars(
            select(Decision)
            .join(Comment, Decision.comment_id == Comment.id)
            .where(Comment.author_id == author_id)
            .options(joinedload(Decision.comment).joinedload(Comment.policy))
            .order_by(Decision.created_at.desc(), Decision.id.desc())
            .limit(limit)
        ).unique()
    )


# One item ------------------------------------------------------------------------------------


def load_item(comment_id: int) -> Comment | None:
    """A comment with its policy, author and parent."""
    return db.session.scalar(_with_context(select(Comment).where(Comment.id == comment_id)))


def all_flags(comment: Comment) -> list[Flag]:
    """Every flag on the comment, the unresolved ones first."""
    return list(
        db.session.scalars(
            select(Flag)
            .where(Flag.comment_id == comment.id)
            .order_by(Flag.resolved_at.is_not(None), Flag.created_at, Flag.id)
        )
    )


def decisions_on(comment: Comment) -> list[Decision]:
    """The decisions taken on this comment, oldest first, with who took them."""
    return list(
        db.session.scalars(
            select(Decision)
            .where(Decision.comment_id == comment.id)
            .options(joinedload(Decision.moderator), selectinload(Decision.appeal))
            .order_by(Decision.created_at, Decision.id)
        )
    )


# The header ----------------------------------------------------------------------------------


def _start_of_today() -> datetime:
    local = utcnow().astimezone(city_zone())
    return local.replace(hour=0, minute=0, second=0, microsecond=0)


def queue_counts() -> QueueCounts:
    """The queue's size, its oldest waiting item and the decisions taken today."""
    held = select(func.count(Comment.id), func.min(Comment.created_at)).where(
        Comment.status == CommentStatus.HELD
    )
    flagged = (
        select(func.count(func.distinct(Flag.comment_id)), func.min(Flag.created_at))
        .join(Comment, Flag.comment_id == Comment.id)
        .where(Flag.resolved_at.is_(None), Comment.status == CommentStatus.PUBLISHED)
    )
    held_count, held_oldest = db.session.execute(held).one()
    flagged_count, flagged_oldest = db.session.execute(flagged).one()
    today = db.session.scalar(
        select(func.count(Decision.id)).where(Decision.created_at >= _start_of_today())
    )
    waiting = [moment for moment in (held_oldest, flagged_oldest) if moment is not None]
    return QueueCounts(held_count, flagged_count, min(waiting, default=None), today or 0)


def policy_choices() -> list[tuple[int, str]]:
    """(id, title) of every policy, for the policy filter."""
    statement = select(Policy.id, Policy.title).order_by(Policy.title, Policy.id)
    return [(row.id, row.title) for row in db.session.execute(statement)]
