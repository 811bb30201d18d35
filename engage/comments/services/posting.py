"""Posting, editing and withdrawing comments on a policy's version."""

import secrets
from dataclasses import dataclass
from datetime import timedelta
from enum import StrEnum

from flask_babel import lazy_gettext as _l
from sqlalchemy import update
from sqlalchemy.exc import IntegrityError

from engage import signals
from engage.comments.models import MAX_DEPTH, Comment, CommentRevision, CommentStatus, Stance
from engage.comments.services.errors import CommentError
from engage.extensions import db
from engage.formatting import format_datetime
from engage.policies.models import CommentPeriod, Policy, PolicyVersion
from engage.policies.services import current_period
from engage.reference import neighborhoods
from engage.sanitize import clean_text, render_markdown
from engage.types import utcnow

MAX_LENGTH = 5000
EDIT_WINDOW = timedelta(minutes=15)
_TRACKING_ALPHABET = "23456789ABCDEFGHJKLMNPQRSTUVWXYZ"  # no 0/O or 1/I to misread


class CommentingState(StrEnum):
    OPEN = "open"
    LATE = "late"  # the period closed but accepts late comments: marked late
    UPCOMING = "upcoming"
    CLOSED = "closed"
    NO_PERIOD = "no_period"


@dataclass
class CommentData:
    body: str
    stance: str | None = None
    section_key: str | None = None
    parent_id: int | None = None
    show_name: bool = True
    neighborhood: str | None = None
    idempotency_key: str | None = None
    language: str | None = None


def new_tracking_number() -> str:
    """A receipt number people can read out on the phone: C-XXXX-XXXX."""
    raw = "".join(secrets.choice(_TRACKING_ALPHABET) for _ in range(8))
    return f"C-{raw[:4]}-{raw[4:]}"


def commenting_state(policy: Policy) -> tuple[CommentingState, CommentPeriod | None]:
    """Whether the policy takes comments now, and through which period."""
    period = current_period(policy)
    if period is None:
        return CommentingState.NO_PERIOD, None
    state = period.state
    if state == "open":
        return CommentingState.OPEN, period
    if state == "upcoming":
        return CommentingState.UPCOMING, period
    if period.accepts_late_comments and period.closed_early_at is None:
        return CommentingState.LATE, period
    return CommentingState.CLOSED, period


def _require_author(author) -> None:
    if author is None or not author.is_active:
        raise CommentError(_l("Sign in to comment."), code="signed_out")
    if not author.is_confirmed:
        raise CommentError(_l("Confirm your email address before you comment."), code="unconfirmed")


def _require_not_suspended(author) -> None:
    # Imported here: moderation's services import the comment models.
    from engage.moderation.services.suspensions import active_suspension

    suspension = active_suspension(author)
    if suspension is None:
        return
    if suspension.ends_at is None:
        message = _l("Your account is suspended: you can read comments but not post them.")
    else:
        message = _l(
            "Your account is suspended until %(when)s: you can read comments but not post "
            "them until then.",
            when=format_datetime(suspension.ends_at, "long"),
        )
    raise CommentError(message, code="suspended")


def _require_unlocked(parent: Comment) -> None:
    root = parent if parent.root_id is None else db.session.get(Comment, parent.root_id)
    if parent.locked_at or (root is not None and root.locked_at):
        raise CommentError(
            _l("Moderators locked this thread: it takes no more replies."), "parent_id", "locked"
        )


def _require_period(policy: Policy) -> tuple[CommentPeriod, bool]:
    state, period = commenting_state(policy)
    if state == CommentingState.OPEN:
        return period, False
    if state == CommentingState.LATE:
        return period, True
    if state == CommentingState.UPCOMING:
        raise CommentError(
            _l("Comments open on this policy soon; please come back then."), code="upcoming"
        )
    raise CommentError(_l("The comment period for this policy is closed."), code="closed")


def _body(text: str) -> tuple[str, str]:
    body = clean_text(text)
    if not body:
        raise CommentError(_l("Write your comment."), "body")
    if len(body) > MAX_LENGTH:
        raise CommentError(
            _l(
                "Comments can be up to %(max)d characters; this one has %(n)d.",
                max=MAX_LENGTH,
                n=len(body),
            ),
            "body",
        )
    html = render_markdown(body)
    if not html:
        raise CommentError(_l("Write your comment."), "body")
    return body, html


def _parent(policy: Policy, parent_id: int | None) -> Comment | None:
    if parent_id is None:
        return None
    parent = db.session.get(Comment, parent_id)
    if parent is None or parent.policy_id != policy.id:
        raise CommentError(
            _l("The comment you are replying to is not part of this policy."), "parent_id"
        )
    if parent.status != CommentStatus.PUBLISHED:
        raise CommentError(_l("That comment can no longer be replied to."), "parent_id")
    _require_unlocked(parent)
    # Threads nest three levels; a reply to the third level joins it as a sibling.
    return parent.parent if parent.depth >= MAX_DEPTH else parent


def _check_choices(version: PolicyVersion, data: CommentData) -> None:
    if data.section_key and version.section(data.section_key) is None:
        raise CommentError(_l("Choose a section of this policy."), "section_key")
    if data.stance and data.stance not in set(Stance):
        raise CommentError(_l("Choose one of the stances."), "stance")
    if data.neighborhood and data.neighborhood not in neighborhoods():
        raise CommentError(_l("Choose a neighborhood from the list."), "neighborhood")


def existing_submission(author, key: str | None) -> Comment | None:
    """The comment an earlier submission of the same form created, if any."""
    if not key:
        return None
    return db.session.scalar(
        db.select(Comment).where(Comment.author_id == author.id, Comment.idempotency_key == key)
    )


def post_comment(author, policy: Policy, data: CommentData, official: bool = False) -> Comment:
    """Store a comment (or return the one this same form already made). Never commits."""
    _require_author(author)
    _require_not_suspended(author)
    earlier = existing_submission(author, data.idempotency_key)
    if earlier is not None:
        return earlier
    period, late = _require_period(policy)
    version = period.version
    _check_choices(version, data)
    body, html = _body(data.body)
    parent = _parent(policy, data.parent_id)
    comment = Comment(
        tracking_number=new_tracking_number(),
        policy_id=policy.id,
        version_id=version.id,
        period_id=period.id,
        section_key=data.section_key or (parent.section_key if parent else None),
        parent_id=parent.id if parent else None,
        root_id=(parent.root_id or parent.id) if parent else None,
        depth=parent.depth + 1 if parent else 0,
        author_id=author.id,
        show_name=data.show_name,
        neighborhood=data.neighborhood or None,
        stance=data.stance or None,
        body_md=body,
        body_html=html,
        language=data.language,
        is_official_response=official,
        is_late=late,
        idempotency_key=data.idempotency_key,
        status=CommentStatus.PUBLISHED.value,
    )
    stored = _insert_once(comment, author, data.idempotency_key)
    if stored is not comment:
        return stored  # a concurrent submission of the same form won: no second receipt
    signals.comment_submitted.send(comment)  # screening may hold it
    if parent is not None and comment.parent_id == parent.id and comment.is_visible:
        _bump_replies(parent)
    signals.comment_posted.send(comment, parent=parent)
    return comment


def _insert_once(comment: Comment, author, key: str | None) -> Comment:
    """Insert; if a concurrent request with the same form token won, return its comment."""
    try:
        with db.session.begin_nested():
            db.session.add(comment)
            db.session.flush()
    except IntegrityError:
        earlier = existing_submission(author, key)
        if earlier is None:
            raise
        return earlier
    return comment


def _bump_replies(parent: Comment) -> None:
    db.session.execute(
        update(Comment).where(Comment.id == parent.id).values(reply_count=Comment.reply_count + 1)
    )
    db.session.expire(parent, ["reply_count"])


def can_still_edit(comment: Comment) -> bool:
    return (
        comment.status == CommentStatus.PUBLISHED and utcnow() - comment.created_at <= EDIT_WINDOW
    )


def edit_comment(author, comment: Comment, body: str) -> Comment:
    """Change the text within the edit window; the earlier text is kept for moderators."""
    if author is None or comment.author_id != author.id:
        raise CommentError(_l("You can only edit your own comments."), code="forbidden")
    _require_not_suspended(author)
    _require_unreviewed(comment)
    if not can_still_edit(comment):
        raise CommentError(
            _l("Comments can be edited for 15 minutes after posting."), "body", "expired"
        )
    new_body, html = _body(body)
    if new_body == comment.body_md:
        return comment
    db.session.add(
        CommentRevision(comment=comment, body_md=comment.body_md, body_html=comment.body_html)
    )
    comment.body_md, comment.body_html, comment.edited_at = new_body, html, utcnow()
    db.session.flush()
    _screen_again(comment)
    signals.comment_changed.send(comment)
    return comment


def _require_unreviewed(comment: Comment) -> None:
    """Once moderators decided on a comment, its author can no longer change it."""
    from engage.moderation.models import Decision

    reviewed = comment.redacted_at is not None or db.session.scalar(
        db.select(Decision.id).where(Decision.comment_id == comment.id).limit(1)
    )
    if reviewed:
        raise CommentError(
            _l("Moderators have reviewed this comment; it can no longer be edited."),
            "body",
            "reviewed",
        )


def _screen_again(comment: Comment) -> None:
    """The edited text goes through the same screening as a new comment (it may be held)."""
    from engage.moderation.services.screening import screen

    screen(comment)


def withdraw_comment(author, comment: Comment) -> Comment:
    """Withdraw your comment; a placeholder keeps replies in context."""
    if author is None or comment.author_id != author.id:
        raise CommentError(_l("You can only withdraw your own comments."), code="forbidden")
    if comment.status == CommentStatus.WITHDRAWN:
        raise CommentError(_l("This comment is already withdrawn."), code="already")
    comment.status = CommentStatus.WITHDRAWN.value
    comment.withdrawn_at = utcnow()
    db.session.flush()
    signals.comment_changed.send(comment)
    return comment
