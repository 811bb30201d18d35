"""Demo moderation setup: guidelines v1 and v2, the screening rules, and comments they held.

The held comments are posted through the comment services, so the rules screen them as they
would on the site and record which rule fired. Runs after the demo's comment threads (those
were posted before any rule existed); a second run adds nothing.
"""

from datetime import timedelta

from engage.accounts.models import User
from engage.accounts.services import create_user, find_by_email
from engage.comments.models import Comment
from engage.comments.services import CommentData, post_comment
from engage.comments.services.posting import existing_submission
from engage.demo import guideline_texts as texts
from engage.demo.comment_specs import md
from engage.demo.people import DEMO_PASSWORD
from engage.demo.when import local_day
from engage.extensions import db
from engage.moderation.models import ModerationMode, RuleHit
from engage.moderation.services.guidelines import guideline_version, publish_guidelines
from engage.moderation.services.modes import set_moderation_mode
from engage.moderation.services.rules import default_rules
from engage.policies.models import Policy
from engage.types import utcnow

PRE_MODERATED = "bpd-automated-license-plate-readers"
NEWCOMER = ("jordan.newcomer@demo.engage", "Jordan T.", "Roslindale")

LINK_FROM_NEW_ACCOUNT = md(
    """
    Other cities keep body camera footage for much less time. I collected the retention
    rules of twelve cities here: https://bodycam-retention.example.net/compare. Boston
    should adopt the shortest one that still protects evidence.
    """
)
LISTED_WORD = md(
    """
    Whoever thinks flying drones over cookouts in Franklin Park is about public safety is an
    idiot. Put the money into streetlights and youth jobs instead.
    """
)
BURST = (
    "Who audits the keyword lists these tools search for?",
    "The policy never says how long screenshots of posts are kept.",
    "Will people be told if their posts were collected?",
    "Protest organizers should not be monitored at all. Write that down.",
    "Same question as before: who audits this?",
    "Nobody has answered my questions. Who audits the keyword lists?",
)
PRE_MODERATED_TEXT = md(
    """
    Does the 21-day retention period also apply to plate reads that matched a hotlist? The
    data retention section only talks about reads that did not match. Hyde Park residents
    drive past the fixed readers on Truman Parkway every day and deserve a clear answer.
    """
)


def load_moderation_rules(users: dict[str, User]) -> list[str]:
    """Guidelines, rules, a pre-moderated policy and held comments; lines to print."""
    published = _load_guidelines(users["admin"])
    rules = default_rules(users["admin"])
    policies = {p.slug: p for p in db.session.scalars(db.select(Policy))}
    set_moderation_mode(users["staff"], policies[PRE_MODERATED], ModerationMode.PRE)
    held = _post_held(policies)
    return [
        f"guidelines: {published} versions published (2 in the demo)",
        f"screening rules: {len(rules)}; {PRE_MODERATED} in pre-moderation",
        f"held comments: {held} created",
    ]


def _load_guidelines(admin: User) -> int:
    published = 0
    for number, intro, items, note, day in (
        (1, texts.INTRO_V1, texts.GUIDELINES_V1, texts.CHANGE_NOTE_V1, -240),
        (2, texts.INTRO_V2, texts.GUIDELINES_V2, texts.CHANGE_NOTE_V2, -45),
    ):
        if guideline_version(number) is None:
            version = publish_guidelines(admin, intro, items, note)
            version.created_at = local_day(day, 10)
            published += 1
    return published


def _newcomer() -> User:
    email, name, neighborhood = NEWCOMER
    user = find_by_email(email)
    if user is None:
        user = create_user(email, "resident", DEMO_PASSWORD, name)
        user.neighborhood = neighborhood
        user.created_at = utcnow() - timedelta(days=2)
    return user


def _resident(number: int) -> User:
    return find_by_email(f"resident{number:02d}@demo.engage")


def _post(author: User, policy: Policy, key: str, body: str, section=None) -> Comment | None:
    """Post once (None when a previous run did); screening decides whether it is held."""
    if existing_submission(author, f"demo:{key}") is not None:
        return None
    data = CommentData(body=body, section_key=section, idempotency_key=f"demo:{key}", language="en")
    return post_comment(author, policy, data)


def _post_held(policies: dict[str, Policy]) -> int:
    posted = [
        (
            _post(
                _newcomer(), policies["bpd-body-worn-cameras"], "held-link", LINK_FROM_NEW_ACCOUNT
            ),
            5,
        ),
        (_post(_resident(17), policies["bpd-drones"], "held-word", LISTED_WORD), 26),
        (
            _post(
                _resident(18),
                policies[PRE_MODERATED],
                "held-pre",
                PRE_MODERATED_TEXT,
                section="data_retention",
            ),
            2,
        ),
    ]
    social = policies["bpd-social-media-analysis-tools"]
    author = _resident(12)
    for number, body in enumerate(BURST):
        # All posted first, then dated back: the burst rule counts the last minutes.
        posted.append((_post(author, social, f"held-burst-{number}", body), 3 - number * 0.02))
    fresh = [(comment, hours) for comment, hours in posted if comment is not None]
    for comment, hours in fresh:
        _date_back(comment, hours)
    return sum(1 for comment, _ in fresh if comment.status == "held")


def _date_back(comment: Comment, hours: float) -> None:
    """Held comments waiting a while, as in a real queue (their rule hits with them)."""
    moment = utcnow() - timedelta(hours=hours)
    comment.created_at = comment.received_at = moment
    for hit in db.session.scalars(db.select(RuleHit).where(RuleHit.comment_id == comment.id)):
        hit.created_at = moment
