"""Reading threads: a page of conversations in a fixed number of queries, whatever its size."""

from dataclasses import dataclass, field
from enum import StrEnum

from sqlalchemy import func, or_
from sqlalchemy.orm import aliased, joinedload

from engage.comments.models import Comment, CommentStatus, Endorsement, Flag, Stance
from engage.extensions import db
from engage.policies.models import Policy

PER_PAGE = 20
# Hidden and withdrawn comments stay as placeholders, so replies keep their context.
SHOWN = (CommentStatus.PUBLISHED.value, CommentStatus.HIDDEN.value, CommentStatus.WITHDRAWN.value)


class Sort(StrEnum):
    OLDEST = "oldest"
    NEWEST = "newest"
    ENDORSED = "endorsed"


@dataclass
class ThreadFilters:
    sort: str = Sort.OLDEST.value
    stance: str = ""
    section: str = ""

    @classmethod
    def from_args(cls, args, section_keys) -> "ThreadFilters":
        """Read the thread's filters from a query string; unknown values are ignored."""
        sort = args.get("sort", "")
        stance = args.get("stance", "")
        section = args.get("section", "")
        return cls(
            sort=sort if sort in set(Sort) else Sort.OLDEST.value,
            stance=stance if stance in set(Stance) else "",
            section=section if section in section_keys else "",
        )


@dataclass
class ThreadNode:
    comment: Comment
    replies: list["ThreadNode"] = field(default_factory=list)


@dataclass
class ThreadPage:
    pager: object
    threads: list[ThreadNode]
    endorsed_ids: set[int]


def _roots(policy: Policy, filters: ThreadFilters):
    # A hidden or withdrawn root stays, as a placeholder, while one of its replies is public.
    reply = aliased(Comment)
    has_public_reply = (
        db.select(reply.id)
        .where(reply.root_id == Comment.id, reply.status == CommentStatus.PUBLISHED.value)
        .exists()
    )
    statement = db.select(Comment).where(
        Comment.policy_id == policy.id,
        Comment.parent_id.is_(None),
        or_(
            Comment.status == CommentStatus.PUBLISHED.value,
            Comment.status.in_(SHOWN) & has_public_reply,
        ),
    )
    if filters.stance:
        statement = statement.where(Comment.stance == filters.stance)
    if filters.section:
        statement = statement.where(Comment.section_key == filters.section)
    order = {
        Sort.NEWEST: (Comment.created_at.desc(), Comment.id.desc()),
        Sort.ENDORSED: (Comment.endorsement_count.desc(), Comment.created_at, Comment.id),
    }.get(filters.sort, (Comment.created_at, Comment.id))
    return statement.options(joinedload(Comment.author)).order_by(*order)


def _replies(root_ids: list[int]) -> list[Comment]:
    if not root_ids:
        return []
    return list(
        db.session.scalars(
            db.select(Comment)
            .where(Comment.root_id.in_(root_ids), Comment.status.in_(SHOWN))
            .options(joinedload(Comment.author))
            .order_by(Comment.created_at, Comment.id)
        )
    )


def _tree(roots: list[Comment], replies: list[Comment]) -> list[ThreadNode]:
    nodes = {c.id: ThreadNode(c) for c in [*roots, *replies]}
    for reply in replies:
        parent = nodes.get(reply.parent_id)
        if parent is not None:
            parent.replies.append(nodes[reply.id])
    return [nodes[root.id] for root in roots]


def endorsed_by(viewer, comment_ids: list[int]) -> set[int]:
    """Which of these comments the viewer endorsed (one query; empty when signed out)."""
    if not comment_ids or viewer is None or not getattr(viewer, "is_authenticated", False):
        return set()
    return set(
        db.session.scalars(
            db.select(Endorsement.comment_id).where(
                Endorsement.user_id == viewer.id, Endorsement.comment_id.in_(comment_ids)
            )
        )
    )


def thread_page(policy: Policy, filters: ThreadFilters, page: int, viewer=None) -> ThreadPage:
    """One page of top-level comments with all their replies."""
    pager = db.paginate(_roots(policy, filters), page=page, per_page=PER_PAGE, error_out=False)
    roots = list(pager.items)
    replies = _replies([root.id for root in roots])
    shown_ids = [c.id for c in [*roots, *replies]]
    return ThreadPage(pager, _tree(roots, replies), endorsed_by(viewer, shown_ids))


def section_counts(policy: Policy) -> dict[str, int]:
    """Published comments per section of the policy (all versions), for the section links."""
    rows = db.session.execute(
        db.select(Comment.section_key, func.count(Comment.id))
        .where(
            Comment.policy_id == policy.id,
            Comment.status == CommentStatus.PUBLISHED.value,
            Comment.section_key.is_not(None),
        )
        .group_by(Comment.section_key)
    )
    return dict(rows.all())


def published_count(policy: Policy) -> int:
    return db.session.scalar(
        db.select(func.count(Comment.id)).where(
            Comment.policy_id == policy.id, Comment.status == CommentStatus.PUBLISHED.value
        )
    )


@dataclass
class ThreadCounts:
    total: int  # published comments, replies included
    by_section: dict[str, int]
    # Comments moderators hid, by the guideline they cited: the public sees that it happened.
    hidden: dict[str, int] = field(default_factory=dict)

    @property
    def hidden_total(self) -> int:
        return sum(self.hidden.values())


def thread_counts(policy: Policy) -> ThreadCounts:
    """The thread's heading count, each section's count and the hidden ones, in one query."""
    rows = db.session.execute(
        db.select(
            Comment.status, Comment.section_key, Comment.moderation_reason, func.count(Comment.id)
        )
        .where(
            Comment.policy_id == policy.id,
            Comment.status.in_((CommentStatus.PUBLISHED.value, CommentStatus.HIDDEN.value)),
        )
        .group_by(Comment.status, Comment.section_key, Comment.moderation_reason)
    ).all()
    by_section: dict[str, int] = {}
    hidden: dict[str, int] = {}
    for status, key, reason, n in rows:
        if status == CommentStatus.HIDDEN:
            hidden[reason or ""] = hidden.get(reason or "", 0) + n
        elif key is not None:
            by_section[key] = by_section.get(key, 0) + n
    total = sum(n for status, _key, _reason, n in rows if status == CommentStatus.PUBLISHED)
    return ThreadCounts(total, by_section, dict(sorted(hidden.items(), key=lambda kv: -kv[1])))


def flagged_by(viewer, comment_ids: list[int]) -> set[int]:
    """Which of these comments the viewer flagged (one query; empty when signed out)."""
    if not comment_ids or viewer is None or not getattr(viewer, "is_authenticated", False):
        return set()
    return set(
        db.session.scalars(
            db.select(Flag.comment_id).where(
                Flag.user_id == viewer.id, Flag.comment_id.in_(comment_ids)
            )
        )
    )


def conversation(comment: Comment) -> ThreadNode:
    """The whole thread `comment` belongs to: its top-level comment with every reply.

    `comment` itself is included whatever its status (its permalink decides who sees it).
    """
    root = comment if comment.root_id is None else db.session.get(Comment, comment.root_id)
    replies = [c for c in _replies([root.id]) if c.id != comment.id]
    if comment is not root:
        replies = sorted([*replies, comment], key=lambda c: (c.created_at, c.id))
    return _tree([root], replies)[0]


def thread_comments(node: ThreadNode) -> list[Comment]:
    """Every comment of a thread, depth first."""
    return [node.comment, *(c for reply in node.replies for c in thread_comments(reply))]
