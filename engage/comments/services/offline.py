"""Comments received by email, letter, phone or at a meeting, entered by staff."""

import csv
import hashlib
import io
from dataclasses import dataclass, field
from datetime import UTC, datetime
from zoneinfo import ZoneInfo

from flask import current_app
from flask_babel import lazy_gettext as _l

from engage import audit, signals
from engage.comments.models import Channel, Comment, CommentStatus
from engage.comments.services.errors import CommentError
from engage.comments.services.posting import _body, _check_choices, new_tracking_number
from engage.extensions import db
from engage.policies.models import CommentPeriod, Policy
from engage.policies.services import current_period
from engage.reference import language_codes
from engage.types import utcnow

OFFLINE_CHANNELS = (Channel.EMAIL, Channel.LETTER, Channel.PHONE, Channel.MEETING)


@dataclass
class OfflineComment:
    body: str
    channel: str
    received_at: datetime
    author_name: str | None = None
    language: str | None = None
    neighborhood: str | None = None
    stance: str | None = None
    section_key: str | None = None
    import_key: str | None = None


def _period_for(policy: Policy, received_at: datetime) -> tuple[CommentPeriod, bool]:
    """The period a comment received at that moment belongs to, and whether it is late."""
    period = current_period(policy)
    if period is None or received_at < period.opens_at:
        raise CommentError(_l("The policy had no comment period open on that date."), "received_at")
    if received_at <= period.closes_at:
        return period, False
    if period.accepts_late_comments:
        return period, True
    raise CommentError(_l("That date is after the comment period closed."), "received_at")


def _check_offline(data: OfflineComment) -> None:
    if data.channel not in {c.value for c in OFFLINE_CHANNELS}:
        raise CommentError(_l("Choose how the comment was received."), "channel")
    if data.received_at > utcnow():
        raise CommentError(_l("The date received can't be in the future."), "received_at")
    if data.language and data.language not in language_codes():
        raise CommentError(_l("Choose a language from the list."), "language")


def enter_offline_comment(staff, policy: Policy, data: OfflineComment) -> Comment:
    """Record a comment received offline; published at once, like the record it is."""
    _check_offline(data)
    period, late = _period_for(policy, data.received_at)
    version = period.version
    _check_choices(version, _as_comment_data(data))
    body, html = _body(data.body)
    name = (data.author_name or "").strip()[:120] or None
    comment = Comment(
        tracking_number=new_tracking_number(),
        policy_id=policy.id,
        version_id=version.id,
        period_id=period.id,
        section_key=data.section_key or None,
        author_name=name,
        show_name=name is not None,
        entered_by_id=staff.id,
        neighborhood=data.neighborhood or None,
        stance=data.stance or None,
        body_md=body,
        body_html=html,
        channel=data.channel,
        language=data.language or None,
        received_at=data.received_at,
        is_late=late,
        import_key=data.import_key,
        status=CommentStatus.PUBLISHED.value,
    )
    db.session.add(comment)
    db.session.flush()
    audit.record(
        staff, "comment.enter", comment, summary=f"{data.channel}: {comment.tracking_number}"
    )
    signals.comment_posted.send(comment, parent=None)
    return comment


def _as_comment_data(data: OfflineComment):
    from engage.comments.services.posting import CommentData

    return CommentData(
        body=data.body,
        stance=data.stance,
        section_key=data.section_key,
        neighborhood=data.neighborhood,
    )


@dataclass
class ImportResult:
    imported: int = 0
    already_imported: int = 0
    rejected: list[tuple[int, str]] = field(default_factory=list)


def _received_at(raw: str) -> datetime:
    """Dates in the CSV are the city's local time: 2026-03-05 or 2026-03-05 14:30."""
    raw = raw.strip()
    zone = ZoneInfo(current_app.config["ENGAGE_TIMEZONE"])
    for fmt in ("%Y-%m-%d %H:%M", "%Y-%m-%dT%H:%M", "%Y-%m-%d %H:%M:%S", "%Y-%m-%d"):
        try:
            return datetime.strptime(raw, fmt).replace(tzinfo=zone).astimezone(UTC)
        except ValueError:
            continue
    raise CommentError(
        _l("received_at is not a date like 2026-03-05 or 2026-03-05 14:30."), "received_at"
    )


def import_comments(staff, policy: Policy, content: bytes, channel: str) -> ImportResult:
    """Import a CSV of comments received offline; rows already imported are skipped."""
    digest = hashlib.sha256(content).hexdigest()
    result = ImportResult()
    rows = csv.DictReader(io.StringIO(content.decode("utf-8-sig")))
    if "text" not in (rows.fieldnames or []):
        raise CommentError(_l("The file needs a 'text' column."), "file")
    for number, row in enumerate(rows, start=2):  # row 1 is the header
        key = f"{digest[:64]}:{number}"
        if db.session.scalar(db.select(Comment.id).where(Comment.import_key == key)):
            result.already_imported += 1
            continue
        try:
            _import_row(staff, policy, row, channel, key)
        except CommentError as error:
            result.rejected.append((number, str(error)))
        else:
            result.imported += 1
    return result


def _import_row(staff, policy: Policy, row: dict, channel: str, key: str) -> None:
    received = row.get("received_at") or ""
    data = OfflineComment(
        body=row.get("text") or "",
        channel=channel,
        received_at=_received_at(received) if received.strip() else utcnow(),
        author_name=(row.get("author_name") or "").strip() or None,
        language=(row.get("language") or "").strip() or None,
        neighborhood=(row.get("neighborhood") or "").strip() or None,
        import_key=key,
    )
    with db.session.begin_nested():
        enter_offline_comment(staff, policy, data)
