"""Open data: the rows of a policy's comment export, and a sent summary as a JSON document.

The export holds a policy's published comments, replies and official responses included: never
an email, a tracking number (a receipt, the author's alone) or who typed an offline comment in.
Moderators may ask for held, hidden and spam comments too, each with its status; comments their
authors withdrew never appear. Rows are read `BATCH` at a time (yield_per) and written out as
they come, so 100,000 comments never sit in memory together.
"""

import csv
import html
import io
import json
from collections.abc import Iterable, Iterator

from sqlalchemy import Select
from sqlalchemy.orm import Session, joinedload

from engage import audit
from engage.api.serializers import timestamp
from engage.api.summaries import summary_item
from engage.board.models import Summary, SummaryVersion
from engage.comments.models import Comment, CommentStatus
from engage.exports import spreadsheet_safe
from engage.extensions import db
from engage.policies.models import Policy
from engage.sanitize import plain_text
from engage.types import utcnow

BATCH = 1_000
CHUNK = 64 * 1024  # characters written out at a time
ANONYMOUS = "Anonymous"
FORMATS = ("csv", "json")
COLUMNS = (
    "id",
    "created_at",
    "received_at",
    "version",
    "section",
    "stance",
    "channel",
    "language",
    "neighborhood",
    "author",
    "is_official_response",
    "parent_id",
    "campaign_id",
    "endorsement_count",
    "body_text",
    "body_markdown",
)
MODERATION_COLUMNS = ("status", "moderation_reason")
PUBLIC_STATUSES = (CommentStatus.PUBLISHED.value,)
MODERATOR_STATUSES = (
    CommentStatus.PUBLISHED.value,
    CommentStatus.HELD.value,
    CommentStatus.HIDDEN.value,
    CommentStatus.SPAM.value,
)


def columns(with_hidden: bool) -> tuple[str, ...]:
    return COLUMNS + MODERATION_COLUMNS if with_hidden else COLUMNS


# Rows --------------------------------------------------------------------------------------


def export_statement(policy_id: int, with_hidden: bool) -> Select:
    """The policy's comments to export, oldest first (authors and versions joined, no N+1)."""
    statuses = MODERATOR_STATUSES if with_hidden else PUBLIC_STATUSES
    return (
        db.select(Comment)
        .where(Comment.policy_id == policy_id, Comment.status.in_(statuses))
        .options(joinedload(Comment.author), joinedload(Comment.version))
        .order_by(Comment.created_at, Comment.id)
        .execution_options(yield_per=BATCH)
    )


def comment_record(comment: Comment, with_hidden: bool) -> dict:
    """One comment as open data: public fields only."""
    record = {
        "id": comment.id,
        "created_at": timestamp(comment.created_at),
        "received_at": timestamp(comment.received_at),
        "version": comment.version.number,
        "section": comment.section_key,
        "stance": comment.stance,
        "channel": comment.channel,
        "language": comment.language,
        "neighborhood": comment.neighborhood,
        "author": comment.public_author or ANONYMOUS,
        "is_official_response": comment.is_official_response,
        "parent_id": comment.parent_id,
        "campaign_id": comment.campaign_id,
        "endorsement_count": comment.endorsement_count,
        "body_text": html.unescape(plain_text(comment.body_html)),
        "body_markdown": comment.body_md,
    }
    if with_hidden:
        record["status"] = comment.status
        record["moderation_reason"] = comment.moderation_reason
    return record


def comment_records(session: Session, policy_id: int, with_hidden: bool) -> Iterator[dict]:
    """The export's records, read BATCH rows at a time."""
    for comment in session.scalars(export_statement(policy_id, with_hidden)):
        yield comment_record(comment, with_hidden)


def record_hidden_export(actor, policy: Policy, fmt: str) -> None:
    """Audit a moderator's export with hidden content (it leaves the site)."""
    audit.record(
        actor,
        "comments.export_hidden",
        policy,
        summary=f"Comments of {policy.title} exported as {fmt}, hidden content included",
        detail={"format": fmt},
    )
    db.session.flush()


# Writing -----------------------------------------------------------------------------------


def _cell(value) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    return spreadsheet_safe(value)


def csv_chunks(header: Iterable[str], records: Iterable[dict]) -> Iterator[str]:
    """CSV text, a chunk at a time; every cell spreadsheet-safe (no formula runs)."""
    header = tuple(header)
    buffer = io.StringIO()
    writer = csv.writer(buffer)
    writer.writerow(header)
    for record in records:
        writer.writerow([_cell(record[name]) for name in header])
        if buffer.tell() >= CHUNK:
            yield buffer.getvalue()
            buffer.seek(0)
            buffer.truncate()
    yield buffer.getvalue()


def json_chunks(head: dict, records: Iterable[dict]) -> Iterator[str]:
    """`head` with a "comments" list of `records`, as JSON text a chunk at a time."""
    parts = [json.dumps(head, ensure_ascii=False)[:-1] + ', "comments": [']
    size, first = len(parts[0]), True
    for record in records:
        part = ("" if first else ",") + json.dumps(record, ensure_ascii=False)
        parts.append(part)
        size, first = size + len(part), False
        if size >= CHUNK:
            yield "".join(parts)
            parts, size = [], 0
    parts.append("]}")
    yield "".join(parts)


def json_head(policy: Policy, with_hidden: bool) -> dict:
    return {
        "policy": policy.slug,
        "title": policy.title,
        "exported_at": timestamp(utcnow()),
        "includes_hidden": with_hidden,
        "columns": list(columns(with_hidden)),
    }


def export_chunks(policy: Policy, fmt: str, with_hidden: bool) -> Iterator[str]:
    """The whole export in `fmt` (csv or json), produced as the response body is sent.

    The rows are read in a database session of the body's own, on the request's database:
    the request's session is closed by the time a server sends a streamed body.
    """
    bind = db.session.get_bind(Comment)
    policy_id, head = policy.id, json_head(policy, with_hidden)

    def generate() -> Iterator[str]:
        with Session(bind=bind) as session:
            records = comment_records(session, policy_id, with_hidden)
            if fmt == "csv":
                yield from csv_chunks(columns(with_hidden), records)
            else:
                yield from json_chunks(head, records)

    return generate()


def filename(policy: Policy, fmt: str, with_hidden: bool) -> str:
    suffix = "-with-hidden" if with_hidden else ""
    return f"{policy.slug}-comments{suffix}.{fmt}"


# Summaries ---------------------------------------------------------------------------------


def _latest_sent_summary_id(policy: Policy) -> int | None:
    return db.session.scalar(
        db.select(SummaryVersion.summary_id)
        .join(Summary, Summary.id == SummaryVersion.summary_id)
        .where(Summary.policy_id == policy.id)
        .order_by(SummaryVersion.sent_at.desc(), SummaryVersion.id.desc())
        .limit(1)
    )


def sent_version(
    policy: Policy, summary_id: int | None, number: int | None
) -> SummaryVersion | None:
    """Version `number` (else the latest) of the policy's summary `summary_id` (else of the
    one sent most recently), as the public summary page picks it; None when not sent."""
    if summary_id is None:
        summary_id = _latest_sent_summary_id(policy)
    if summary_id is None:
        return None
    statement = (
        db.select(SummaryVersion)
        .join(Summary, Summary.id == SummaryVersion.summary_id)
        .where(Summary.policy_id == policy.id, Summary.id == summary_id)
        .options(joinedload(SummaryVersion.summary).joinedload(Summary.policy))
    )
    if number is not None:
        statement = statement.where(SummaryVersion.number == number)
    return db.session.scalar(statement.order_by(SummaryVersion.number.desc()).limit(1))


def summary_document(version: SummaryVersion) -> dict:
    """The API's fields for the version, with its narrative, responses and hidden counts."""
    data = version.data or {}
    questions = data.get("questions") or []
    return {
        **summary_item(version),
        "change_note": version.change_note,
        "narrative_html": version.narrative_html,
        "voices": data.get("voices") or {},
        "questions": {
            "asked": len(questions),
            "answered": sum(1 for question in questions if question.get("answered")),
        },
        "responses": [
            {
                "theme": row.get("theme"),
                "response_html": row.get("response_html", ""),
                "policy_changed": bool(row.get("policy_changed")),
            }
            for row in data.get("responses") or []
        ],
        # Counted by the guideline they broke, never quoted.
        "hidden": data.get("hidden") or {"total": 0, "by_reason": {}},
    }
