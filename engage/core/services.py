"""What the home page shows: where a resident can act now."""

from sqlalchemy.orm import selectinload

from engage.events.session_queries import EventFilters, listing_statement
from engage.extensions import db
from engage.policies.models import CommentPeriod, Policy, PolicyVersion
from engage.reports.models import AnnualReport
from engage.types import utcnow

HOME_LIST_SIZE = 6


def _periods(where, order):
    statement = (
        db.select(CommentPeriod)
        .join(CommentPeriod.version)
        .join(PolicyVersion.policy)
        .where(where)
        .options(selectinload(CommentPeriod.version).selectinload(PolicyVersion.policy))
        .order_by(order)
        .limit(HOME_LIST_SIZE)
    )
    return db.session.scalars(statement).all()


def home_page() -> dict:
    """Open periods (closing soonest first), upcoming ones, and the newest reports."""
    now = utcnow()
    open_periods = _periods(CommentPeriod.is_open, CommentPeriod.closes_at)
    upcoming = _periods(CommentPeriod.opens_at > now, CommentPeriod.opens_at)
    reports = db.session.scalars(
        db.select(AnnualReport)
        .order_by(AnnualReport.year.desc(), AnnualReport.published_at.desc())
        .limit(HOME_LIST_SIZE)
    ).all()
    policy_count = db.session.scalar(db.select(db.func.count(Policy.id)))
    sessions = db.session.scalars(listing_statement(EventFilters()).limit(HOME_LIST_SIZE)).all()
    return {
        "open_periods": open_periods,
        "upcoming_periods": upcoming,
        "recent_reports": reports,
        "upcoming_sessions": sessions,
        "policy_count": policy_count,
    }
