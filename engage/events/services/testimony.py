"""Written testimony to a city meeting: it enters the linked policy's record as a comment."""

from dataclasses import dataclass

from flask_babel import lazy_gettext as _l

from engage import audit, signals
from engage.comments.models import Channel, Comment, CommentStatus
from engage.comments.services.errors import CommentError
from engage.comments.services.posting import (
    CommentData,
    _body,
    _check_choices,
    existing_submission,
    new_tracking_number,
)
from engage.events.models import Event
from engage.events.services.meetings import _check_person, why_no_testimony
from engage.events.services.sessions import EventError
from engage.extensions import db
from engage.mail import queue_mail
from engage.policies.models import PeriodState, Policy
from engage.policies.services import current_period
from engage.types import utcnow
from engage.web import absolute_url


@dataclass
class WrittenTestimony:
    policy_id: int | None
    body: str
    stance: str | None = None
    show_name: bool = True
    idempotency_key: str | None = None


def _testimony_policy(event: Event, policy_id) -> Policy:
    policy = next((p for p in event.policies if p.id == policy_id), None)
    if policy is None:
        raise EventError(_l("Choose one of the policies this meeting is about."), "policy_id")
    return policy


def _period(policy: Policy):
    """The policy's current period; testimony after its deadline still counts, marked late.

    Written testimony to a hearing is part of the public record whatever the comment period
    says, so a closed period doesn't refuse it: the comment is flagged `is_late` instead.
    """
    period = current_period(policy)
    if period is None:
        raise EventError(
            _l("This policy has no comment record yet; testify in person or online instead."),
            "policy_id",
        )
    return period, period.state == PeriodState.CLOSED


def submit_written_testimony(user, event: Event, data: WrittenTestimony) -> Comment:
    """Enter written testimony in the policy's record as a comment (channel 'meeting')."""
    _check_person(user)
    problem = why_no_testimony(event, written=True)
    if problem:
        raise problem
    policy = _testimony_policy(event, data.policy_id)
    earlier = existing_submission(user, data.idempotency_key)
    if earlier is not None:
        return earlier
    period, late = _period(policy)
    try:
        _check_choices(period.version, CommentData(body=data.body, stance=data.stance))
        body, html = _body(data.body)
    except CommentError as error:
        raise EventError(str(error), error.field) from error
    comment = _testimony_comment(user, policy, period, data, body, html, late)
    db.session.add(comment)
    db.session.flush()
    audit.record(
        user,
        "meeting.testimony",
        comment,
        summary=f"Written testimony {comment.tracking_number}",
        detail={"event": event.id, "policy": policy.id, "late": late},
    )
    signals.comment_posted.send(comment, parent=None)
    # The comment notifications send receipts for web comments only; testimony gets one too.
    queue_mail(
        user.email,
        "comment_receipt",
        locale=user.preferred_language,
        user=user,
        comment=comment,
        link=absolute_url("comments.permalink", comment_id=comment.id),
    )
    return comment


def _testimony_comment(user, policy, period, data: WrittenTestimony, body, html, late) -> Comment:
    now = utcnow()
    return Comment(
        tracking_number=new_tracking_number(),
        policy_id=policy.id,
        version_id=period.version.id,
        period_id=period.id,
        author_id=user.id,
        show_name=bool(data.show_name),
        stance=data.stance or None,
        body_md=body,
        body_html=html,
        channel=Channel.MEETING.value,
        received_at=now,
        is_late=late,
        idempotency_key=data.idempotency_key,
        status=CommentStatus.PUBLISHED.value,
    )
