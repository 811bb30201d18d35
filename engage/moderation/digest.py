"""The moderators' digest: mail when items have waited too long, at most once per window.

Run `flask engage moderation-digest` every few minutes. Each moderator is told about the
held comments, flagged comments and pending appeals that waited longer than
ENGAGE_MODERATION_DIGEST_AFTER minutes and that they may act on (no conflict of interest, not
their own decision). The outbox remembers who was mailed: nobody gets a second digest until
that many minutes have passed since the last one.
"""

from dataclasses import dataclass
from datetime import UTC, datetime, timedelta

from flask import current_app
from sqlalchemy import func

from engage.accounts.models import User
from engage.comments.models import Comment, CommentStatus, Flag
from engage.extensions import db
from engage.mail import OutboxMessage, queue_mail
from engage.moderation.models import Appeal, AppealOutcome, Decision
from engage.moderation.report import duration_label
from engage.moderation.services.citing import reachable
from engage.permissions import Role
from engage.policies.models import Policy
from engage.types import utcnow
from engage.web import absolute_url

TEMPLATE = "moderation_digest"


@dataclass
class Waiting:
    held: int = 0
    flagged: int = 0
    appeals: int = 0
    oldest: datetime | None = None

    @property
    def total(self) -> int:
        return self.held + self.flagged + self.appeals


def digest_after() -> timedelta:
    return timedelta(minutes=current_app.config["ENGAGE_MODERATION_DIGEST_AFTER"])


def _not_conflicted(statement, moderator: User):
    """Leave out the policies of the department the moderator works for."""
    if moderator.department_id is None:
        return statement
    return statement.join(Policy, Policy.id == Comment.policy_id).where(
        Policy.department_id != moderator.department_id
    )


def _held(moderator: User, cutoff: datetime) -> tuple[int, datetime | None]:
    statement = db.select(func.count(Comment.id), func.min(Comment.created_at)).where(
        Comment.status == CommentStatus.HELD.value, Comment.created_at <= cutoff
    )
    return db.session.execute(_not_conflicted(statement, moderator)).one()


def _flagged(moderator: User, cutoff: datetime) -> tuple[int, datetime | None]:
    """Published comments whose oldest open flag waited past the cutoff."""
    first_flag = (
        db.select(Flag.comment_id, func.min(Flag.created_at).label("flagged_at"))
        .where(Flag.resolved_at.is_(None))
        .group_by(Flag.comment_id)
        .subquery()
    )
    statement = (
        db.select(func.count(Comment.id), func.min(first_flag.c.flagged_at))
        .join(first_flag, first_flag.c.comment_id == Comment.id)
        .where(Comment.status == CommentStatus.PUBLISHED.value, first_flag.c.flagged_at <= cutoff)
    )
    return db.session.execute(_not_conflicted(statement, moderator)).one()


def _appeals(moderator: User, cutoff: datetime) -> tuple[int, datetime | None]:
    """Pending appeals this moderator may take (not on their own decisions)."""
    statement = (
        db.select(func.count(Appeal.id), func.min(Appeal.created_at))
        .join(Decision, Decision.id == Appeal.decision_id)
        .join(Comment, Comment.id == Decision.comment_id)
        .where(
            Appeal.outcome == AppealOutcome.PENDING.value,
            Appeal.created_at <= cutoff,
            Decision.moderator_id.is_distinct_from(moderator.id),
        )
    )
    return db.session.execute(_not_conflicted(statement, moderator)).one()


def waiting_for(moderator: User, now: datetime | None = None) -> Waiting:
    """What waited longer than the digest delay, among the items `moderator` may act on."""
    cutoff = (now or utcnow()) - digest_after()
    (held, held_at), (flagged, flagged_at), (appeals, appealed_at) = (
        _held(moderator, cutoff),
        _flagged(moderator, cutoff),
        _appeals(moderator, cutoff),
    )
    moments = [m for m in (held_at, flagged_at, appealed_at) if m is not None]
    return Waiting(held, flagged, appeals, _aware(min(moments)) if moments else None)


def _aware(moment: datetime) -> datetime:
    """Aggregates skip the column type: SQLite hands back naive UTC (or text)."""
    if isinstance(moment, str):
        moment = datetime.fromisoformat(moment)
    return moment if moment.tzinfo else moment.replace(tzinfo=UTC)


def _recently_mailed(since: datetime) -> set[str]:
    return set(
        db.session.scalars(
            db.select(OutboxMessage.to_address).where(
                OutboxMessage.kind == TEMPLATE, OutboxMessage.created_at > since
            )
        )
    )


def _moderators() -> list[User]:
    return list(
        db.session.scalars(
            db.select(User).where(User.role == Role.MODERATOR.value).order_by(User.id)
        )
    )


def send_digests(now: datetime | None = None) -> dict[str, int]:
    """Mail each moderator who has old items waiting and no digest within the window."""
    now = now or utcnow()
    counts = {"sent": 0, "recent": 0, "nothing": 0}
    recent = _recently_mailed(now - digest_after())
    for moderator in _moderators():
        if not reachable(moderator):
            continue
        if moderator.email in recent:
            counts["recent"] += 1
            continue
        waiting = waiting_for(moderator, now)
        if not waiting.total:
            counts["nothing"] += 1
            continue
        _mail(moderator, waiting)
        counts["sent"] += 1
    db.session.flush()
    return counts


def _mail(moderator: User, waiting: Waiting) -> None:
    queue_mail(
        moderator.email,
        TEMPLATE,
        locale=moderator.preferred_language,
        user=moderator,
        waiting=waiting,
        delay=duration_label(digest_after().total_seconds()),
        queue_link=absolute_url("moderation.queue"),
        flagged_link=absolute_url("moderation.queue", tab="flagged"),
        appeals_link=absolute_url("moderation.appeals"),
    )
