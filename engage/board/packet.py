"""The annual oversight packet: for every technology, what the year brought, in one document.

For each technology: the policy version in force at the end of the year, what the year's
annual report said about it, the summaries sent to the board that year, how many comments
residents sent, and the exigent-use notices with their outcomes. Read-only; the board's
version adds the board's private notes on each summary, the public version never does.
"""

from collections import defaultdict
from dataclasses import dataclass, field
from datetime import UTC, datetime
from zoneinfo import ZoneInfo

from flask import current_app
from sqlalchemy import func, or_
from sqlalchemy.orm import joinedload, selectinload

from engage.board.models import BoardNote, Summary, SummaryVersion
from engage.comments.models import Comment, CommentStatus
from engage.extensions import db
from engage.policies.models import Department, Policy, PolicyVersion, Technology
from engage.reports.models import AnnualReport, ExigentUse, ReportEntry
from engage.types import utcnow


@dataclass
class PolicyInForce:
    policy: Policy
    version: PolicyVersion


@dataclass
class SentSummary:
    summary: Summary
    version: SummaryVersion  # the last version sent to the board during the year
    notes: list[BoardNote] = field(default_factory=list)


@dataclass
class TechnologyPacket:
    technology: Technology
    policies: list[PolicyInForce] = field(default_factory=list)
    report_entries: list[ReportEntry] = field(default_factory=list)
    summaries: list[SentSummary] = field(default_factory=list)
    comment_count: int = 0
    exigent: list[ExigentUse] = field(default_factory=list)


@dataclass
class Packet:
    year: int
    technologies: list[TechnologyPacket]
    with_notes: bool
    generated_at: datetime = field(default_factory=utcnow)

    @property
    def totals(self) -> dict[str, int]:
        items = self.technologies
        return {
            "comments": sum(t.comment_count for t in items),
            "summaries": sum(len(t.summaries) for t in items),
            "exigent": sum(len(t.exigent) for t in items),
            "reports": sum(1 for t in items if t.report_entries),
        }


# Years -----------------------------------------------------------------------------------


def _zone() -> ZoneInfo:
    return ZoneInfo(current_app.config["ENGAGE_TIMEZONE"])


def _local_year(moment: datetime | None) -> int | None:
    return moment.astimezone(_zone()).year if moment else None


def year_bounds(year: int) -> tuple[datetime, datetime]:
    """The first moment of `year` and of the next, city time, as UTC."""
    zone = _zone()
    start = datetime(year, 1, 1, tzinfo=zone).astimezone(UTC)
    return start, datetime(year + 1, 1, 1, tzinfo=zone).astimezone(UTC)


def packet_years() -> list[int]:
    """Every year a packet can cover, newest first: from the first record to this year."""
    firsts = [
        _local_year(db.session.scalar(db.select(func.min(PolicyVersion.published_at)))),
        _local_year(db.session.scalar(db.select(func.min(ExigentUse.started_at)))),
        _local_year(db.session.scalar(db.select(func.min(SummaryVersion.sent_at)))),
        db.session.scalar(db.select(func.min(AnnualReport.year))),
    ]
    known = [year for year in firsts if year]
    if not known:
        return []
    this_year = utcnow().astimezone(_zone()).year
    last = max(this_year, db.session.scalar(db.select(func.max(AnnualReport.year))) or 0)
    return list(range(last, min(known) - 1, -1))


# Gathering -------------------------------------------------------------------------------


def _technologies() -> list[Technology]:
    statement = (
        db.select(Technology)
        .join(Technology.department)
        .options(joinedload(Technology.department))
        .order_by(Department.name, Technology.name, Technology.id)
    )
    return list(db.session.scalars(statement))


def _policies_in_force(end: datetime) -> dict[int, list[PolicyInForce]]:
    found: dict[int, list[PolicyInForce]] = defaultdict(list)
    statement = db.select(Policy).options(selectinload(Policy.versions)).order_by(Policy.title)
    for policy in db.session.scalars(statement):
        published = [v for v in policy.versions if v.published_at < end]
        if published:
            found[policy.technology_id].append(PolicyInForce(policy, published[-1]))
    return found


def _report_entries(year: int) -> dict[int, list[ReportEntry]]:
    found: dict[int, list[ReportEntry]] = defaultdict(list)
    statement = (
        db.select(ReportEntry)
        .join(ReportEntry.report)
        .where(AnnualReport.year == year)
        .options(selectinload(ReportEntry.sharing), joinedload(ReportEntry.report))
    )
    for entry in db.session.scalars(statement):
        found[entry.technology_id].append(entry)
    return found


def _summaries(start: datetime, end: datetime, with_notes: bool) -> dict[int, list[SentSummary]]:
    statement = (
        db.select(SummaryVersion)
        .where(SummaryVersion.sent_at >= start, SummaryVersion.sent_at < end)
        .options(joinedload(SummaryVersion.summary).joinedload(Summary.policy))
        .order_by(SummaryVersion.sent_at, SummaryVersion.number)
    )
    latest: dict[int, SummaryVersion] = {}
    for version in db.session.scalars(statement):
        latest[version.summary_id] = version  # later versions replace earlier ones
    notes = _notes(list(latest)) if with_notes else {}
    found: dict[int, list[SentSummary]] = defaultdict(list)
    for summary_id, version in latest.items():
        summary = version.summary
        found[summary.policy.technology_id].append(
            SentSummary(summary, version, notes.get(summary_id, []))
        )
    return found


def _notes(summary_ids: list[int]) -> dict[int, list[BoardNote]]:
    found: dict[int, list[BoardNote]] = defaultdict(list)
    if not summary_ids:
        return found
    statement = (
        db.select(BoardNote)
        .where(BoardNote.summary_id.in_(summary_ids))
        .options(joinedload(BoardNote.author))
        .order_by(BoardNote.created_at, BoardNote.id)
    )
    for note in db.session.scalars(statement):
        found[note.summary_id].append(note)
    return found


def _comment_counts(start: datetime, end: datetime) -> dict[int, int]:
    """Published comments received during the year, per technology (official answers not)."""
    statement = (
        db.select(Policy.technology_id, func.count(Comment.id))
        .join(Policy, Policy.id == Comment.policy_id)
        .where(Comment.status == CommentStatus.PUBLISHED.value)
        .where(Comment.is_official_response.is_(False))
        .where(Comment.received_at >= start, Comment.received_at < end)
        .group_by(Policy.technology_id)
    )
    return dict(db.session.execute(statement).all())


def _exigent(start: datetime, end: datetime) -> dict[int, list[ExigentUse]]:
    """Exigent uses going on at any time during the year."""
    found: dict[int, list[ExigentUse]] = defaultdict(list)
    statement = (
        db.select(ExigentUse)
        .where(ExigentUse.started_at < end)
        .where(or_(ExigentUse.ended_at.is_(None), ExigentUse.ended_at >= start))
        .order_by(ExigentUse.started_at, ExigentUse.id)
    )
    for notice in db.session.scalars(statement):
        found[notice.technology_id].append(notice)
    return found


def gather_packet(year: int, with_notes: bool = False) -> Packet:
    """Everything the packet for `year` shows, for every technology in the catalog."""
    start, end = year_bounds(year)
    policies = _policies_in_force(end)
    entries = _report_entries(year)
    summaries = _summaries(start, end, with_notes)
    counts = _comment_counts(start, end)
    notices = _exigent(start, end)
    technologies = [
        TechnologyPacket(
            technology=technology,
            policies=policies.get(technology.id, []),
            report_entries=entries.get(technology.id, []),
            summaries=summaries.get(technology.id, []),
            comment_count=counts.get(technology.id, 0),
            exigent=notices.get(technology.id, []),
        )
        for technology in _technologies()
    ]
    return Packet(year, technologies, with_notes)
