"""Appeals: the author asks once; a different moderator upholds or reverses the decision."""

from flask_babel import lazy_gettext as _l
from sqlalchemy import Select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import joinedload

from engage import audit, signals
from engage.comments.models import Comment, CommentStatus
from engage.extensions import db
from engage.mail import queue_mail
from engage.moderation.models import Action, Appeal, AppealOutcome, Decision
from engage.moderation.services.citing import clean_note, reachable
from engage.moderation.services.claims import claim_appeal
from engage.moderation.services.errors import ModerationError
from engage.permissions import can, has_conflict, is_own_contribution
from engage.permissions import moderator as is_moderator
from engage.sanitize import clean_text, render_markdown
from engage.types import utcnow
from engage.web import absolute_url

MAX_APPEAL = 3000
# Decisions that took something away from the author; the others have nothing to appeal.
APPEALABLE = frozenset({Action.HIDE, Action.REDACT, Action.SPAM})


def appeals_statement(state: str = "pending") -> Select:
    """Pending appeals, oldest first; or decided ones, the latest first."""
    statement = db.select(Appeal).options(
        joinedload(Appeal.decision).joinedload(Decision.comment).joinedload(Comment.policy),
        joinedload(Appeal.decision).joinedload(Decision.moderator),
        joinedload(Appeal.decided_by),
    )
    if state == "pending":
        return statement.where(Appeal.outcome == AppealOutcome.PENDING.value).order_by(
            Appeal.created_at, Appeal.id
        )
    return statement.where(Appeal.outcome != AppealOutcome.PENDING.value).order_by(
        Appeal.decided_at.desc(), Appeal.id.desc()
    )


def appeal_of(decision: Decision) -> Appeal | None:
    """The appeal already filed against `decision`, if any."""
    return db.session.scalar(db.select(Appeal).where(Appeal.decision_id == decision.id))


def later_decision(decision: Decision) -> Decision | None:
    """A newer decision on the same comment (which replaced this one), if any."""
    return db.session.scalar(
        db.select(Decision)
        .where(
            Decision.comment_id == decision.comment_id,
            Decision.id > decision.id,
            Decision.action.in_([Action.RESTORE, Action.HIDE, Action.SPAM, Action.REDACT]),
        )
        .order_by(Decision.id)
        .limit(1)
    )


def appeal_refusal(author, decision: Decision) -> ModerationError | None:
    """Why `author` may not appeal `decision` now (None: they may)."""
    if not can(author, "decision:appeal", decision):
        return ModerationError(
            _l("Only the author of the comment can appeal this decision."), code="forbidden"
        )
    if decision.action not in APPEALABLE:
        return ModerationError(_l("This decision can't be appealed."), code="not_appealable")
    earlier = appeal_of(decision)
    if earlier is not None:
        return ModerationError(_already_message(earlier), code="already")
    if later_decision(decision) is not None:
        return ModerationError(
            _l("Moderators have since changed this decision, so there is nothing to appeal."),
            code="superseded",
        )
    return None


def _already_message(earlier: Appeal):
    if earlier.outcome == AppealOutcome.PENDING:
        return _l(
            "You already appealed this decision. Each decision can be appealed once; "
            "we will email you the outcome."
        )
    return _l(
        "You already appealed this decision, and it was reviewed. Each decision can be "
        "appealed once."
    )


def _appeal_text(text: str | None) -> str:
    body = clean_text(text)
    if not body:
        raise ModerationError(_l("Say why the decision should be reconsidered."), "body", "empty")
    if len(body) > MAX_APPEAL:
        raise ModerationError(
            _l("Keep your appeal under %(max)d characters.", max=MAX_APPEAL), "body", "too_long"
        )
    return body


def file_appeal(author, decision: Decision, text: str) -> Appeal:
    """Ask for another moderator to review `decision`; once per decision."""
    refusal = appeal_refusal(author, decision)
    if refusal is not None:
        raise refusal
    body = _appeal_text(text)
    appeal = Appeal(decision_id=decision.id, author_id=author.id, body=body)
    try:
        with db.session.begin_nested():
            db.session.add(appeal)
            db.session.flush()
    except IntegrityError:  # a concurrent submission won: still only one appeal
        raise ModerationError(
            _l("You already appealed this decision. Each decision can be appealed once."),
            code="already",
        ) from None
    audit.record(
        author,
        "moderation.appeal_filed",
        appeal,
        summary=f"appeal of decision {decision.id} ({decision.action})",
        reason=decision.guideline_key,
        detail={"decision_id": decision.id, "comment_id": decision.comment_id},
    )
    db.session.flush()
    _tell_author(appeal, "appeal_received")
    return appeal


def decide_refusal(moderator, appeal: Appeal) -> ModerationError | None:
    """Why `moderator` may not decide `appeal` (None: they may)."""
    if not is_moderator(moderator, appeal):
        return ModerationError(_l("Only moderators can decide appeals."), code="forbidden")
    if appeal.decision.moderator_id == moderator.id:
        return ModerationError(
            _l("You made the decision under appeal, so another moderator must review it."),
            code="own_decision",
        )
    if is_own_contribution(moderator, appeal):
        return ModerationError(
            _l("This appeal is about your own comment, so another moderator must review it."),
            code="own_comment",
        )
    if has_conflict(moderator, appeal):
        return ModerationError(
            _l(
                "You work for the department that owns this policy, so another moderator "
                "must review this appeal."
            ),
            code="conflict",
        )
    if not can(moderator, "appeal:decide", appeal):
        return ModerationError(_l("You can't decide this appeal."), code="forbidden")
    if appeal.outcome != AppealOutcome.PENDING:
        return ModerationError(_l("This appeal is already decided."), code="already")
    return None


def decide_appeal(moderator, appeal: Appeal, outcome: str, note: str = "") -> Appeal:
    """Uphold the decision or reverse it (the comment is restored); the author is told."""
    refusal = decide_refusal(moderator, appeal)
    if refusal is not None:
        raise refusal
    if outcome not in (AppealOutcome.UPHELD, AppealOutcome.REVERSED):
        raise ModerationError(_l("Choose whether the decision stands."), "outcome", "outcome")
    note = clean_note(note)
    decision = appeal.decision
    if outcome == AppealOutcome.REVERSED:
        _check_reversible(decision)
    reversed_ = outcome == AppealOutcome.REVERSED
    with db.session.begin_nested():  # a refused reversal leaves the appeal pending
        claim_appeal(appeal, AppealOutcome(outcome).value)
        restored = _reverse(moderator, decision, note) if reversed_ else []
    appeal.outcome = AppealOutcome(outcome).value
    appeal.outcome_note, appeal.decided_by_id, appeal.decided_at = note, moderator.id, utcnow()
    audit.record(
        moderator,
        "moderation.appeal_decided",
        appeal,
        summary=f"appeal of decision {decision.id}: {appeal.outcome}",
        reason=decision.guideline_key,
        detail={
            "outcome": appeal.outcome,
            "note": note,
            "decision_id": decision.id,
            "restore_decision_ids": [d.id for d in restored],
        },
    )
    db.session.flush()
    _tell_author(appeal, "appeal_outcome")
    return appeal


def _check_reversible(decision: Decision) -> None:
    """Refuse a reversal that would undo more than `decision` did (nothing is changed)."""
    newer = db.session.scalar(
        db.select(Decision.id)
        .where(Decision.comment_id == decision.comment_id, Decision.id > decision.id)
        .limit(1)
    )
    if newer is not None:
        raise ModerationError(
            _l(
                "Moderators have decided on this comment again since, so reversing this "
                "decision could undo theirs. Uphold it, and decide on the comment itself "
                "from the queue."
            ),
            "outcome",
            "superseded",
        )
    if decision.action == Action.REDACT and decision.comment.body_md != decision.text_after:
        raise ModerationError(
            _l(
                "The comment's text changed after the passage was removed, so putting the old "
                "text back could restore other removed details. Uphold the decision, and "
                "correct the text from the queue."
            ),
            "outcome",
            "text_changed",
        )


def _reverse(moderator, decision: Decision, note: str) -> list[Decision]:
    """Undo `decision`: a hidden or spam comment is restored, a redacted passage put back."""
    if decision.action == Action.REDACT:
        return [_unredact(moderator, decision, note)]
    from engage.moderation.services.decisions import decide

    # The comment goes back to where it was before this decision (a spam mark on a hidden
    # comment, reversed, leaves it hidden). The author hears the outcome from the appeal's own
    # mail, not a second "restored" one.
    restored = decide(
        moderator,
        [decision.comment],
        Action.RESTORE,
        decision.guideline_key,
        note,
        notify=False,
        restore_to=decision.previous_status,
    )
    if decision.previous_status == CommentStatus.HIDDEN:
        decision.comment.moderation_reason = _earlier_reason(decision)
    return restored


def _earlier_reason(decision: Decision) -> str | None:
    """The reason of the decision that had hidden the comment before `decision`."""
    return db.session.scalar(
        db.select(Decision.guideline_key)
        .where(
            Decision.comment_id == decision.comment_id,
            Decision.id < decision.id,
            Decision.new_status == CommentStatus.HIDDEN.value,
        )
        .order_by(Decision.id.desc())
        .limit(1)
    )


def _unredact(moderator, decision: Decision, note: str) -> Decision:
    """Put back the text a redaction removed (decide() restores only hidden comments)."""
    comment = decision.comment
    restored = Decision(
        comment=comment,
        subject_user_id=comment.author_id,
        moderator_id=moderator.id,
        action=Action.RESTORE.value,
        guideline_key=decision.guideline_key,
        guideline_version_id=decision.guideline_version_id,
        note=note,
        previous_status=comment.status,
        new_status=comment.status,
        text_before=comment.body_md,
        text_after=decision.text_before,
    )
    comment.body_md = decision.text_before or comment.body_md
    comment.body_html, comment.redacted_at = render_markdown(comment.body_md), None
    if comment.status == CommentStatus.PUBLISHED:
        comment.moderation_reason = None
    db.session.add(restored)
    db.session.flush()
    audit.record(
        moderator,
        "moderation.restore",
        comment,
        summary=comment.tracking_number,
        reason=decision.guideline_key,
        detail={
            "decision_id": restored.id,
            "comment_id": comment.id,
            "note": note,
            "reverses_decision_id": decision.id,
            "text_before": restored.text_before,
            "text_after": restored.text_after,
        },
    )
    signals.comment_changed.send(comment)
    return restored


def _tell_author(appeal: Appeal, template: str) -> None:
    author = appeal.author
    comment = appeal.decision.comment
    if not reachable(author) or comment is None:
        return
    from engage.moderation.services.guidelines import guideline_title

    queue_mail(
        author.email,
        template,
        locale=author.preferred_language,
        user=author,
        appeal=appeal,
        comment=comment,
        guideline=guideline_title(appeal.decision.guideline_key),
        link=absolute_url("moderation.appeal", decision_id=appeal.decision_id),
    )
