"""Endorsing and flagging comments."""

from flask_babel import lazy_gettext as _l
from sqlalchemy import update
from sqlalchemy.exc import IntegrityError

from engage import signals
from engage.comments.models import Comment, CommentStatus, Endorsement, Flag, FlagReason
from engage.comments.services.errors import CommentError
from engage.extensions import db
from engage.sanitize import clean_text

MAX_FLAG_NOTE = 1000


def _signed_in(user) -> None:
    if user is None or not getattr(user, "is_authenticated", False) or not user.is_active:
        raise CommentError(_l("Sign in first."), code="signed_out")


def _visible(comment: Comment) -> None:
    if comment.status != CommentStatus.PUBLISHED:
        raise CommentError(_l("This comment is not available."), code="unavailable")


def _add_to_count(comment: Comment, delta: int) -> None:
    db.session.execute(
        update(Comment)
        .where(Comment.id == comment.id)
        .values(endorsement_count=Comment.endorsement_count + delta)
    )
    db.session.expire(comment, ["endorsement_count"])


def endorse(user, comment: Comment) -> Endorsement:
    """Endorse a comment once; not your own."""
    _signed_in(user)
    _visible(comment)
    if comment.author_id == user.id:
        raise CommentError(_l("You can't endorse your own comment."), code="own")
    endorsement = Endorsement(comment_id=comment.id, user_id=user.id)
    try:
        with db.session.begin_nested():
            db.session.add(endorsement)
            db.session.flush()
    except IntegrityError as error:
        raise CommentError(_l("You already endorsed this comment."), code="already") from error
    _add_to_count(comment, 1)
    signals.comment_endorsed.send(comment)
    return endorsement


def unendorse(user, comment: Comment) -> None:
    """Take an endorsement back."""
    _signed_in(user)
    endorsement = db.session.scalar(
        db.select(Endorsement).where(
            Endorsement.comment_id == comment.id, Endorsement.user_id == user.id
        )
    )
    if endorsement is None:
        raise CommentError(_l("You have not endorsed this comment."), code="not_endorsed")
    db.session.delete(endorsement)
    db.session.flush()
    _add_to_count(comment, -1)
    signals.comment_endorsed.send(comment)


def flag(user, comment: Comment, reason: str, note: str = "") -> Flag:
    """Ask moderators to look at a comment, once per person."""
    _signed_in(user)
    _visible(comment)
    if reason not in set(FlagReason):
        raise CommentError(_l("Choose a reason."), "reason")
    note = clean_text(note)[:MAX_FLAG_NOTE]
    if reason == FlagReason.OTHER and not note:
        raise CommentError(_l("Tell the moderators what is wrong."), "note")
    if comment.author_id == user.id:
        raise CommentError(_l("You can't flag your own comment; you can withdraw it."), code="own")
    flag = Flag(comment_id=comment.id, user_id=user.id, reason=reason, note=note)
    try:
        with db.session.begin_nested():
            db.session.add(flag)
            db.session.flush()
    except IntegrityError as error:
        raise CommentError(_l("You already flagged this comment."), code="already") from error
    return flag
