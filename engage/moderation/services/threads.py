"""Locking a thread: its top-level comment takes no more replies, until unlocked."""

from flask_babel import lazy_gettext as _l

from engage import audit, signals
from engage.comments.models import Comment
from engage.extensions import db
from engage.moderation.models import Action
from engage.moderation.services.citing import add_decision, cited_guideline, clean_note
from engage.moderation.services.errors import ModerationError
from engage.permissions import can, has_conflict
from engage.types import utcnow


def thread_root(comment: Comment) -> Comment:
    """The top-level comment of the thread `comment` belongs to."""
    return comment if comment.root_id is None else db.session.get(Comment, comment.root_id)


def _check(moderator, root: Comment) -> None:
    if has_conflict(moderator, root):
        raise ModerationError(
            _l(
                "You work for the department that owns this policy, so another moderator "
                "must decide on its threads."
            ),
            code="conflict",
        )
    if not can(moderator, "comment:moderate", root):
        raise ModerationError(_l("Only moderators can lock threads."), code="forbidden")
    if root.root_id is not None or root.parent_id is not None:
        raise ModerationError(
            _l("Only a whole thread can be locked: choose its first comment."), code="not_root"
        )


def _change(moderator, root: Comment, action: Action, key: str, note: str) -> Comment:
    version = cited_guideline(key)
    note = clean_note(note)
    root.locked_at = utcnow() if action == Action.LOCK else None
    add_decision(
        moderator,
        action,
        version,
        key,
        comment_id=root.id,
        subject_user_id=root.author_id,
        note=note,
        previous_status=root.status,
        new_status=root.status,
    )
    audit.record(
        moderator,
        f"moderation.{action}",
        root,
        summary=f"thread of comment {root.tracking_number}",
        reason=key,
        detail={"note": note, "policy_id": root.policy_id},
    )
    db.session.flush()
    signals.comment_changed.send(root)
    return root


def lock(moderator, root: Comment, guideline_key: str, note: str = "") -> Comment:
    """Stop replies to the thread that starts at `root`."""
    _check(moderator, root)
    if root.locked_at is not None:
        raise ModerationError(_l("This thread is already locked."), code="already")
    return _change(moderator, root, Action.LOCK, guideline_key, note)


def unlock(moderator, root: Comment, guideline_key: str, note: str = "") -> Comment:
    """Let the thread that starts at `root` take replies again."""
    _check(moderator, root)
    if root.locked_at is None:
        raise ModerationError(_l("This thread is not locked."), code="already")
    return _change(moderator, root, Action.UNLOCK, guideline_key, note)
