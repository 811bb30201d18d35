"""Helpers for the appeal, suspension, thread, report and digest tests (imported explicitly)."""

import itertools
import re
from datetime import timedelta

from engage.audit import AuditEntry
from engage.comments.models import Comment, Flag
from engage.extensions import db
from engage.moderation.models import Action, Decision
from engage.moderation.services.decisions import decide
from engage.moderation.services.guidelines import current_guidelines, publish_guidelines
from engage.types import utcnow
from tests import factories

GUIDELINES = [
    {"key": "personal_information", "title": "Personal information", "body_md": "No addresses."},
    {"key": "harassment", "title": "Harassment", "body_md": "Criticise ideas, not people."},
    {"key": "spam", "title": "Spam or advertising", "body_md": "No ads."},
    {"key": "off_topic", "title": "Off topic", "body_md": "Stay on the policy."},
]
_numbers = itertools.count(1)


def guidelines():
    """The current guidelines, publishing a test set when there are none."""
    return current_guidelines() or publish_guidelines(
        factories.make_user(role="admin"), "Be kind.", GUIDELINES, "First version."
    )


def comment(policy=None, author=None, status="published", minutes_ago=60, **fields) -> Comment:
    """A comment stored directly (no screening, no receipt), `minutes_ago` old."""
    policy = policy or factories.make_policy(period="open")
    if "author_id" not in fields:
        fields["author_id"] = (author or factories.make_user()).id
    body = fields.pop("body", "Keep the footage for 30 days, not 90.")
    stored = Comment(
        tracking_number=f"A-{next(_numbers):04d}-TEST",
        policy_id=policy.id,
        version_id=policy.current_version.id,
        body_md=body,
        body_html=f"<p>{body}</p>",
        status=status,
        created_at=utcnow() - timedelta(minutes=minutes_ago),
        **fields,
    )
    db.session.add(stored)
    db.session.flush()
    return stored


def reply(root: Comment, **fields) -> Comment:
    return comment(root.policy, parent_id=root.id, root_id=root.id, depth=1, **fields)


def flag(target: Comment, minutes_ago: int = 30, resolved: bool = False) -> Flag:
    stored = Flag(
        comment_id=target.id,
        user_id=factories.make_user().id,
        reason="harassment",
        created_at=utcnow() - timedelta(minutes=minutes_ago),
        resolved_at=utcnow() if resolved else None,
    )
    db.session.add(stored)
    db.session.flush()
    return stored


def hidden(moderator=None, author=None, action=Action.HIDE, key="harassment", **fields):
    """A comment by `author` that `moderator` just hid (through decide()): (comment, decision)."""
    guidelines()
    moderator = moderator or factories.make_user(role="moderator")
    target = comment(author=author, **fields)
    passage = "30 days" if action == Action.REDACT else None
    (decision,) = decide(
        moderator, [target], action, key, "Please argue with ideas.", redact_passage=passage
    )
    return target, decision


def department_policy(user):
    """An open policy of a department `user` now works for (a conflict for them)."""
    department = factories.make_department()
    user.department_id = department.id
    technology = factories.make_technology(department=department)
    return factories.make_policy(period="open", technology=technology)


def entries(action: str) -> list[AuditEntry]:
    return list(
        db.session.scalars(
            db.select(AuditEntry).where(AuditEntry.action == action).order_by(AuditEntry.id)
        )
    )


def decisions_of(target: Comment) -> list[Decision]:
    return list(
        db.session.scalars(
            db.select(Decision).where(Decision.comment_id == target.id).order_by(Decision.id)
        )
    )


def path_of(url: str) -> str:
    return re.sub(r"^https?://[^/]+", "", url)


def links_in(text: str) -> list[str]:
    return re.findall(r"https?://\S+", text)


def page(response) -> str:
    return response.get_data(as_text=True)
