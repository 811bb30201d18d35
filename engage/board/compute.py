"""The numbers of a summary, computed from the database by the summary job.

`compute_summary(summary)` returns the one stored shape every page, export and the API read
(/tmp design: "The stored data"). Every count is a GROUP BY over the period's comments (the
criteria in counting.py, shared with the drill-down); only short lists (campaigns, quotes,
questions, sessions) are built in Python. Pages never call this: the job stores its result.
"""

from datetime import date, timedelta

from sqlalchemy import case, func

from engage.board import counting
from engage.board.counting import (
    GENERAL,
    NO_NEIGHBORHOOD,
    NO_STANCE,
    UNKNOWN_LANGUAGE,
    UNSPECIFIED_REASON,
    counted,
    excerpt,
    keyed,
)
from engage.board.models import CommentTheme, Summary, Theme
from engage.board.sessions import sessions_of
from engage.board.themes import suggest_themes
from engage.campaigns.models import Campaign
from engage.comments.models import Channel, Comment, Stance
from engage.extensions import db
from engage.policies.models import CommentPeriod
from engage.types import utcnow

QUOTES_PER_THEME = 3


def compute_summary(summary: Summary) -> dict:
    """The summary's numbers, themes, campaigns, sessions and questions, as stored data."""
    period = summary.period
    counts = _counts(period)
    campaigns = _campaigns(period.id)
    individual = counts["comments"] - sum(c["size"] for c in campaigns)
    return {
        "computed_at": utcnow().isoformat(),
        "period": {
            "opens_at": period.opens_at.isoformat(),
            "closes_at": period.closes_at.isoformat(),
        },
        "counts": counts,
        "voices": {"individual": individual, "campaigns": len(campaigns)},
        "campaigns": campaigns,
        "themes": _themes(summary.policy_id, period.id),
        "suggested_themes": suggest_themes(period),
        "sessions": sessions_of(summary.policy_id, period),
        "questions": _questions(period.id),
        "hidden": _hidden(period.id),
    }


# Counts ------------------------------------------------------------------------------------


def _counts(period: CommentPeriod) -> dict:
    criteria = counted(period.id)
    totals = db.session.execute(
        db.select(
            func.count(),
            func.count(func.distinct(Comment.author_id)),
            func.count(case((Comment.author_id.is_(None), 1))),
            func.count(Comment.parent_id),
        ).where(*criteria)
    ).one()
    comments, accounts, without_account, replies = totals
    return {
        "comments": comments,
        # Accounts once each; a comment entered for someone without an account is one person.
        "commenters": accounts + without_account,
        "replies": replies,
        "official_responses": _count(counting.official(period.id)),
        "by_stance": _with_zeros(
            _grouped(Comment.stance, NO_STANCE, criteria), [s.value for s in Stance], NO_STANCE
        ),
        "by_section": _with_zeros(
            _grouped(Comment.section_key, GENERAL, criteria), _section_keys(period), GENERAL
        ),
        "by_neighborhood": _largest_first(
            _grouped(Comment.neighborhood, NO_NEIGHBORHOOD, criteria), NO_NEIGHBORHOOD
        ),
        "by_channel": _with_zeros(
            _grouped(Comment.channel, "", criteria), [c.value for c in Channel], ""
        ),
        "by_language": _largest_first(
            _grouped(Comment.language, UNKNOWN_LANGUAGE, criteria), UNKNOWN_LANGUAGE
        ),
        "by_day": _by_day(period, criteria),
    }


def _count(criteria: list) -> int:
    return db.session.scalar(db.select(func.count()).select_from(Comment).where(*criteria))


def _grouped(column, empty: str, criteria: list) -> dict[str, int]:
    key = keyed(column, empty)
    rows = db.session.execute(db.select(key, func.count()).where(*criteria).group_by(key))
    return {str(value): number for value, number in rows}


def _with_zeros(found: dict[str, int], known: list[str], empty: str) -> dict[str, int]:
    """Every known key in its order (zeros included), then others, the empty key last."""
    ordered = {key: found.get(key, 0) for key in known}
    for key, number in sorted(found.items()):
        if key not in ordered and key != empty:
            ordered[key] = number
    if found.get(empty):
        ordered[empty] = found[empty]
    return ordered


def _largest_first(found: dict[str, int], empty: str) -> dict[str, int]:
    ordered = dict(sorted(((k, n) for k, n in found.items() if k != empty), key=_by_size))
    if found.get(empty):
        ordered[empty] = found[empty]
    return ordered


def _by_size(item: tuple[str, int]) -> tuple[int, str]:
    return -item[1], item[0]


def _section_keys(period: CommentPeriod) -> list[str]:
    return [section.key for section in period.version.sections]


def _by_day(period: CommentPeriod, criteria: list) -> list[list]:
    """[[day, n], ...] for every day of the period in the city's calendar, zeros included.

    A late comment (or a letter dated before the opening) widens the range, so the days
    always add up to the comments.
    """
    found = counting.counts_by_day(criteria, Comment.received_at)
    first, last = counting.period_days(period)
    if found:
        first, last = min(first, *found), max(last, *found)
    days, day = [], first
    while day <= last:
        days.append([day.isoformat(), found.get(day, 0)])
        day += timedelta(days=1)
    return days


# Campaigns ---------------------------------------------------------------------------------


def _campaigns(period_id: int) -> list[dict]:
    """Each campaign once: its published copies in the period and one of them to read."""
    rows = db.session.execute(
        db.select(Comment.campaign_id, func.count(), func.min(Comment.id))
        .where(*counted(period_id), Comment.campaign_id.is_not(None))
        .group_by(Comment.campaign_id)
    ).all()
    if not rows:
        return []
    chosen = dict(
        db.session.execute(
            db.select(Campaign.id, Campaign.representative_comment_id).where(
                Campaign.id.in_([row[0] for row in rows])
            )
        ).all()
    )
    members = _published_members(period_id, [c for c in chosen.values() if c is not None])
    entries = []
    for campaign_id, size, first_copy in rows:
        representative = chosen.get(campaign_id)
        if members.get(representative) != campaign_id:
            representative = first_copy  # hidden or elsewhere: never quote it, show a copy
        entries.append(
            {"id": campaign_id, "size": size, "representative_comment_id": representative}
        )
    texts = _texts([entry["representative_comment_id"] for entry in entries])
    for entry in entries:
        entry["excerpt"] = excerpt(texts[entry["representative_comment_id"]])
    return sorted(entries, key=lambda entry: (-entry["size"], entry["id"]))


def _published_members(period_id: int, comment_ids: list[int]) -> dict[int, int]:
    """{comment id: campaign id} for those of `comment_ids` counted in the period."""
    if not comment_ids:
        return {}
    rows = db.session.execute(
        db.select(Comment.id, Comment.campaign_id).where(
            *counted(period_id), Comment.id.in_(comment_ids)
        )
    )
    return dict(rows.all())


def _texts(comment_ids: list[int]) -> dict[int, str]:
    if not comment_ids:
        return {}
    rows = db.session.execute(
        db.select(Comment.id, Comment.body_html).where(Comment.id.in_(comment_ids))
    )
    return dict(rows.all())


# Themes ------------------------------------------------------------------------------------


def _themes(policy_id: int, period_id: int) -> list[dict]:
    """Every theme of the policy: its comments in the period, their stances, three quotes."""
    themes = db.session.execute(
        db.select(Theme.id, Theme.name).where(Theme.policy_id == policy_id)
    ).all()
    if not themes:
        return []
    stance = keyed(Comment.stance, NO_STANCE)
    rows = db.session.execute(
        db.select(CommentTheme.theme_id, stance, func.count())
        .join(Comment, Comment.id == CommentTheme.comment_id)
        .where(*counted(period_id))
        .group_by(CommentTheme.theme_id, stance)
    )
    stances: dict[int, dict[str, int]] = {}
    for theme_id, key, number in rows:
        stances.setdefault(theme_id, {})[key] = number
    quotes = _quotes(period_id)
    entries = []
    for theme_id, name in themes:
        found = stances.get(theme_id, {})
        entries.append(
            {
                "id": theme_id,
                "name": name,
                "count": sum(found.values()),
                "by_stance": _with_zeros(found, [s.value for s in Stance], NO_STANCE),
                "quotes": quotes.get(theme_id, []),
            }
        )
    return sorted(entries, key=lambda entry: (-entry["count"], entry["name"].casefold()))


def _quotes(period_id: int) -> dict[int, list[dict]]:
    """Up to three quotes per theme: individual comments before campaign copies, top-level
    before replies, the most endorsed first (a window function, one query)."""
    rank = (
        func.row_number()
        .over(
            partition_by=CommentTheme.theme_id,
            order_by=(
                Comment.campaign_id.is_not(None),
                Comment.parent_id.is_not(None),
                Comment.endorsement_count.desc(),
                Comment.id,
            ),
        )
        .label("rank")
    )
    ranked = (
        db.select(CommentTheme.theme_id, Comment.id.label("comment_id"), rank)
        .join(Comment, Comment.id == CommentTheme.comment_id)
        .where(*counted(period_id))
        .subquery()
    )
    rows = db.session.execute(
        db.select(ranked.c.theme_id, ranked.c.comment_id)
        .where(ranked.c.rank <= QUOTES_PER_THEME)
        .order_by(ranked.c.theme_id, ranked.c.rank)
    ).all()
    texts = _texts([comment_id for _, comment_id in rows])
    quotes: dict[int, list[dict]] = {}
    for theme_id, comment_id in rows:
        quote = {"comment_id": comment_id, "excerpt": excerpt(texts[comment_id])}
        quotes.setdefault(theme_id, []).append(quote)
    return quotes


# Questions and hidden comments -------------------------------------------------------------


def _questions(period_id: int) -> list[dict]:
    """Questions residents asked, oldest first, and whether the city answered each."""
    rows = db.session.execute(
        db.select(Comment.id, Comment.body_html)
        .where(*counting.questions(period_id))
        .order_by(Comment.received_at, Comment.id)
    ).all()
    answers = counting.answers_of(period_id)
    return [
        {
            "comment_id": comment_id,
            "excerpt": excerpt(body_html),
            "answered": comment_id in answers,
            "response_comment_id": answers.get(comment_id),
        }
        for comment_id, body_html in rows
    ]


def _hidden(period_id: int) -> dict:
    """How many comments moderators hid, by the guideline they cited; never their text."""
    by_reason = _largest_first(
        _grouped(Comment.moderation_reason, UNSPECIFIED_REASON, counting.hidden(period_id)), ""
    )
    return {"total": sum(by_reason.values()), "by_reason": by_reason}


def day_keys(data: dict) -> list[date]:
    """The days a stored summary counted (for the drill-down's check of a day)."""
    return [date.fromisoformat(day) for day, _ in data.get("counts", {}).get("by_day", [])]
