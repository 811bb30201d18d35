"""What staff's summary pages and the public summary read."""

from dataclasses import dataclass

from sqlalchemy.orm import joinedload, selectinload

from engage.board.models import Summary, SummaryVersion
from engage.extensions import db
from engage.policies.models import CommentPeriod, Policy, PolicyVersion

PER_PAGE = 50


@dataclass
class PeriodRow:
    """A comment period on /staff/summaries, with its summary if one was opened."""

    period: CommentPeriod
    policy: Policy
    version: PolicyVersion
    summary: Summary | None

    @property
    def state(self) -> str:
        """ "none", "draft" or "sent"."""
        if self.summary is None:
            return "none"
        return "sent" if self.summary.versions else "draft"


def period_rows(policy: Policy | None, page: int):
    """Every comment period (of one policy, or all), the latest opening first, paginated."""
    statement = (
        db.select(CommentPeriod)
        .join(PolicyVersion, PolicyVersion.id == CommentPeriod.version_id)
        .options(joinedload(CommentPeriod.version).joinedload(PolicyVersion.policy))
        .order_by(CommentPeriod.opens_at.desc(), CommentPeriod.id.desc())
    )
    if policy is not None:
        statement = statement.where(PolicyVersion.policy_id == policy.id)
    return db.paginate(statement, page=page, per_page=PER_PAGE, error_out=False)


def rows_of(pager) -> list[PeriodRow]:
    """The page's rows with their summaries (and the summaries' versions) in one query."""
    periods = list(pager.items)
    summaries = {
        summary.period_id: summary
        for summary in db.session.scalars(
            db.select(Summary)
            .where(Summary.period_id.in_([period.id for period in periods]))
            .options(selectinload(Summary.versions))
        )
    }
    return [
        PeriodRow(period, period.version.policy, period.version, summaries.get(period.id))
        for period in periods
    ]


def load_summary(summary_id: int) -> Summary | None:
    return db.session.get(
        Summary,
        summary_id,
        options=[
            joinedload(Summary.policy),
            joinedload(Summary.period),
            selectinload(Summary.versions),
            selectinload(Summary.responses),
        ],
    )


def version_of(summary: Summary, number: int) -> SummaryVersion | None:
    return next((v for v in summary.versions if v.number == number), None)


def latest_summary(policy: Policy) -> Summary | None:
    """The summary of the policy's latest comment period that has one."""
    return db.session.scalar(
        db.select(Summary)
        .join(CommentPeriod, CommentPeriod.id == Summary.period_id)
        .where(Summary.policy_id == policy.id)
        .order_by(CommentPeriod.opens_at.desc())
        .limit(1)
    )


def latest_summary_data(policy: Policy) -> dict:
    """The stored data of the policy's latest summary (for suggested themes)."""
    summary = latest_summary(policy)
    return (summary.data or {}) if summary is not None else {}
