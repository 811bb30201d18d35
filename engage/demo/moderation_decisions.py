"""Demo moderation decisions, and flags left open so the queue has work in every tab.

moderator@demo.engage redacted a street corner from a drones comment (two readers flagged it),
hid an insult and an off-topic question, marked an advertisement as spam and approved the
link a new account posted. Readers' flags stay open on a few published comments. Each step
looks for what it would create first, so a second run adds nothing.
"""

from dataclasses import dataclass
from datetime import timedelta

from engage.accounts.models import User
from engage.accounts.services import create_user, find_by_email
from engage.comments.models import Comment, Flag
from engage.comments.services import CommentData, CommentError, post_comment
from engage.comments.services.posting import existing_submission
from engage.comments.services.reactions import flag
from engage.demo.comment_specs import md
from engage.demo.people import DEMO_PASSWORD
from engage.extensions import db
from engage.moderation.models import Action, Decision
from engage.moderation.services.decisions import decide
from engage.moderation.services.errors import ModerationError
from engage.moderation.services.guidelines import guideline_choices
from engage.policies.models import Policy
from engage.types import utcnow

ADVERTISER = ("best.deals@demo.engage", "CamDeals")


@dataclass(frozen=True)
class Posted:
    """A comment this module posts itself (once), to be decided on."""

    key: str
    author: str  # an email
    policy: str
    body: str
    hours_ago: float


POSTED = (
    Posted(
        "queue-insult",
        "resident09@demo.engage",
        "bpd-body-worn-cameras",
        md(
            """
            Anyone who still trusts these officers to switch the camera on is a fool, and the
            retired cops posting here are liars protecting their friends.
            """
        ),
        30,
    ),
    Posted(
        "queue-off-topic",
        "resident14@demo.engage",
        "bpd-drones",
        md(
            """
            Does anybody know when the snow emergency parking ban ends? My car has been stuck
            behind a plow pile on Columbia Road since Tuesday.
            """
        ),
        20,
    ),
    Posted(
        "queue-advert",
        ADVERTISER[0],
        "bpd-social-media-analysis-tools",
        md(
            """
            Protect your privacy from police cameras! Dash cams and home security kits at 60%
            off this week only: https://cheap-cams-deals.example.com/boston
            """
        ),
        8,
    ),
)


@dataclass(frozen=True)
class Decided:
    key: str  # the comment's form token, without "demo:"
    action: Action
    reasons: tuple[str, ...]  # guideline keys, the first one the guidelines have wins
    note: str = ""
    passage: str | None = None
    hours_after: float = 3


DECISIONS = (
    Decided(
        "drn-04",
        Action.REDACT,
        ("personal_information", "privacy"),
        "We removed where your neighbour lives; the rest of your comment stays.",
        "in the blue triple-decker at the corner of Savin Hill Ave and Grampian Way",
        hours_after=30,  # after the two readers' flags
    ),
    Decided(
        "queue-insult",
        Action.HIDE,
        ("harassment", "respect", "civility"),
        "Disagree with other residents' arguments as much as you like, without insults.",
    ),
    Decided(
        "queue-off-topic",
        Action.HIDE,
        ("off_topic", "relevance"),
        "Snow emergencies are for 311, not this policy's comment thread.",
    ),
    Decided("queue-advert", Action.SPAM, ("spam",)),
    Decided(
        "held-link",
        Action.APPROVE,
        ("spam", "off_topic"),
        "The link compares other cities' rules: on topic, not advertising.",
        hours_after=1,
    ),
)

# (comment key, flagger email, reason, note): left open for the flagged tab.
OPEN_FLAGS = (
    ("alpr-02", "resident05@demo.engage", "other", "Police talking points, not a comment."),
    ("alpr-02", "resident11@demo.engage", "off_topic", ""),
    ("soc-08", "resident15@demo.engage", "harassment", "Calls out another resident by name."),
    ("drn-08", "resident07@demo.engage", "off_topic", ""),
)


def _comment(key: str) -> Comment | None:
    return db.session.scalar(db.select(Comment).where(Comment.idempotency_key == f"demo:{key}"))


def _advertiser() -> User:
    email, name = ADVERTISER
    user = find_by_email(email)
    if user is None:
        user = create_user(email, "resident", DEMO_PASSWORD, name)
        user.created_at = utcnow() - timedelta(days=1)
    return user


def _post(spec: Posted) -> bool:
    """Post the comment as its author would (screening may hold it); True when new."""
    author = _advertiser() if spec.author == ADVERTISER[0] else find_by_email(spec.author)
    policy = db.session.scalar(db.select(Policy).where(Policy.slug == spec.policy))
    if author is None or policy is None or existing_submission(author, f"demo:{spec.key}"):
        return False
    data = CommentData(body=spec.body, idempotency_key=f"demo:{spec.key}", language="en")
    try:
        comment = post_comment(author, policy, data)
    except CommentError:
        return False  # its period is not open on the day the demo is loaded: skip it
    comment.created_at = comment.received_at = utcnow() - timedelta(hours=spec.hours_ago)
    return True


def _decide(moderator: User, spec: Decided, keys: list[str]) -> str:
    comment = _comment(spec.key)
    if comment is None:
        return "skipped"
    done = db.session.scalar(
        db.select(Decision.id).where(
            Decision.comment_id == comment.id, Decision.action == spec.action.value
        )
    )
    if done:
        return "present"
    reason = next((key for key in spec.reasons if key in keys), keys[0])
    try:
        (decision,) = decide(
            moderator, [comment], spec.action, reason, spec.note, redact_passage=spec.passage
        )
    except ModerationError:
        return "skipped"
    decision.created_at = min(
        comment.created_at + timedelta(hours=spec.hours_after), utcnow() - timedelta(minutes=5)
    )
    _date_back(comment, decision)
    return "created"


def _date_back(comment: Comment, decision: Decision) -> None:
    """Everything the decision stamped carries its (demo) moment."""
    moment = decision.created_at
    if comment.moderated_at is not None:
        comment.moderated_at = moment
    if comment.redacted_at is not None:
        comment.redacted_at = moment
    for resolved in db.session.scalars(
        db.select(Flag).where(Flag.comment_id == comment.id, Flag.resolved_at.is_not(None))
    ):
        resolved.resolved_at = max(moment, resolved.created_at)


def _open_flags() -> int:
    added = 0
    for key, email, reason, note in OPEN_FLAGS:
        comment, reader = _comment(key), find_by_email(email)
        if comment is None or reader is None or _flagged(comment, reader):
            continue
        try:
            flag(reader, comment, reason, note).created_at = comment.created_at + timedelta(
                hours=2 + added
            )
        except CommentError:
            continue
        added += 1
    return added


def _flagged(comment: Comment, reader: User) -> bool:
    return bool(
        db.session.scalar(
            db.select(Flag.id).where(Flag.comment_id == comment.id, Flag.user_id == reader.id)
        )
    )


def load_moderation_decisions(users: dict[str, User]) -> list[str]:
    """Post the comments to decide on, take the decisions, leave flags open; lines to print."""
    keys = [key for key, _title in guideline_choices()]
    if not keys:
        return ["moderation decisions: skipped (no community guidelines published)"]
    posted = sum(_post(spec) for spec in POSTED)
    states = [_decide(users["moderator"], spec, keys) for spec in DECISIONS]
    flags = _open_flags()
    db.session.flush()
    return [
        f"moderation decisions: {states.count('created')} created, {states.count('present')} "
        f"already present, {states.count('skipped')} skipped ({posted} comments posted for "
        f"them); open flags: {flags} added"
    ]
