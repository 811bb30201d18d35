"""Data the board's page tests share: summaries sent to the board, comments, the board's seats."""

import itertools
from datetime import datetime, timedelta

from engage.board.models import Summary, SummaryVersion
from engage.comments.models import Comment
from engage.extensions import db
from engage.policies.models import Policy
from engage.sanitize import render_markdown
from engage.types import utcnow
from tests import factories

_seq = itertools.count(1)

NUMBERS = {
    "counts": {
        "comments": 12,
        "commenters": 9,
        "replies": 3,
        "official_responses": 1,
        "by_stance": {"oppose": 7, "support": 4, "none": 1},
    },
    "voices": {"individual": 10, "campaigns": 1},
    "hidden": {"total": 2, "by_reason": {"spam": 2}},
}

ROLES = ("resident", "moderator", "staff", "board", "admin")


def make_sent_summary(
    policy: Policy | None = None,
    sent_at: datetime | None = None,
    versions: int = 1,
    data: dict | None = None,
) -> Summary:
    """A closed period's summary sent to the board `versions` times, the last at `sent_at`."""
    policy = policy or factories.make_policy(period="closed")
    period = policy.current_version.periods[-1] if policy.current_version.periods else None
    period = period or factories.add_period(policy.current_version, "closed")
    summary = Summary(policy_id=policy.id, period_id=period.id, status="sent", data=data or NUMBERS)
    db.session.add(summary)
    last = sent_at or utcnow()
    for number in range(1, versions + 1):
        db.session.add(
            SummaryVersion(
                summary=summary,
                number=number,
                data=data or NUMBERS,
                narrative_md="Residents asked about retention.",
                narrative_html="<p>Residents asked about retention.</p>",
                change_note="" if number == 1 else f"Revision {number}",
                sent_at=last - timedelta(days=versions - number),
            )
        )
    db.session.flush()
    return summary


def make_draft_summary(policy: Policy | None = None) -> Summary:
    policy = policy or factories.make_policy(period="open")
    period = policy.current_version.periods[-1]
    summary = Summary(policy_id=policy.id, period_id=period.id, data=NUMBERS)
    db.session.add(summary)
    db.session.flush()
    return summary


def add_comment(policy: Policy, received_at: datetime, **fields) -> Comment:
    """A comment on the policy's current version, received at `received_at`."""
    n = next(_seq)
    version = policy.current_version
    comment = Comment(
        tracking_number=f"B-{n:06d}-{policy.id}",
        policy_id=policy.id,
        version_id=version.id,
        body_md="A comment.",
        body_html=render_markdown("A comment."),
        created_at=received_at,
        received_at=received_at,
        **fields,
    )
    db.session.add(comment)
    db.session.flush()
    return comment
