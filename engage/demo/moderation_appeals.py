"""Demo appeals, a suspension and a locked thread, and the second moderator who reviews appeals.

moderator@demo.engage hid three comments; their authors appealed. One appeal waits for
moderator2@demo.engage (the resident@demo.engage account filed it), one was upheld and one
reversed. An account is suspended for two weeks and a heated thread is locked. Each step
looks for what it would create first, so a second run adds nothing.
"""

from dataclasses import dataclass
from datetime import datetime, timedelta

from engage.accounts.models import User
from engage.accounts.services import create_user, find_by_email
from engage.comments.models import Comment
from engage.comments.services import CommentData, CommentError, post_comment
from engage.comments.services.posting import existing_submission
from engage.demo.comment_specs import md
from engage.demo.people import DEMO_PASSWORD
from engage.demo.when import local_day
from engage.extensions import db
from engage.moderation.models import Action, AppealOutcome, Decision, Suspension
from engage.moderation.services.appeals import appeal_of, decide_appeal, file_appeal
from engage.moderation.services.errors import ModerationError
from engage.moderation.services.guidelines import guideline_choices
from engage.moderation.services.suspensions import suspend
from engage.moderation.services.threads import lock
from engage.policies.models import Policy
from engage.types import utcnow

SECOND_MODERATOR = ("moderator2@demo.engage", "Maya Moderator")
SUSPENDED = ("suspended@demo.engage", "Dale B.")
LOCKED_THREAD = "demo:soc-07"


@dataclass(frozen=True)
class DemoAppeal:
    key: str  # the comment's form token: "demo:<key>"
    author: str  # an email
    policy: str
    day: int
    body: str
    reasons: tuple[str, ...]  # guideline keys, the first one the guidelines have wins
    decision_note: str
    appeal: str
    outcome: str = AppealOutcome.PENDING.value
    outcome_note: str = ""


APPEALS = (
    DemoAppeal(
        "appeal-pending",
        "resident@demo.engage",
        "bpd-drones",
        -4,
        md(
            """
            Whoever wrote the flight-log section is either clueless or lying. Fourteen days of
            "non-evidentiary" footage is a surveillance archive, and the people defending it
            here should be ashamed of themselves.
            """
        ),
        ("respect", "civility", "harassment", "personal_attacks"),
        "Argue with the policy, not with the people who wrote or defend it.",
        md(
            """
            I was angry, but I named nobody: I was criticising the policy's authors in their
            public role. The point about fourteen days of footage is the heart of my comment,
            and it is gone now. Please restore it; I am happy to edit the first sentence.
            """
        ),
    ),
    DemoAppeal(
        "appeal-upheld",
        "resident12@demo.engage",
        "bpd-social-media-analysis-tools",
        -6,
        md(
            """
            The analyst who ran the searches last winter is Officer J. Doyle, badge 4471; he
            lives on Dorchester Street and his cell is 617-555-0142. Ask him yourselves what
            they kept.
            """
        ),
        ("personal_information", "privacy", "personal_info"),
        "A private address and phone number.",
        "The officer's name and badge number are public records.",
        AppealOutcome.UPHELD.value,
        "The badge number is public, but a home street and a personal phone number are not. "
        "You are welcome to post your question about what was kept without them.",
    ),
    DemoAppeal(
        "appeal-reversed",
        "resident04@demo.engage",
        "bpd-body-worn-cameras",
        -8,
        md(
            """
            Twice this year I was stopped for a broken tail light on VFW Parkway and neither
            officer told me the camera was on. The policy should require officers to say so
            at the start of every stop, not only "when practical".
            """
        ),
        ("off_topic", "on_topic", "relevance"),
        "About traffic enforcement, not the camera policy.",
        "My comment is about when officers must announce the camera, which is in the policy.",
        AppealOutcome.REVERSED.value,
        "You are right: it is about the notification rule in the policy. Restored.",
    ),
)


def _choose(reasons: tuple[str, ...], keys: list[str]) -> str:
    return next((key for key in reasons if key in keys), keys[0])


def _account(email: str, role: str, name: str) -> tuple[User, bool]:
    user = find_by_email(email)
    if user is not None:
        return user, False
    return create_user(email, role, DEMO_PASSWORD, name), True


def _comment(spec: DemoAppeal) -> Comment | None:
    """The appealed comment, posted by its author as the site would (once)."""
    author = find_by_email(spec.author)
    policy = db.session.scalar(db.select(Policy).where(Policy.slug == spec.policy))
    if author is None or policy is None:
        return None
    comment = existing_submission(author, f"demo:{spec.key}")
    if comment is not None:
        return comment
    data = CommentData(body=spec.body, idempotency_key=f"demo:{spec.key}", language="en")
    try:
        comment = post_comment(author, policy, data)
    except CommentError:
        return None  # the period is not open (a demo loaded on another day): skip it
    comment.created_at = comment.received_at = local_day(spec.day, 20, 15)
    return comment


def _hidden_by(moderator: User, comment: Comment, spec: DemoAppeal, keys) -> Decision | None:
    """The hide decision under appeal: found, or made now by `moderator`."""
    decision = db.session.scalar(
        db.select(Decision)
        .where(Decision.comment_id == comment.id, Decision.action == Action.HIDE.value)
        .order_by(Decision.id)
        .limit(1)
    )
    if decision is not None:
        return decision
    from engage.moderation.services.decisions import decide

    try:
        (decision,) = decide(
            moderator, [comment], Action.HIDE, _choose(spec.reasons, keys), spec.decision_note
        )
    except ModerationError:
        return None
    decision.created_at = comment.created_at + timedelta(hours=5, minutes=20)
    comment.moderated_at = decision.created_at
    return decision


def _before_now(moment: datetime) -> datetime:
    return min(moment, utcnow() - timedelta(minutes=5))


def _appeal(spec: DemoAppeal, moderator: User, second: User, keys: list[str]) -> str:
    comment = _comment(spec)
    decision = _hidden_by(moderator, comment, spec, keys) if comment else None
    if decision is None:
        return "skipped"
    if appeal_of(decision) is not None:
        return "present"
    appeal = file_appeal(comment.author, decision, spec.appeal)
    appeal.created_at = _before_now(decision.created_at + timedelta(hours=20))
    if spec.outcome != AppealOutcome.PENDING:
        decide_appeal(second, appeal, spec.outcome, spec.outcome_note)
        appeal.decided_at = _before_now(appeal.created_at + timedelta(hours=26))
        _date_restores(comment, decision, appeal.decided_at)
    return "created"


def _date_restores(comment: Comment, decision: Decision, moment: datetime) -> None:
    for later in db.session.scalars(
        db.select(Decision).where(Decision.comment_id == comment.id, Decision.id > decision.id)
    ):
        later.created_at = moment


def _suspension(moderator: User, keys: list[str]) -> str:
    user, _created = _account(SUSPENDED[0], "resident", SUSPENDED[1])
    if db.session.scalar(db.select(Suspension.id).where(Suspension.user_id == user.id)):
        return "already present"
    suspension = suspend(
        moderator,
        user,
        _choose(("respect", "civility", "harassment"), keys),
        "Three comments in two days insulting other residents by name.",
        14,
    )
    suspension.starts_at = local_day(-2, 10)
    suspension.ends_at = suspension.starts_at + timedelta(days=14)
    return "created"


def _locked_thread(moderator: User, keys: list[str]) -> str:
    root = db.session.scalar(db.select(Comment).where(Comment.idempotency_key == LOCKED_THREAD))
    if root is None:
        return "skipped"
    done = db.session.scalar(
        db.select(Decision.id).where(
            Decision.comment_id == root.id, Decision.action == Action.LOCK.value
        )
    )
    if done or root.locked_at is not None:
        return "already present"
    lock(
        moderator,
        root,
        _choose(("respect", "civility", "off_topic"), keys),
        "The exchange is going in circles; new points are welcome as new comments.",
    )
    return "created"


def load_moderation_appeals(users: dict[str, User]) -> list[str]:
    """Create the second moderator, the appeals, a suspension and a locked thread."""
    second, created = _account(SECOND_MODERATOR[0], "moderator", SECOND_MODERATOR[1])
    # Printed (and in the README) so people can sign in as the moderator who decides appeals.
    lines = [
        f"second moderator {SECOND_MODERATOR[0]} (reviews appeals): "
        f"{'created' if created else 'present'}"
    ]
    keys = [key for key, _title in guideline_choices()]
    if not keys:
        return [*lines, "moderation appeals: skipped (no community guidelines published)"]
    moderator = users["moderator"]
    states = [_appeal(spec, moderator, second, keys) for spec in APPEALS]
    lines.append(
        f"appeals: {states.count('created')} created, {states.count('present')} already "
        f"present, {states.count('skipped')} skipped; suspension: "
        f"{_suspension(moderator, keys)}; locked thread: {_locked_thread(moderator, keys)}"
    )
    db.session.flush()
    return lines
