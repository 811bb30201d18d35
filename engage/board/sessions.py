"""Listening sessions a summary reports: reported sessions about the policy, for one period.

A session counts for the period it informed: held after the policy's previous period closed
and before this one closed (the latest period also takes the sessions held since it closed,
until a new period opens). Only public sessions with a filed report count: their attendance
and themes come from the report.
"""

from flask import current_app
from sqlalchemy.orm import selectinload

from engage.board.counting import excerpt
from engage.events.models import Event, EventStatus, SessionReport, event_policies
from engage.events.services.calendars import public_events
from engage.extensions import db
from engage.policies.models import CommentPeriod, PolicyVersion


def sessions_of(policy_id: int, period: CommentPeriod) -> list[dict]:
    """The reported sessions about the policy that informed `period`, oldest first."""
    after, before = _window(policy_id, period)
    linked = db.select(event_policies.c.event_id).where(event_policies.c.policy_id == policy_id)
    statement = (
        public_events()
        .join(SessionReport, SessionReport.event_id == Event.id)
        .where(Event.id.in_(linked), Event.status != EventStatus.CANCELLED.value)
        .options(
            selectinload(Event.report).selectinload(SessionReport.findings),
            selectinload(Event.organization),
        )
        .order_by(Event.starts_at, Event.id)
    )
    if after is not None:
        statement = statement.where(Event.starts_at > after)
    if before is not None:
        statement = statement.where(Event.starts_at <= before)
    return [_entry(event, policy_id) for event in db.session.scalars(statement)]


def _window(policy_id: int, period: CommentPeriod):
    """(previous period's close or None, this period's close or None when it is the latest)."""
    periods = db.session.scalars(
        db.select(CommentPeriod)
        .join(PolicyVersion, PolicyVersion.id == CommentPeriod.version_id)
        .where(PolicyVersion.policy_id == policy_id)
        .order_by(CommentPeriod.opens_at, CommentPeriod.id)
    ).all()
    index = next(i for i, p in enumerate(periods) if p.id == period.id)
    after = periods[index - 1].closes_at if index > 0 else None
    before = period.closes_at if index < len(periods) - 1 else None
    return after, before


def _entry(event: Event, policy_id: int) -> dict:
    report = event.report
    finding = next((f for f in report.findings if f.policy_id == policy_id), None)
    return {
        "id": event.id,
        "title": event.title,
        "starts_at": event.starts_at.isoformat(),
        "attendance": report.attendance,
        "report_url": report_path(event.id),
        "themes": list(report.themes or []),
        # Added to the design's shape: who ran it, and what was heard about this policy.
        "organization": event.organization.name if event.organization else None,
        "finding": excerpt(finding.heard_html) if finding and finding.heard_html else "",
    }


def report_path(event_id: int) -> str:
    """The report's public page, as a path (no request needed: the job runs from the CLI)."""
    adapter = current_app.url_map.bind("localhost")
    return adapter.build("event_reports.detail", {"event_id": event_id})
