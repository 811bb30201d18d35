"""Suspending accounts (they can read, not post) for a number of days or permanently."""

from datetime import datetime, timedelta

from flask_babel import lazy_gettext as _l
from sqlalchemy import func, or_
from sqlalchemy.orm import selectinload

from engage import audit
from engage.comments.models import Comment
from engage.extensions import db
from engage.mail import queue_mail
from engage.moderation.models import Action, Decision, Suspension
from engage.moderation.services.citing import add_decision, cited_guideline, clean_note, reachable
from engage.moderation.services.errors import ModerationError
from engage.permissions import Role, can
from engage.types import utcnow
from engage.web import absolute_url

MAX_DAYS = 3650


def active_suspension(user, at: datetime | None = None) -> Suspension | None:
    """The suspension that keeps `user` from posting now (the longest, if several), or None."""
    if user is None or getattr(user, "id", None) is None:
        return None
    now = at or utcnow()
    return db.session.scalar(
        db.select(Suspension)
        .where(
            Suspension.user_id == user.id,
            Suspension.lifted_at.is_(None),
            Suspension.starts_at <= now,
            or_(Suspension.ends_at.is_(None), Suspension.ends_at > now),
        )
        .order_by(Suspension.ends_at.is_(None).desc(), Suspension.ends_at.desc())
        .limit(1)
    )


def suspensions_of(user) -> list[Suspension]:
    """Every suspension of `user`, newest first (moderators see the history)."""
    return list(
        db.session.scalars(
            db.select(Suspension)
            .where(Suspension.user_id == user.id)
            .order_by(Suspension.starts_at.desc(), Suspension.id.desc())
        )
    )


def current_suspensions() -> list[Suspension]:
    """Suspensions in force now, the soonest to end first (permanent ones last)."""
    now = utcnow()
    return list(
        db.session.scalars(
            db.select(Suspension)
            .where(
                Suspension.lifted_at.is_(None),
                Suspension.starts_at <= now,
                or_(Suspension.ends_at.is_(None), Suspension.ends_at > now),
            )
            .options(selectinload(Suspension.user))
            .order_by(Suspension.ends_at.is_(None), Suspension.ends_at, Suspension.id)
        )
    )


def account_counts(user) -> dict[str, int]:
    """The account's comments by status, and the moderation decisions about them."""
    counts = dict(
        db.session.execute(
            db.select(Comment.status, func.count(Comment.id))
            .where(Comment.author_id == user.id)
            .group_by(Comment.status)
        ).all()
    )
    counts["total"] = sum(counts.values())
    counts["decisions"] = db.session.scalar(
        db.select(func.count(Decision.id)).where(
            Decision.subject_user_id == user.id, Decision.comment_id.is_not(None)
        )
    )
    return counts


def _check_may_suspend(moderator, user) -> None:
    if not can(moderator, "account:suspend", user):
        raise ModerationError(_l("Only moderators can suspend accounts."), code="forbidden")
    if user.id == moderator.id:
        raise ModerationError(_l("You can't suspend your own account."), code="self")
    if user.role == Role.ADMIN:
        raise ModerationError(_l("Administrators' accounts can't be suspended."), code="protected")
    current = active_suspension(user)
    if current is not None:
        raise ModerationError(
            _l("This account is already suspended; lift that suspension first to change it."),
            code="already",
        )


def _check_days(days: int | None) -> None:
    if days is not None and not 1 <= days <= MAX_DAYS:
        raise ModerationError(
            _l("Suspend for 1 to %(max)d days, or permanently.", max=MAX_DAYS), "days", "days"
        )


def suspend(moderator, user, guideline_key: str, note: str, days: int | None) -> Suspension:
    """Keep `user` from posting for `days` days (None: permanently), citing a guideline."""
    _check_may_suspend(moderator, user)
    version = cited_guideline(guideline_key)
    _check_days(days)
    note = clean_note(note)
    now = utcnow()
    suspension = Suspension(
        user_id=user.id,
        moderator_id=moderator.id,
        guideline_key=guideline_key,
        note=note,
        starts_at=now,
        ends_at=now + timedelta(days=days) if days else None,
    )
    db.session.add(suspension)
    add_decision(
        moderator, Action.SUSPEND, version, guideline_key, subject_user_id=user.id, note=note
    )
    audit.record(
        moderator,
        "moderation.suspend",
        user,
        summary=f"{user.display_name or user.id}: " + (f"{days} days" if days else "permanent"),
        reason=guideline_key,
        detail={"note": note, "days": days, "ends_at": _iso(suspension.ends_at)},
    )
    db.session.flush()
    _tell(user, "account_suspended", suspension)
    return suspension


def lift(moderator, suspension: Suspension, note: str) -> Suspension:
    """End a suspension now: the account may post again."""
    if not can(moderator, "account:suspend", suspension.user):
        raise ModerationError(_l("Only moderators can lift suspensions."), code="forbidden")
    now = utcnow()
    if suspension.lifted_at is not None or (suspension.ends_at and suspension.ends_at <= now):
        raise ModerationError(_l("This suspension has already ended."), code="already")
    note = clean_note(note)
    from engage.moderation.services.guidelines import current_guidelines

    suspension.lifted_at, suspension.lifted_by_id = now, moderator.id
    add_decision(
        moderator,
        Action.LIFT_SUSPENSION,
        current_guidelines(),
        suspension.guideline_key,
        subject_user_id=suspension.user_id,
        note=note,
    )
    audit.record(
        moderator,
        "moderation.lift_suspension",
        suspension.user,
        summary=f"suspension {suspension.id} lifted",
        reason=suspension.guideline_key,
        detail={"note": note, "suspension_id": suspension.id},
    )
    db.session.flush()
    _tell(suspension.user, "suspension_lifted", suspension)
    return suspension


def _iso(moment: datetime | None) -> str | None:
    return moment.isoformat() if moment else None


def _tell(user, template: str, suspension: Suspension) -> None:
    """Mail the account what happened, why and until when; links to the guidelines."""
    if not reachable(user):
        return
    from engage.moderation.services.guidelines import guideline_title

    queue_mail(
        user.email,
        template,
        locale=user.preferred_language,
        user=user,
        suspension=suspension,
        guideline=guideline_title(suspension.guideline_key),
        guidelines_link=absolute_url("moderation.guidelines"),
    )
