"""Scheduled work for followers: tell them when a comment period reached its deadline.

Run by `flask engage send-notices` (e.g. every 15 minutes from cron). Safe to run again and
concurrently: each period is marked once its notice is queued, in the same transaction.
"""

from datetime import datetime, timedelta

from sqlalchemy.orm import selectinload

from engage.comments import notifications
from engage.extensions import db
from engage.policies.models import CommentPeriod, PolicyVersion
from engage.types import utcnow

# Periods that closed longer ago than this (e.g. before the job was first scheduled) are
# marked without mail: a notice weeks late is noise, not news.
STALE_AFTER = timedelta(days=7)


def _due(now: datetime) -> list[CommentPeriod]:
    statement = (
        db.select(CommentPeriod)
        .where(CommentPeriod.closes_at <= now, CommentPeriod.close_notice_sent_at.is_(None))
        .options(selectinload(CommentPeriod.version).selectinload(PolicyVersion.policy))
        .order_by(CommentPeriod.closes_at, CommentPeriod.id)
        # PostgreSQL: a second run at the same moment skips the rows this one holds.
        .with_for_update(skip_locked=True, of=CommentPeriod)
    )
    return list(db.session.scalars(statement))


def send_close_notices(now: datetime | None = None) -> dict[str, int]:
    """Queue the 'period closed' mail for periods past their deadline; each only once.

    Periods closed early were announced when staff closed them: they are only marked.
    Returns how many periods were announced and how many were only marked.
    """
    now = now or utcnow()
    counts = {"announced": 0, "marked": 0}
    for period in _due(now):
        if period.closed_early_at is None and now - period.closes_at <= STALE_AFTER:
            notifications._tell_followers(
                period.version.policy, "follow_period", period=period, event="closed"
            )
            counts["announced"] += 1
        else:
            counts["marked"] += 1
        period.close_notice_sent_at = now
    db.session.flush()
    return counts
