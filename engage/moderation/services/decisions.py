"""Moderation decisions on comments: approve, hide, redact, restore, mark as spam.

`decide()` is the one way a comment's moderation state changes. It checks everything before
changing anything (permission, reason, each comment's state), so a list of comments is decided
all together or not at all. Each decision is a row, an audit entry and, for authors with an
account, a mail saying what happened and how to appeal.
"""

import uuid

from flask import current_app
from flask_babel import gettext as _
from sqlalchemy.orm.util import identity_key

from engage import audit, signals
from engage.comments.models import Comment, CommentStatus, Flag
from engage.extensions import db
from engage.mail import queue_mail
from engage.moderation.models import Action, Decision
from engage.moderation.services.claims import claim_comments
from engage.moderation.services.errors import ModerationError
from engage.moderation.services.guidelines import (
    current_guidelines,
    guideline_choices,
    guideline_title,
)
from engage.moderation.services.redaction import passage_pattern, redact
from engage.permissions import can, has_conflict, is_own_contribution
from engage.sanitize import clean_text
from engage.types import utcnow
from engage.web import absolute_url

MAX_NOTE = 2000
MAX_PASSAGE = 2000
CHUNK = 5000

COMMENT_ACTIONS = (Action.APPROVE, Action.HIDE, Action.REDACT, Action.RESTORE, Action.SPAM)

# The status each action leaves; None keeps the comment's status (a redaction).
NEW_STATUS = {
    Action.APPROVE: CommentStatus.PUBLISHED,
    Action.HIDE: CommentStatus.HIDDEN,
    Action.REDACT: None,
    Action.RESTORE: CommentStatus.PUBLISHED,
    Action.SPAM: CommentStatus.SPAM,
}
# The statuses an action applies to.
APPLIES_TO = {
    Action.APPROVE: {CommentStatus.HELD, CommentStatus.PUBLISHED},  # published: flags dismissed
    Action.HIDE: {CommentStatus.HELD, CommentStatus.PUBLISHED},
    Action.REDACT: {CommentStatus.HELD, CommentStatus.PUBLISHED},
    Action.RESTORE: {CommentStatus.HIDDEN, CommentStatus.SPAM},
    Action.SPAM: {CommentStatus.HELD, CommentStatus.PUBLISHED, CommentStatus.HIDDEN},
}
# Actions after which the author may appeal.
APPEALABLE = {Action.HIDE, Action.REDACT, Action.SPAM}


def valid_actions(comment: Comment, has_open_flags: bool = True) -> list[Action]:
    """The actions that would change something on `comment` now."""
    return [
        action for action in COMMENT_ACTIONS if _applies(action, comment.status, has_open_flags)
    ]


def _applies(action: Action, status: str, has_open_flags: bool) -> bool:
    if status not in APPLIES_TO[action]:
        return False
    # Approving a published comment only dismisses its flags: without flags, nothing to do.
    return not (
        action == Action.APPROVE and status == CommentStatus.PUBLISHED and not has_open_flags
    )


# Checks -------------------------------------------------------------------------------------


def _check_action(action) -> Action:
    try:
        action = Action(action)
    except ValueError:
        action = None
    if action not in COMMENT_ACTIONS:
        raise ModerationError(_("Choose what to do with the comment."), "action", "action")
    return action


def _check_permission(moderator, comments: list[Comment]) -> None:
    if not can(moderator, "moderation:access"):
        raise ModerationError(_("Only moderators can decide on comments."), code="forbidden")
    conflicted = [c for c in comments if has_conflict(moderator, c)]
    if conflicted:
        raise ModerationError(
            _(
                "You work for the department that owns the policy of %(items)s, so another "
                "moderator must decide. Nothing was changed.",
                items=_numbers(conflicted),
            ),
            code="conflict",
        )
    own = [c for c in comments if is_own_contribution(moderator, c)]
    if own:
        raise ModerationError(
            _(
                "%(items)s is your own comment, so another moderator must decide. "
                "Nothing was changed.",
                items=_numbers(own),
            ),
            code="own_comment",
        )
    if not all(can(moderator, "comment:moderate", c) for c in comments):
        raise ModerationError(_("Only moderators can decide on comments."), code="forbidden")


def _check_guideline(guideline_key: str):
    version = current_guidelines()
    if version is None:
        raise ModerationError(
            _("Publish the community guidelines first: every decision cites one."),
            "guideline",
            "no_guidelines",
        )
    if guideline_key not in dict(guideline_choices(version)):
        raise ModerationError(
            _("Choose a reason from the community guidelines."), "guideline", "guideline"
        )
    return version


def _chunks(comments: list[Comment]):
    """Ids in slices small enough for one statement's parameters (campaigns can be huge)."""
    ids = [c.id for c in comments]
    for start in range(0, len(ids), CHUNK):
        yield ids[start : start + CHUNK]


def _open_flag_ids(comments: list[Comment]) -> set[int]:
    """Ids of the comments among `comments` that have unresolved flags."""
    flagged = set()
    for ids in _chunks(comments):
        flagged.update(
            db.session.scalars(
                db.select(Flag.comment_id)
                .where(Flag.comment_id.in_(ids), Flag.resolved_at.is_(None))
                .distinct()
            )
        )
    return flagged


def _check_states(action: Action, comments: list[Comment]) -> None:
    withdrawn = [c for c in comments if c.status == CommentStatus.WITHDRAWN]
    if withdrawn:
        raise ModerationError(
            _(
                "%(items)s was withdrawn by its author; there is nothing to decide. "
                "Nothing was changed.",
                items=_numbers(withdrawn),
            ),
            code="withdrawn",
        )
    flagged = _open_flag_ids(comments)
    decided = [c for c in comments if not _applies(action, c.status, c.id in flagged)]
    if decided:
        raise ModerationError(
            _(
                "Already decided: %(items)s (another moderator may have acted on it). "
                "Nothing was changed.",
                items=_numbers(decided),
            ),
            code="already",
        )


def _numbers(comments: list[Comment]) -> str:
    return ", ".join(c.tracking_number for c in comments)


def _check_passage(action: Action, comments: list[Comment], passage: str | None):
    if action != Action.REDACT:
        return None
    passage = clean_text(passage)
    if not passage:
        raise ModerationError(_("Paste the passage to remove."), "passage", "passage")
    if len(passage) > MAX_PASSAGE:
        raise ModerationError(
            _("The passage can be up to %(n)d characters.", n=MAX_PASSAGE), "passage", "passage"
        )
    pattern = passage_pattern(passage)
    missing = [c for c in comments if not pattern.search(c.body_md)]
    if missing:
        raise ModerationError(
            _(
                "The comment's text does not contain that passage; copy it exactly as "
                "written. Nothing was changed."
            ),
            "passage",
            "passage_not_found",
        )
    return pattern


def _check_note(note: str | None) -> str:
    note = clean_text(note)
    if len(note) > MAX_NOTE:
        raise ModerationError(
            _("The note can be up to %(n)d characters.", n=MAX_NOTE), "note", "note"
        )
    return note


# Changes ------------------------------------------------------------------------------------


def _apply(
    comment: Comment, action: Action, guideline_key: str, restore_to: str | None = None
) -> None:
    status = NEW_STATUS[action]
    if action == Action.RESTORE and restore_to is not None:
        status = CommentStatus(restore_to)
    if status is not None:
        comment.status = status.value
    if action in (Action.HIDE, Action.SPAM):
        comment.moderated_at, comment.moderation_reason = utcnow(), guideline_key
    elif action == Action.REDACT:
        comment.moderation_reason = guideline_key  # the public notice gives the reason
    elif status == CommentStatus.PUBLISHED and comment.redacted_at is None:
        comment.moderated_at, comment.moderation_reason = None, None
    elif status == CommentStatus.PUBLISHED:
        comment.moderated_at = None  # still redacted: its notice keeps the reason


def _count_new_replies(decisions: list[Decision]) -> None:
    """A held reply, once published, counts among its parent's replies (as if just posted)."""
    for decision in decisions:
        comment = decision.comment
        published = decision.new_status == CommentStatus.PUBLISHED
        if comment.parent_id and published and decision.previous_status == CommentStatus.HELD:
            db.session.execute(
                db.update(Comment)
                .where(Comment.id == comment.parent_id)
                .values(reply_count=Comment.reply_count + 1)
                .execution_options(synchronize_session=False)
            )
            parent = db.session.identity_map.get(identity_key(Comment, comment.parent_id))
            if parent is not None:
                db.session.expire(parent, ["reply_count"])


def _resolve_flags(comments: list[Comment]) -> None:
    now = utcnow()
    for ids in _chunks(comments):
        db.session.execute(
            db.update(Flag)
            .where(Flag.comment_id.in_(ids), Flag.resolved_at.is_(None))
            .values(resolved_at=now)
        )


def decide(
    moderator,
    comments: list[Comment],
    action: Action,
    guideline_key: str,
    note: str = "",
    *,
    campaign=None,
    redact_passage: str | None = None,
    batch: bool = False,
    notify: bool = True,
    restore_to: str | None = None,
) -> list[Decision]:
    """Apply `action` to every comment in `comments`, citing a guideline, or refuse them all.

    `notify=False` skips the authors' mail, for callers that send their own (an appeal's
    outcome, which says the comment is restored). `restore_to` is the status a RESTORE
    returns to (an appeal puts back the status before the reversed decision; default
    published).
    """
    comments = list(dict.fromkeys(comments))
    if not comments:
        raise ModerationError(_("Select at least one comment."), "comment_ids", "empty")
    action = _check_action(action)
    _check_permission(moderator, comments)
    version = _check_guideline(guideline_key)
    note = _check_note(note)
    _check_states(action, comments)
    pattern = _check_passage(action, comments, redact_passage)
    title = guideline_title(guideline_key)
    new_status = NEW_STATUS[action] if action != Action.RESTORE or not restore_to else restore_to
    claim_comments(comments, new_status, text_bound=pattern is not None)
    batch_id = uuid.uuid4().hex if batch or campaign is not None or len(comments) > 1 else None
    decisions = []
    for comment in comments:
        decision = Decision(
            comment=comment,
            campaign_id=getattr(campaign, "id", None),
            subject_user_id=comment.author_id,
            moderator_id=moderator.id,
            action=action.value,
            guideline_key=guideline_key,
            guideline_version_id=version.id,
            note=note,
            previous_status=comment.status,
            batch_id=batch_id,
        )
        if pattern is not None:
            decision.text_before, decision.text_after = redact(comment, pattern, title)
        _apply(comment, action, guideline_key, restore_to)
        decision.new_status = comment.status
        db.session.add(decision)
        decisions.append(decision)
    _resolve_flags(comments)
    _count_new_replies(decisions)
    db.session.flush()
    for decision in decisions:
        _record(moderator, decision)
        if notify:
            _tell_author(decision, title)
        if decision.new_status != decision.previous_status or decision.text_after is not None:
            signals.comment_changed.send(decision.comment)
    db.session.flush()
    return decisions


# Records and mail ---------------------------------------------------------------------------


def _record(moderator, decision: Decision) -> None:
    detail = {
        "decision_id": decision.id,
        "comment_id": decision.comment_id,
        "note": decision.note,
        "guideline_version_id": decision.guideline_version_id,
        "previous_status": decision.previous_status,
        "new_status": decision.new_status,
    }
    if decision.batch_id:
        detail["batch_id"] = decision.batch_id
    if decision.campaign_id:
        detail["campaign_id"] = decision.campaign_id
    if decision.text_before is not None:
        detail["text_before"], detail["text_after"] = decision.text_before, decision.text_after
    audit.record(
        moderator,
        f"moderation.{decision.action}",
        decision.comment,
        summary=decision.comment.tracking_number,
        reason=decision.guideline_key,
        detail=detail,
    )


def _mail_worthy(decision: Decision) -> bool:
    if decision.action == Action.APPROVE:
        return decision.previous_status == CommentStatus.HELD  # flags dismissed: nothing to say
    return True


def _reachable(user) -> bool:
    return user is not None and user.is_active and user.is_confirmed


def appeal_link(decision: Decision) -> str:
    """Where the author appeals `decision` (once)."""
    return absolute_url("moderation.appeal", decision_id=decision.id)


def _tell_author(decision: Decision, title: str) -> None:
    comment = decision.comment
    author = comment.author
    if not _reachable(author) or not _mail_worthy(decision):
        return
    appealable = decision.action in APPEALABLE
    queue_mail(
        author.email,
        "moderation_decision",
        locale=author.preferred_language,
        user=author,
        comment=comment,
        decision=decision,
        guideline=title,
        guidelines_link=_guidelines_link(),
        link=absolute_url("comments.permalink", comment_id=comment.id),
        appeal_link=appeal_link(decision) if appealable else None,
    )


def _guidelines_link() -> str | None:
    if "moderation.guidelines" not in current_app.view_functions:
        return None
    return absolute_url("moderation.guidelines")
