"""The public moderation report: monthly totals, appeals and time to a decision.

Every number is an aggregate computed by the database, in a fixed number of queries whatever
the volume; nothing here names a person. Months are calendar months in UTC.
"""

from dataclasses import dataclass, field
from datetime import UTC, date, datetime

from flask_babel import lazy_gettext as _l
from flask_babel import lazy_pgettext, ngettext
from sqlalchemy import and_, case, extract, func, or_

from engage.comments.models import Comment, Flag
from engage.extensions import db
from engage.formatting import format_date
from engage.moderation.models import (
    Action,
    Appeal,
    AppealOutcome,
    Decision,
    Guideline,
    GuidelineVersion,
)
from engage.types import utcnow

MONTHS = 12
# Decisions that take a comment away from readers, counted by the guideline they cite.
REMOVALS = (Action.HIDE, Action.REDACT, Action.SPAM)
# A review of a comment (locks, unlocks and suspensions are not about one comment's text).
REVIEWS = (Action.APPROVE, Action.HIDE, Action.REDACT, Action.SPAM, Action.RESTORE)

ACTION_LABELS = {
    # A policy is "Approved" too; some languages word the two differently.
    Action.APPROVE: lazy_pgettext("comments a moderator approved", "Approved"),
    Action.HIDE: _l("Hidden"),
    Action.REDACT: _l("Redacted"),
    Action.RESTORE: _l("Restored"),
    Action.SPAM: _l("Marked as spam"),
    Action.LOCK: _l("Thread locked"),
    Action.UNLOCK: _l("Thread unlocked"),
    Action.SUSPEND: _l("Account suspended"),
    Action.LIFT_SUSPENSION: _l("Suspension lifted"),
}


@dataclass
class Breakdown:
    """Counts per month (rows) and per key (columns), keys in the order they should show."""

    months: list[str]
    keys: list[str]
    counts: dict[tuple[str, str], int] = field(default_factory=dict)

    def count(self, month: str, key: str) -> int:
        return self.counts.get((month, key), 0)

    def month_total(self, month: str) -> int:
        return sum(self.count(month, key) for key in self.keys)

    def key_total(self, key: str) -> int:
        return sum(self.count(month, key) for month in self.months)

    @property
    def total(self) -> int:
        return sum(self.counts.values())


@dataclass
class Median:
    decided: int = 0
    seconds: float | None = None


@dataclass
class ModerationReport:
    months: list[str]
    by_reason: Breakdown
    by_action: Breakdown
    reason_titles: dict[str, str]
    appeals: Breakdown
    medians: dict[str, Median]
    overall: Median


def _dialect() -> str:
    return db.session.get_bind().dialect.name


def month_of(column):
    """'YYYY-MM' of a UTC timestamp column, in SQL."""
    if _dialect() == "postgresql":
        return func.to_char(func.timezone("UTC", column), "YYYY-MM")
    return func.strftime("%Y-%m", column)


def seconds_between(later, earlier):
    """Seconds from `earlier` to `later` (two timestamp columns), in SQL."""
    if _dialect() == "postgresql":
        return extract("epoch", later - earlier)
    return (func.julianday(later) - func.julianday(earlier)) * 86400.0


def report_months(now: datetime | None = None, count: int = MONTHS) -> list[str]:
    """The last `count` calendar months, newest first, as 'YYYY-MM'."""
    now = now or utcnow()
    year, month = now.year, now.month
    months = []
    for _ in range(count):
        months.append(f"{year:04d}-{month:02d}")
        year, month = (year, month - 1) if month > 1 else (year - 1, 12)
    return months


def _start(month: str) -> datetime:
    year, number = month.split("-")
    return datetime(int(year), int(number), 1, tzinfo=UTC)


def _grouped(column, key_column, *where) -> dict[tuple[str, str], int]:
    month = month_of(column)
    rows = db.session.execute(
        db.select(month, key_column, func.count()).where(*where).group_by(month, key_column)
    )
    return {(m, str(k)): n for m, k, n in rows}


def _by_reason(since: datetime) -> dict[tuple[str, str], int]:
    return _grouped(
        Decision.created_at,
        Decision.guideline_key,
        Decision.created_at >= since,
        Decision.action.in_([a.value for a in REMOVALS]),
    )


def _by_action(since: datetime) -> dict[tuple[str, str], int]:
    return _grouped(Decision.created_at, Decision.action, Decision.created_at >= since)


def _appeals(since: datetime) -> dict[tuple[str, str], int]:
    """Appeals filed per month, and their outcome so far."""
    month = month_of(Appeal.created_at)

    def outcome(value: AppealOutcome):
        return func.sum(case((Appeal.outcome == value.value, 1), else_=0))

    rows = db.session.execute(
        db.select(
            month,
            func.count(),
            outcome(AppealOutcome.PENDING),
            outcome(AppealOutcome.UPHELD),
            outcome(AppealOutcome.REVERSED),
        )
        .where(Appeal.created_at >= since)
        .group_by(month)
    )
    counts = {}
    for m, filed, pending, upheld, reversed_ in rows:
        counts.update(
            {
                (m, "filed"): filed,
                (m, AppealOutcome.PENDING.value): int(pending or 0),
                (m, AppealOutcome.UPHELD.value): int(upheld or 0),
                (m, AppealOutcome.REVERSED.value): int(reversed_ or 0),
            }
        )
    return counts


def _waits(since: datetime):
    """Each comment's wait for its first review: (month decided, seconds), as a subquery.

    The wait starts when the comment was posted, or, for a published comment that was
    flagged, at its first flag; it ends at the first review decision.
    """
    first = (
        db.select(Decision.comment_id, func.min(Decision.id).label("decision_id"))
        .where(Decision.comment_id.is_not(None), Decision.action.in_([a.value for a in REVIEWS]))
        .group_by(Decision.comment_id)
        .subquery()
    )
    flagged = (
        db.select(Flag.comment_id, func.min(Flag.created_at).label("flagged_at"))
        .group_by(Flag.comment_id)
        .subquery()
    )
    decided_at = Decision.created_at
    from_flag = and_(
        or_(Decision.previous_status.is_(None), Decision.previous_status != "held"),
        flagged.c.flagged_at.is_not(None),
        flagged.c.flagged_at <= decided_at,
    )
    started = case((from_flag, flagged.c.flagged_at), else_=Comment.created_at)
    return (
        db.select(
            month_of(decided_at).label("month"),
            seconds_between(decided_at, started).label("seconds"),
        )
        .join(first, first.c.decision_id == Decision.id)
        .join(Comment, Comment.id == Decision.comment_id)
        .outerjoin(flagged, flagged.c.comment_id == Decision.comment_id)
        .where(decided_at >= since)
        .subquery()
    )


def _medians(since: datetime, per_month: bool) -> dict[str, Median]:
    """The median wait (the mean of the middle one or two), per month or overall ('all')."""
    waits = _waits(since)
    partition = [waits.c.month] if per_month else None
    ranked = db.select(
        waits.c.month,
        waits.c.seconds,
        func.row_number().over(partition_by=partition, order_by=waits.c.seconds).label("rn"),
        func.count().over(partition_by=partition).label("n"),
    ).subquery()
    middle = or_(ranked.c.rn == (ranked.c.n + 1) // 2, ranked.c.rn == (ranked.c.n + 2) // 2)
    groups = [ranked.c.month, ranked.c.n] if per_month else [ranked.c.n]
    rows = db.session.execute(
        db.select(*groups, func.avg(ranked.c.seconds)).where(middle).group_by(*groups)
    )
    if not per_month:
        row = rows.first()
        return {"all": Median(int(row[0]), float(row[1]))} if row else {}
    return {month: Median(int(n), float(seconds)) for month, n, seconds in rows}


def reason_titles() -> dict[str, str]:
    """Each guideline key's title in the latest version that has it (one query)."""
    rows = db.session.execute(
        db.select(Guideline.key, Guideline.title)
        .join(GuidelineVersion, GuidelineVersion.id == Guideline.version_id)
        .order_by(GuidelineVersion.number, Guideline.position)
    )
    return dict(rows.all())


def _since_first_activity(months: list[str], *counts: dict) -> list[str]:
    """Drop the empty months before the first decision or appeal (keep at least this month)."""
    active = {month for table in counts for month, _key in table}
    oldest = min(active, default=months[0])
    return [month for month in months if month >= oldest]


def moderation_report(now: datetime | None = None) -> ModerationReport:
    """The report for the last twelve months (a constant number of queries)."""
    months = report_months(now)
    since = _start(months[-1])
    titles = reason_titles()
    reasons = _by_reason(since)
    reason_keys = [k for k in titles if any(key == k for _, key in reasons)]
    reason_keys += sorted({key for _, key in reasons} - set(reason_keys))
    actions = _by_action(since)
    action_keys = [a.value for a in Action if any(key == a.value for _, key in actions)]
    appeal_keys = ["filed", *(o.value for o in AppealOutcome)]
    overall = _medians(since, per_month=False).get("all", Median())
    appeal_counts = _appeals(since)
    months = _since_first_activity(months, actions, appeal_counts)
    return ModerationReport(
        months=months,
        by_reason=Breakdown(months, reason_keys, reasons),
        by_action=Breakdown(months, action_keys, actions),
        reason_titles=titles,
        appeals=Breakdown(months, appeal_keys, appeal_counts),
        medians=_medians(since, per_month=True),
        overall=overall,
    )


def duration_label(seconds: float | None) -> str:
    """A wait in words: '2 days, 3 hours', '5 hours, 20 minutes', 'under a minute'."""
    if seconds is None:
        return ""
    minutes = round(seconds) // 60  # julianday arithmetic on SQLite is off by milliseconds
    if minutes < 1:
        return str(_l("under a minute"))
    days, rest = divmod(minutes, 24 * 60)
    hours, minutes = divmod(rest, 60)
    parts = []
    if days:
        parts.append(ngettext("%(num)d day", "%(num)d days", days))
    if hours:
        parts.append(ngettext("%(num)d hour", "%(num)d hours", hours))
    if minutes and not days:
        parts.append(ngettext("%(num)d minute", "%(num)d minutes", minutes))
    return ", ".join(parts)


def month_label(month: str) -> str:
    """'2026-03' as 'March 2026' in the reader's language."""
    year, number = month.split("-")
    return format_date(date(int(year), int(number), 1), "MMMM y")
