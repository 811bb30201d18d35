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
from engage.sanitize import clean_text
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
    name = clean_text(data.author_name)[:120] or None
    comment = Comment(
        tracking_number=new_tracking_number(),
        policy_id=policy.id,
        version_id=version.id,
        period_id=period.id,
        section_key=data.section_key or None,
        author_name=name,
        show_name=name is not None,
        entered_by_id=getattr(staff, "id", None),  # None: a system import (the CLI)
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


def _csv_rows(content: bytes) -> csv.DictReader:
    try:
        text = content.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        raise CommentError(_l("The file is not a CSV file saved as UTF-8."), "file") from error
    rows = csv.DictReader(io.StringIO(text))
    try:
        header = rows.fieldnames or []
    except csv.Error as error:
        raise CommentError(_l("The file is not a readable CSV file."), "file") from error
    if "text" not in header:
        raise CommentError(_l("The file needs a 'text' column."), "file")
    return rows


def import_comments(staff, policy: Policy, content: bytes, channel: str) -> ImportResult:
    """Import a CSV of comments received offline; rows already imported are skipped."""
    digest = hashlib.sha256(content).hexdigest()
    result = ImportResult()
    rows = _csv_rows(content)
    try:
        _import_rows(staff, policy, rows, channel, digest, result)
    except csv.Error as error:
        raise CommentError(_l("The file is not a readable CSV file."), "file") from error
    audit.record(
        staff,
        "comment.import",
        policy,
        summary=f"{channel}: imported {result.imported}, rejected {len(result.rejected)}",
        detail={
            "sha256": digest,
            "channel": channel,
            "imported": result.imported,
            "already_imported": result.already_imported,
            "rejected": len(result.rejected),
        },
    )
    return result


def _import_rows(staff, policy, rows, channel: str, digest: str, result: ImportResult) -> None:
    for number, row in enumerate(rows, start=2):  # row 1 is the header
        key = f"{digest[:64]}:{number}"
        if db.session.scalar(db.select(Comment.id).where(Comment.import_key == key)):
            result.already_imported += 1
            continue
        try:
            _import_row(staff, policy, row, channel, key)
        except CommentError as error:
            result.rejected.append((number, _row_reason(error, row)))
        else:
            result.imported += 1


def _row_reason(error: CommentError, row: dict) -> str:
    """Why a row was refused, in the file's terms (its columns and values)."""
    value = (row.get(error.field or "") or "").strip()
    if error.field == "body" and not (row.get("text") or "").strip():
        return str(_l("The text is empty."))
    if error.field == "language" and value:
        return str(_l("The language “%(code)s” is not one of the city's languages.", code=value))
    if error.field == "neighborhood" and value:
        return str(_l("The neighborhood “%(name)s” is not on the city's list.", name=value))
    return str(error)


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
