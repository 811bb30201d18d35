"""What the board's pages read: summaries sent to the board, deadlines, seats and meetings."""

from dataclasses import dataclass, field
from datetime import date, datetime, timedelta

from sqlalchemy import func, or_
from sqlalchemy.orm import joinedload, selectinload

from engage.board.models import (
    BoardMeeting,
    BoardMember,
    BoardNote,
    BoardSeat,
    Summary,
    SummaryVersion,
)
from engage.extensions import db
from engage.policies.models import CommentPeriod, Policy, PolicyStatus, PolicyVersion
from engage.reports.models import ExigentOutcome, ExigentUse
from engage.types import utcnow

# How far ahead the dashboard looks for comment periods closing and reports falling due.
LOOK_AHEAD = timedelta(days=30)


# Summaries -------------------------------------------------------------------------------


@dataclass
class SummaryRow:
    """A summary on /board: its latest sent version and what is new since the last visit."""

    summary: Summary
    version: SummaryVersion
    changed: bool
    new_notes: int
    notes: int


def _last_sent():
    return (
        db.select(SummaryVersion.summary_id, func.max(SummaryVersion.sent_at).label("last_sent"))
        .group_by(SummaryVersion.summary_id)
        .subquery()
    )


def sent_summaries() -> list[Summary]:
    """Summaries sent to the board at least once, the most recently sent first."""
    last = _last_sent()
    statement = (
        db.select(Summary)
        .join(last, last.c.summary_id == Summary.id)
        .options(
            selectinload(Summary.versions),
            joinedload(Summary.policy),
            joinedload(Summary.period),
        )
        .order_by(last.c.last_sent.desc(), Summary.id.desc())
    )
    return list(db.session.scalars(statement))


def _note_counts(summary_ids: list[int], since: datetime | None, reader_id: int):
    """{summary_id: (all notes, notes by others since `since`)}."""
    if not summary_ids:
        return {}
    new = BoardNote.author_id.is_distinct_from(reader_id)
    if since is not None:
        new = new & (BoardNote.created_at > since)
    statement = (
        db.select(
            BoardNote.summary_id,
            func.count(BoardNote.id),
            func.count(BoardNote.id).filter(new),
        )
        .where(BoardNote.summary_id.in_(summary_ids))
        .group_by(BoardNote.summary_id)
    )
    return {
        summary_id: (total, fresh) for summary_id, total, fresh in db.session.execute(statement)
    }


def summary_rows(since: datetime | None, reader_id: int) -> list[SummaryRow]:
    """/board's list: newest first, each marked changed if a version was sent since `since`."""
    summaries = sent_summaries()
    counts = _note_counts([s.id for s in summaries], since, reader_id)
    rows = []
    for summary in summaries:
        version = summary.latest_version
        total, fresh = counts.get(summary.id, (0, 0))
        changed = since is None or version.sent_at > since
        rows.append(SummaryRow(summary, version, changed, fresh, total))
    return rows


def sent_summary(summary_id: int) -> Summary | None:
    """A summary the board may read: one with at least one sent version."""
    summary = db.session.get(
        Summary, summary_id, options=[selectinload(Summary.versions), joinedload(Summary.policy)]
    )
    return summary if summary is not None and summary.versions else None


def notes_on(summary: Summary) -> list[BoardNote]:
    """The board's notes on a summary, oldest first (a conversation reads top to bottom)."""
    return list(
        db.session.scalars(
            db.select(BoardNote)
            .where(BoardNote.summary_id == summary.id)
            .options(joinedload(BoardNote.author))
            .order_by(BoardNote.created_at, BoardNote.id)
        )
    )


# Deadlines and pending decisions ---------------------------------------------------------


@dataclass
class Deadlines:
    closing_periods: list[CommentPeriod] = field(default_factory=list)
    reports_due: list[ExigentUse] = field(default_factory=list)
    ongoing_uses: list[ExigentUse] = field(default_factory=list)
    awaiting_decision: list[Policy] = field(default_factory=list)
    reports_to_decide: list[ExigentUse] = field(default_factory=list)

    @property
    def empty(self) -> bool:
        return not any(vars(self).values())


def _closing_periods(now: datetime) -> list[CommentPeriod]:
    return list(
        db.session.scalars(
            db.select(CommentPeriod)
            .where(CommentPeriod.opens_at <= now, CommentPeriod.closes_at > now)
            .where(CommentPeriod.closes_at <= now + LOOK_AHEAD)
            .options(joinedload(CommentPeriod.version).joinedload(PolicyVersion.policy))
            .order_by(CommentPeriod.closes_at)
        )
    )


def _exigent(*conditions, order=ExigentUse.report_due_at) -> list[ExigentUse]:
    statement = db.select(ExigentUse).where(*conditions).order_by(order, ExigentUse.id)
    return list(db.session.scalars(statement))


def deadlines(now: datetime | None = None) -> Deadlines:
    """Comment periods closing soon, exigent-use reports due or overdue, decisions pending."""
    now = now or utcnow()
    not_received = ExigentUse.report_received_at.is_(None)
    return Deadlines(
        closing_periods=_closing_periods(now),
        reports_due=_exigent(
            not_received,
            ExigentUse.report_due_at.is_not(None),
            ExigentUse.report_due_at <= now + LOOK_AHEAD,
        ),
        ongoing_uses=_exigent(
            not_received, ExigentUse.ended_at.is_(None), order=ExigentUse.started_at
        ),
        awaiting_decision=list(
            db.session.scalars(
                db.select(Policy)
                .where(Policy.status == PolicyStatus.UNDER_REVIEW.value)
                .order_by(Policy.title)
            )
        ),
        reports_to_decide=_exigent(
            ExigentUse.report_received_at.is_not(None),
            ExigentUse.outcome == ExigentOutcome.PENDING.value,
            order=ExigentUse.report_received_at,
        ),
    )


# Seats, members and meetings -------------------------------------------------------------


@dataclass
class SeatView:
    seat: BoardSeat
    current: list[BoardMember]
    past: list[BoardMember]


def _is_current(member: BoardMember, today: date) -> bool:
    return member.term_start <= today and (member.term_end is None or member.term_end >= today)


def seats(today: date | None = None) -> list[SeatView]:
    """Every seat in order with who holds it now, who held it before (and who is to come)."""
    today = today or utcnow().date()
    statement = (
        db.select(BoardSeat)
        .options(selectinload(BoardSeat.members))
        .order_by(BoardSeat.position, BoardSeat.id)
    )
    views = []
    for seat in db.session.scalars(statement):
        current = [m for m in seat.members if _is_current(m, today)]
        past = [m for m in seat.members if m not in current]
        views.append(SeatView(seat, current, past))
    return views


def seat_of(user_id: int, today: date | None = None) -> BoardMember | None:
    """The seat this account holds now, if any."""
    today = today or utcnow().date()
    return db.session.scalar(
        db.select(BoardMember)
        .where(BoardMember.user_id == user_id, BoardMember.term_start <= today)
        .where(or_(BoardMember.term_end.is_(None), BoardMember.term_end >= today))
        .options(joinedload(BoardMember.seat))
    )


def meetings(now: datetime | None = None) -> tuple[list[BoardMeeting], list[BoardMeeting]]:
    """(upcoming meetings, soonest first; past meetings, latest first)."""
    now = now or utcnow()
    upcoming = db.session.scalars(
        db.select(BoardMeeting)
        .where(BoardMeeting.starts_at >= now)
        .order_by(BoardMeeting.starts_at)
    )
    past = db.session.scalars(
        db.select(BoardMeeting)
        .where(BoardMeeting.starts_at < now)
        .order_by(BoardMeeting.starts_at.desc())
    )
    return list(upcoming), list(past)


def seat_choices() -> list[BoardSeat]:
    return list(db.session.scalars(db.select(BoardSeat).order_by(BoardSeat.position, BoardSeat.id)))
