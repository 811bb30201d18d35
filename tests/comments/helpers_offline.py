"""Helpers for the offline-entry, import, API and feed tests (imported explicitly; not fixtures)."""

import contextlib
from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

from flask import current_app

from engage import signals
from engage.audit import AuditEntry
from engage.comments.models import Comment, CommentStatus
from engage.comments.services import CommentData, OfflineComment, enter_offline_comment
from engage.comments.services import post_comment as _post_comment
from engage.extensions import db
from engage.types import utcnow
from tests import factories

SECTIONS = {"purpose": "Record encounters.", "data_retention": "Kept for ninety days."}


def permalink_built() -> bool:
    return "comments.permalink" in current_app.view_functions


def feed_registered() -> bool:
    return "comment_feeds.policy_comments" in current_app.view_functions


def policy_with_period(state: str = "open", accepts_late: bool = False, **fields):
    """A policy with sections `purpose` and `data_retention` and a period in `state`."""
    policy = factories.make_policy(sections=fields.pop("sections", SECTIONS), **fields)
    factories.add_period(policy.current_version, state, accepts_late=accepts_late)
    db.session.flush()
    return policy


def post(author, policy, body: str = "Keep footage for thirty days.", parent=None, **fields):
    """A web comment, posted through the service (mail muted until permalinks exist)."""
    data = CommentData(body=body, parent_id=parent.id if parent else None, **fields)
    quiet = signals.comment_posted.muted() if not permalink_built() else contextlib.nullcontext()
    with quiet:
        return _post_comment(author, policy, data)


def enter(staff, policy, body: str = "A letter about the cameras.", **fields) -> Comment:
    """A comment received offline, entered through the service."""
    fields.setdefault("channel", "letter")
    fields.setdefault("received_at", utcnow() - timedelta(hours=1))
    return enter_offline_comment(staff, policy, OfflineComment(body=body, **fields))


def set_status(comment: Comment, status: CommentStatus) -> Comment:
    comment.status = status.value
    db.session.flush()
    return comment


def local(moment: datetime) -> str:
    """`moment` as staff type it: city time, `YYYY-MM-DDTHH:MM`."""
    zone = ZoneInfo(current_app.config["ENGAGE_TIMEZONE"])
    return moment.astimezone(zone).strftime("%Y-%m-%dT%H:%M")


def comments_of(policy) -> list[Comment]:
    db.session.expire_all()
    statement = db.select(Comment).where(Comment.policy_id == policy.id).order_by(Comment.id)
    return list(db.session.scalars(statement))


def audits(action: str) -> list[AuditEntry]:
    statement = db.select(AuditEntry).where(AuditEntry.action == action)
    return list(db.session.scalars(statement.order_by(AuditEntry.id)))
