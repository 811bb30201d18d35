"""The screening rules as data: their settings, the defaults, and admins' changes to them."""

from dataclasses import dataclass

from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from sqlalchemy import func, select

from engage import audit
from engage.comments.models import Comment, CommentStatus
from engage.extensions import db
from engage.moderation.models import ModerationRule, RuleHit, RuleKind
from engage.moderation.services.errors import ModerationError
from engage.sanitize import clean_text
from engage.types import utcnow

MAX_WORDS = 500
MAX_WORD_LENGTH = 100


@dataclass(frozen=True)
class Setting:
    """One parameter of a rule kind: a whole number in a range, or a list of words."""

    name: str
    label: object
    hint: object
    minimum: int = 1
    maximum: int = 1000
    is_words: bool = False


KIND_LABELS = {
    RuleKind.NEW_ACCOUNT_LINKS: _l("Links from new accounts"),
    RuleKind.WORD_LIST: _l("Listed words and phrases"),
    RuleKind.BURST: _l("Bursts from one account"),
    RuleKind.CAMPAIGN_MATCH: _l("Known campaign text"),
    RuleKind.RECENTLY_SUSPENDED: _l("Recently suspended accounts"),
}

SETTINGS: dict[str, tuple[Setting, ...]] = {
    RuleKind.NEW_ACCOUNT_LINKS: (
        Setting(
            "account_age_days",
            _l("Account younger than (days)"),
            _l("A comment with a link is held when its author's account is younger than this."),
            maximum=365,
        ),
    ),
    RuleKind.WORD_LIST: (
        Setting(
            "words",
            _l("Words and phrases"),
            _l("One per line. Matched as whole words, in any letter case."),
            is_words=True,
        ),
    ),
    RuleKind.BURST: (
        Setting(
            "max_comments",
            _l("Most comments allowed"),
            _l("A comment is held when its author posted more than this many in the window."),
            maximum=500,
        ),
        Setting(
            "window_minutes",
            _l("Window (minutes)"),
            _l("How far back comments are counted."),
            maximum=1440,
        ),
    ),
    RuleKind.CAMPAIGN_MATCH: (
        Setting(
            "min_size",
            _l("Smallest campaign (copies)"),
            _l("A comment is held when it matches a campaign with at least this many copies."),
            minimum=2,
            maximum=100_000,
        ),
    ),
    RuleKind.RECENTLY_SUSPENDED: (
        Setting(
            "within_days",
            _l("Suspended within the last (days)"),
            _l("Comments are held from accounts whose suspension was in force this recently."),
            maximum=3650,
        ),
    ),
}

DEFAULT_WORDS = [
    "kill you",
    "hope you die",
    "watch your back",
    "we know where you live",
    "home address",
    "social security number",
    "idiot",
    "moron",
    "casino",
    "crypto giveaway",
    "payday loan",
    "buy followers",
]

DEFAULT_RULES = (
    (
        RuleKind.NEW_ACCOUNT_LINKS,
        "Links from new accounts",
        "Holds comments that contain a link when the author's account is new.",
        {"account_age_days": 7},
    ),
    (
        RuleKind.WORD_LIST,
        "Listed words and phrases",
        "Holds comments with threats, personal details or spam vocabulary for a moderator to read.",
        {"words": DEFAULT_WORDS},
    ),
    (
        RuleKind.BURST,
        "Bursts from one account",
        "Holds comments when one account posts many in a short time.",
        {"max_comments": 5, "window_minutes": 10},
    ),
    (
        RuleKind.CAMPAIGN_MATCH,
        "Known campaign text",
        "Holds comments that copy a form letter already posted several times.",
        {"min_size": 3},
    ),
    (
        RuleKind.RECENTLY_SUSPENDED,
        "Recently suspended accounts",
        "Holds comments from accounts that were suspended recently.",
        {"within_days": 30},
    ),
)


def all_rules() -> list[ModerationRule]:
    return list(db.session.scalars(select(ModerationRule).order_by(ModerationRule.id)))


def default_rules(actor=None) -> list[ModerationRule]:
    """Create the five screening rules if there are none yet; return the rules."""
    if db.session.scalar(select(func.count(ModerationRule.id))):
        return all_rules()
    rules = [
        ModerationRule(kind=kind.value, name=name, description=description, params=params)
        for kind, name, description, params in DEFAULT_RULES
    ]
    db.session.add_all(rules)
    db.session.flush()
    for rule in rules:
        audit.record(actor, "moderation.rule_create", rule, summary=rule.name, detail=rule.params)
    return rules


def parse_words(text: str | None) -> list[str]:
    """One word or phrase per line: trimmed, spaces collapsed, blanks and repeats dropped."""
    words: list[str] = []
    seen: set[str] = set()
    for line in clean_text(text).split("\n"):
        word = " ".join(line.split())
        if word and word.casefold() not in seen:
            seen.add(word.casefold())
            words.append(word)
    return words


def _check_words(setting: Setting, words: list[str]) -> None:
    if len(words) > MAX_WORDS:
        raise ModerationError(
            _("List at most %(n)d words or phrases.", n=MAX_WORDS), setting.name, "range"
        )
    too_long = [w for w in words if len(w) > MAX_WORD_LENGTH]
    if too_long:
        raise ModerationError(
            _("Each line may have at most %(n)d characters.", n=MAX_WORD_LENGTH),
            setting.name,
            "range",
        )


def _check_number(setting: Setting, value) -> None:
    if not isinstance(value, int) or isinstance(value, bool):
        raise ModerationError(_("Enter a whole number."), setting.name, "number")
    if not setting.minimum <= value <= setting.maximum:
        raise ModerationError(
            _(
                "Enter a number from %(low)d to %(high)d.",
                low=setting.minimum,
                high=setting.maximum,
            ),
            setting.name,
            "range",
        )


def _checked_params(rule: ModerationRule, params: dict) -> dict:
    checked = {}
    for setting in SETTINGS.get(rule.kind, ()):
        value = params.get(setting.name)
        if setting.is_words:
            value = list(value or [])
            _check_words(setting, value)
        else:
            _check_number(setting, value)
        checked[setting.name] = value
    return checked


def update_rule(admin, rule: ModerationRule, enabled: bool, params: dict) -> ModerationRule:
    """Switch a rule on or off and change its settings; the audit log keeps before and after."""
    checked = _checked_params(rule, params)
    before = {"enabled": rule.enabled, "params": dict(rule.params or {})}
    after = {"enabled": bool(enabled), "params": {**(rule.params or {}), **checked}}
    if before == after:
        return rule
    rule.enabled = after["enabled"]
    rule.params = after["params"]  # a new dict: JSON columns only notice reassignment
    rule.updated_at = utcnow()
    rule.updated_by_id = getattr(admin, "id", None)
    db.session.flush()
    audit.record(
        admin,
        "moderation.rule_update",
        rule,
        summary=rule.name,
        detail={"before": before, "after": after},
    )
    return rule


def waiting_counts() -> dict[str, int]:
    """How many held comments each rule kind holds now (a comment may count for several)."""
    rows = db.session.execute(
        select(RuleHit.rule_kind, func.count(func.distinct(RuleHit.comment_id)))
        .join(Comment, Comment.id == RuleHit.comment_id)
        .where(Comment.status == CommentStatus.HELD.value)
        .group_by(RuleHit.rule_kind)
    )
    return dict(rows.all())
