"""Screening new web comments: pre-moderation, and the rules (data) that hold risky ones.

Each rule kind is a small check here; what it checks against (ages, word lists, limits) lives
in `ModerationRule.params`, which admins edit. A check returns why it fired, or None.
"""

import re
import unicodedata
from collections.abc import Callable
from datetime import timedelta
from functools import lru_cache

from sqlalchemy import func, select

from engage import audit
from engage.comments.models import Channel, Comment, CommentStatus
from engage.extensions import db
from engage.moderation.models import ModerationMode, ModerationRule, RuleHit, RuleKind, Suspension
from engage.moderation.services.rules import default_rules  # noqa: F401 (the interface)
from engage.types import utcnow

# Web addresses as typed, or as the renderer linked them (bare "example.com" included).
_LINK = re.compile(r"(?:https?://|www\.)[^\s<>\"')\]]+", re.IGNORECASE)
DETAIL_LENGTH = 300  # RuleHit.detail


def enabled_rules() -> list[ModerationRule]:
    """The rules that screen comments now, in a stable order."""
    return list(
        db.session.scalars(
            select(ModerationRule).where(ModerationRule.enabled).order_by(ModerationRule.id)
        )
    )


def _is_screened(comment: Comment) -> bool:
    # Staff-entered and imported comments, and the city's official answers, are published at
    # once (CONTRACT.md): the rules act on what residents post on the web.
    return (
        comment.channel == Channel.WEB
        and comment.entered_by_id is None
        and comment.import_key is None
        and comment.author_id is not None
        and not comment.is_official_response
    )


def _param(rule: ModerationRule, name: str, default: int) -> int:
    value = (rule.params or {}).get(name, default)
    return value if isinstance(value, int) and not isinstance(value, bool) else default


# The checks, one per rule kind --------------------------------------------------------------


def has_link(comment: Comment) -> str | None:
    """The first link in the comment's text (or rendered HTML), if any."""
    for text in (comment.body_md or "", comment.body_html or ""):
        match = _LINK.search(text)
        if match:
            return match.group(0).rstrip(".,;:!?")[:80]
    return None


def _new_account_links(rule: ModerationRule, comment: Comment) -> str | None:
    days = _param(rule, "account_age_days", 7)
    joined = comment.author.created_at
    if utcnow() - joined >= timedelta(days=days):
        return None
    link = has_link(comment)
    if link is None:
        return None
    age = (utcnow() - joined).days
    return f"account {age} days old (limit {days}) posted a link: {link}"


def _fold(text: str) -> str:
    return unicodedata.normalize("NFKC", text).casefold()


@lru_cache(maxsize=64)
def _word_pattern(words: tuple[str, ...]) -> re.Pattern | None:
    phrases = [r"\s+".join(map(re.escape, _fold(w).split())) for w in words if w.strip()]
    if not phrases:
        return None
    # Whole words in any script: no word character may touch either end of the phrase.
    return re.compile(r"(?<!\w)(?:" + "|".join(phrases) + r")(?!\w)")


def listed_words_in(text: str, words: list[str]) -> list[str]:
    """The listed words or phrases found in `text`: whole words, any case, any script."""
    pattern = _word_pattern(tuple(str(w) for w in words))
    if pattern is None:
        return []
    return sorted({m.group(0) for m in pattern.finditer(_fold(text))})


def _word_list(rule: ModerationRule, comment: Comment) -> str | None:
    found = listed_words_in(comment.body_md or "", (rule.params or {}).get("words") or [])
    if not found:
        return None
    return "listed words: " + ", ".join(f"“{w}”" for w in found)


def _burst(rule: ModerationRule, comment: Comment) -> str | None:
    limit = _param(rule, "max_comments", 5)
    minutes = _param(rule, "window_minutes", 10)
    since = utcnow() - timedelta(minutes=minutes)
    count = db.session.scalar(
        select(func.count(Comment.id)).where(
            Comment.author_id == comment.author_id,
            Comment.channel == Channel.WEB.value,
            Comment.created_at >= since,
        )
    )
    if count <= limit:
        return None
    return f"{count} comments in {minutes} minutes (limit {limit})"


def _campaign_match(rule: ModerationRule, comment: Comment) -> str | None:
    try:
        from engage.campaigns.services import matching_campaign
    except ImportError:  # the campaigns module is not installed: nothing to match against
        return None
    campaign = matching_campaign(comment.body_md or "", comment.policy)
    min_size = _param(rule, "min_size", 3)
    if campaign is None or (campaign.size or 0) < min_size:
        return None
    return f"matches campaign #{campaign.id} ({campaign.size} copies, at least {min_size})"


def _ended_at(suspension: Suspension):
    return suspension.lifted_at or suspension.ends_at


def _recently_suspended(rule: ModerationRule, comment: Comment) -> str | None:
    days = _param(rule, "within_days", 30)
    cutoff = utcnow() - timedelta(days=days)
    suspensions = db.session.scalars(
        select(Suspension).where(Suspension.user_id == comment.author_id)
    )
    for suspension in suspensions:
        ended = _ended_at(suspension)
        if suspension.starts_at >= cutoff or ended is None or ended >= cutoff:
            when = (ended or suspension.starts_at).date().isoformat()
            return f"account suspended within the last {days} days (until {when})"
    return None


CHECKS: dict[str, Callable[[ModerationRule, Comment], str | None]] = {
    RuleKind.NEW_ACCOUNT_LINKS: _new_account_links,
    RuleKind.WORD_LIST: _word_list,
    RuleKind.BURST: _burst,
    RuleKind.CAMPAIGN_MATCH: _campaign_match,
    RuleKind.RECENTLY_SUSPENDED: _recently_suspended,
}


# Screening ----------------------------------------------------------------------------------


def _record_hit(rule: ModerationRule, comment: Comment, why: str) -> RuleHit:
    hit = RuleHit(
        comment_id=comment.id, rule_id=rule.id, rule_kind=rule.kind, detail=why[:DETAIL_LENGTH]
    )
    db.session.add(hit)
    audit.record(
        None,
        "moderation.rule_hit",
        comment,
        summary=f"{rule.name}: {why}",
        reason=rule.kind,
        detail={"rule_id": rule.id, "rule": rule.name, "why": why},
    )
    return hit


def _hold(comment: Comment, pre_moderated: bool, hits: list[RuleHit]) -> None:
    comment.status = CommentStatus.HELD.value
    reason = "pre_moderation" if pre_moderated else "rule_hit"
    audit.record(
        None,
        "moderation.hold",
        comment,
        summary=f"Comment {comment.tracking_number} held for review",
        reason=reason,
        detail={"rules": [hit.rule_kind for hit in hits]},
    )


def screen(comment: Comment, **_) -> list[RuleHit]:
    """Run the enabled rules on a new web comment; hold it if one fires or the policy is
    pre-moderated. Returns the rule hits recorded (receiver of `comment_submitted`)."""
    if not _is_screened(comment) or comment.status != CommentStatus.PUBLISHED:
        return []
    hits = []
    for rule in enabled_rules():
        check = CHECKS.get(rule.kind)
        why = check(rule, comment) if check else None
        if why:
            hits.append(_record_hit(rule, comment, why))
    pre_moderated = comment.policy.moderation_mode == ModerationMode.PRE
    if hits or pre_moderated:
        _hold(comment, pre_moderated, hits)
    db.session.flush()
    return hits
