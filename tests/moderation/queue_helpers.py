"""Helpers for the queue and decision tests (imported explicitly; not fixtures)."""

import itertools
from datetime import timedelta

from flask import current_app
from werkzeug.routing import Rule

from engage.comments.models import Comment, Flag
from engage.extensions import db
from engage.moderation.models import RuleHit
from engage.moderation.services.guidelines import current_guidelines, publish_guidelines
from engage.types import utcnow
from tests import factories

GUIDELINES = [
    {"key": "personal_information", "title": "Personal information", "body_md": "No addresses."},
    {"key": "harassment", "title": "Harassment", "body_md": "Criticise ideas, not people."},
    {"key": "spam", "title": "Spam or advertising", "body_md": "No ads."},
    {"key": "off_topic", "title": "Off topic", "body_md": "Stay on the policy."},
    {"key": "within_guidelines", "title": "Within the guidelines", "body_md": "It may stay."},
]
_numbers = itertools.count(1)


def with_guidelines():
    """The current guidelines, publishing a test set when there are none."""
    return current_guidelines() or publish_guidelines(
        factories.make_user(role="admin"), "Be kind.", GUIDELINES, "First version."
    )


def appeal_route() -> None:
    """Until the appeals page exists, give its endpoint a URL so decision mail can link it."""
    app = current_app._get_current_object()
    if "moderation.appeal" not in {rule.endpoint for rule in app.url_map.iter_rules()}:
        app.url_map.add(
            Rule("/moderation/decisions/<int:decision_id>/appeal", endpoint="moderation.appeal")
        )


def make_comment(
    policy=None,
    author=None,
    status: str = "published",
    body: str = "Keep the footage for 30 days, not 90.",
    minutes_ago: int = 60,
    **fields,
) -> Comment:
    """A comment stored directly (no screening, no receipt mail)."""
    policy = policy or factories.make_policy(period="open")
    version = policy.current_version
    if "author_id" not in fields:
        fields["author_id"] = (author or factories.make_user()).id
    comment = Comment(
        tracking_number=f"T-{next(_numbers):04d}-TEST",
        policy_id=policy.id,
        version_id=version.id,
        body_md=body,
        body_html=f"<p>{body}</p>",
        status=status,
        created_at=utcnow() - timedelta(minutes=minutes_ago),
        **fields,
    )
    db.session.add(comment)
    db.session.flush()
    return comment


def flag(comment: Comment, reason: str = "harassment", minutes_ago: int = 30, user=None) -> Flag:
    flag = Flag(
        comment_id=comment.id,
        user_id=(user or factories.make_user()).id,
        reason=reason,
        created_at=utcnow() - timedelta(minutes=minutes_ago),
    )
    db.session.add(flag)
    db.session.flush()
    return flag


def hit(comment: Comment, kind: str = "word_list", detail: str = "listed word") -> RuleHit:
    rule_hit = RuleHit(comment_id=comment.id, rule_kind=kind, detail=detail)
    db.session.add(rule_hit)
    db.session.flush()
    return rule_hit


def department_policy(user):
    """An open policy of a department `user` now works for (a conflict for them)."""
    department = factories.make_department()
    user.department_id = department.id
    technology = factories.make_technology(department=department)
    return factories.make_policy(period="open", technology=technology)
