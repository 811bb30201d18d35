"""Keeping summaries current: changes mark a period's summary stale, the job recomputes it.

Requests only mark (one cheap UPDATE of the summary row: stale, and updated_at moves);
`flask engage build-summaries` recomputes what is stale, committing after each summary, and
staff's "Refresh now" calls `refresh(summary)`. A mark made while a summary is being computed
moves updated_at, so the stored result keeps it stale for the next run instead of losing it.
Versions sent to the board (SummaryVersion) are frozen copies: nothing here touches them.
"""

from sqlalchemy import case, update

from engage import signals
from engage.board.compute import compute_summary
from engage.board.models import Summary
from engage.comments.models import Comment
from engage.extensions import db
from engage.policies.models import CommentPeriod
from engage.types import utcnow


def connect() -> None:
    """Listen for what changes a summary's numbers (endorsements don't)."""
    signals.comment_posted.connect(_comment_changed)
    signals.comment_changed.connect(_comment_changed)
    signals.period_extended.connect(_period_changed)
    signals.period_closed.connect(_period_changed)


def _comment_changed(comment: Comment, **_extra) -> None:
    if comment.period_id is not None:
        mark_stale(comment.period_id)


def _period_changed(period: CommentPeriod, **_extra) -> None:
    mark_stale(period.id)


def mark_stale(period_id: int) -> None:
    """Mark the period's summary for the job (updated_at moves: see refresh)."""
    db.session.execute(
        update(Summary)
        .where(Summary.period_id == period_id)
        .values(stale=True, updated_at=utcnow())
        .execution_options(synchronize_session=False)
    )


def mark_policy_stale(policy_id: int) -> None:
    """Mark every summary of the policy (its themes or sessions changed)."""
    db.session.execute(
        update(Summary)
        .where(Summary.policy_id == policy_id)
        .values(stale=True, updated_at=utcnow())
        .execution_options(synchronize_session=False)
    )


def refresh(summary: Summary) -> Summary:
    """Recompute the summary's stored numbers now (staff's "Refresh now"; the job)."""
    seen = db.session.scalar(db.select(Summary.updated_at).where(Summary.id == summary.id))
    unchanged = Summary.updated_at.is_(None) if seen is None else Summary.updated_at == seen
    data = compute_summary(summary)
    # A change marked while computing (updated_at moved) keeps the summary stale for the
    # next run, instead of being lost when the result is stored.
    db.session.execute(
        update(Summary)
        .where(Summary.id == summary.id)
        .values(
            data=data,
            computed_at=utcnow(),
            stale=case((unchanged, False), else_=True),
            updated_at=Summary.updated_at,
        )
        .execution_options(synchronize_session=False)
    )
    db.session.expire(summary)
    db.session.flush()
    return summary


def summaries_to_build(everything: bool = False) -> list[int]:
    """The ids of the stale summaries (or of all of them)."""
    statement = db.select(Summary.id).order_by(Summary.id)
    if not everything:
        statement = statement.where(Summary.stale.is_(True))
    return list(db.session.scalars(statement))


def build_stale_summaries(everything: bool = False) -> int:
    """Recompute every stale summary (or all of them); return how many. The caller commits
    (the command commits after each one: see engage/board/cli.py)."""
    ids = summaries_to_build(everything)
    for summary_id in ids:
        refresh(db.session.get(Summary, summary_id))
    return len(ids)
