"""Helpers for the guidelines, screening and rules tests (imported explicitly; not fixtures)."""

import secrets
from datetime import timedelta

from engage.audit import AuditEntry
from engage.comments.models import Comment
from engage.comments.services import CommentData, post_comment
from engage.extensions import db
from engage.moderation.models import ModerationRule, RuleHit, Suspension
from engage.moderation.services.rules import default_rules
from engage.types import utcnow
from tests import factories

REASONS = [
    {"key": "personal_information", "title": "Personal information", "body_md": "No addresses."},
    {"key": "harassment", "title": "Harassment", "body_md": "Criticize ideas, not people."},
    {"key": "spam", "title": "Spam", "body_md": "No advertising."},
]


def old_user(days: int = 400, **fields):
    """A confirmed resident whose account is `days` old."""
    user = factories.make_user(**fields)
    user.created_at = utcnow() - timedelta(days=days)
    db.session.flush()
    return user


def rule(kind: str, enabled: bool = True, **params) -> ModerationRule:
    """The default rule of `kind`, switched on or off, with `params` changed; others off."""
    rules = {r.kind: r for r in default_rules()}
    for other in rules.values():
        other.enabled = False
    chosen = rules[kind]
    chosen.enabled = enabled
    chosen.params = {**chosen.params, **params}
    db.session.flush()
    return chosen


def post(author, policy, body: str = "Keep footage for thirty days.", **fields) -> Comment:
    data = CommentData(body=body, idempotency_key=secrets.token_hex(8), **fields)
    return post_comment(author, policy, data)


def hits(comment: Comment) -> list[RuleHit]:
    return list(db.session.scalars(db.select(RuleHit).where(RuleHit.comment_id == comment.id)))


def audits(action: str, target_id=None) -> list[AuditEntry]:
    statement = db.select(AuditEntry).where(AuditEntry.action == action)
    if target_id is not None:
        statement = statement.where(AuditEntry.target_id == str(target_id))
    return list(db.session.scalars(statement.order_by(AuditEntry.id)))


def suspend(user, starts_days_ago: float, ends_days_ago: float | None, lifted_days_ago=None):
    """A suspension of `user` (days in the past; None: open-ended)."""
    now = utcnow()
    suspension = Suspension(
        user_id=user.id,
        guideline_key="harassment",
        starts_at=now - timedelta(days=starts_days_ago),
        ends_at=None if ends_days_ago is None else now - timedelta(days=ends_days_ago),
        lifted_at=None if lifted_days_ago is None else now - timedelta(days=lifted_days_ago),
    )
    db.session.add(suspension)
    db.session.flush()
    return suspension
