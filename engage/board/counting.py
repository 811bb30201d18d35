"""What a summary counts, defined once: the summary job and the drill-down share these.

A number in a summary and the list its drill-down opens are built from the same criteria, so a
summary that says 12 lists 12 comments.
"""

import html
import re
from datetime import UTC, date, datetime, time, timedelta
from zoneinfo import ZoneInfo

from flask import current_app
from sqlalchemy import Integer, and_, cast, func, or_
from sqlalchemy.orm import aliased

from engage.comments.models import Comment, CommentStatus, Stance
from engage.extensions import db
from engage.policies.models import CommentPeriod

# The keys of comments that left a field empty.
NO_STANCE = "none"
GENERAL = "general"  # not about one section
NO_NEIGHBORHOOD = "not given"
UNKNOWN_LANGUAGE = "unknown"
UNSPECIFIED_REASON = "unspecified"
HIDDEN_STATUSES = (CommentStatus.HIDDEN.value, CommentStatus.SPAM.value)
EXCERPT_LENGTH = 240
# An excerpt needs only the start of a comment.
EXCERPT_SOURCE = 2_000
# Quarter-hour buckets: every time zone's offset is a multiple of 15 minutes.
BUCKET_MINUTES = 15


def counted(period_id: int) -> list:
    """Every published comment of the period, replies included, the city's responses not."""
    return [
        Comment.period_id == period_id,
        Comment.status == CommentStatus.PUBLISHED.value,
        Comment.is_official_response.is_(False),
    ]


def official(period_id: int) -> list:
    """The city's official responses published in the period."""
    return [
        Comment.period_id == period_id,
        Comment.status == CommentStatus.PUBLISHED.value,
        Comment.is_official_response.is_(True),
    ]


def hidden(period_id: int) -> list:
    """Comments moderators hid (or marked as spam): counted by reason, never listed."""
    return [
        Comment.period_id == period_id,
        Comment.status.in_(HIDDEN_STATUSES),
        Comment.is_official_response.is_(False),
    ]


def questions(period_id: int) -> list:
    return [*counted(period_id), Comment.stance == Stance.QUESTION.value]


def answered():
    """SQL: an official response in the question's thread (a reply to it, or below it)."""
    answer = aliased(Comment)
    return (
        db.select(answer.id)
        .where(
            answer.is_official_response.is_(True),
            answer.status == CommentStatus.PUBLISHED.value,
            or_(answer.parent_id == Comment.id, answer.root_id == Comment.id),
        )
        .exists()
    )


def answers_of(period_id: int) -> dict[int, int]:
    """{question id: the first official response in its thread} for the period's questions."""
    answer = aliased(Comment)
    asked = db.select(Comment.id).where(*questions(period_id))
    rows = db.session.execute(
        db.select(answer.id, answer.parent_id, answer.root_id)
        .where(
            answer.is_official_response.is_(True),
            answer.status == CommentStatus.PUBLISHED.value,
            or_(answer.parent_id.in_(asked), answer.root_id.in_(asked)),
        )
        .order_by(answer.id)
    )
    found: dict[int, int] = {}
    for answer_id, parent_id, root_id in rows:
        for question_id in (parent_id, root_id):
            if question_id is not None:
                found.setdefault(question_id, answer_id)
    return found


def keyed(column, empty: str):
    """The column with its empty value named, for GROUP BY and for the drill-down."""
    return func.coalesce(column, empty)


def matches(column, value: str, empty: str):
    """SQL: `column` holds `value`, where `empty` stands for no value."""
    return column.is_(None) if value == empty else column == value


# Days in the city's time zone ------------------------------------------------------------


def city_zone() -> ZoneInfo:
    return ZoneInfo(current_app.config["ENGAGE_TIMEZONE"])


def local_day(moment: datetime) -> date:
    return moment.astimezone(city_zone()).date()


def day_range(day: date) -> tuple[datetime, datetime]:
    """The UTC moments a day of the city's calendar starts and ends (DST included)."""
    zone = city_zone()
    start = datetime.combine(day, time(0), tzinfo=zone).astimezone(UTC)
    end = datetime.combine(day + timedelta(days=1), time(0), tzinfo=zone).astimezone(UTC)
    return start, end


def on_day(column, day: date):
    start, end = day_range(day)
    return and_(column >= start, column < end)


def period_days(period: CommentPeriod) -> tuple[date, date]:
    """The first and last day of the period in the city's calendar."""
    last_moment = max(period.opens_at, period.closes_at - timedelta(microseconds=1))
    return local_day(period.opens_at), local_day(last_moment)


def _dialect() -> str:
    return db.session.get_bind().dialect.name


def counts_by_day(criteria: list, column) -> dict[date, int]:
    """{city day: comments} for the rows `criteria` selects, grouped in SQL."""
    if _dialect() == "postgresql":
        zone = current_app.config["ENGAGE_TIMEZONE"]
        day = func.to_char(func.timezone(zone, column), "YYYY-MM-DD")
        rows = db.session.execute(db.select(day, func.count()).where(*criteria).group_by(day))
        return {date.fromisoformat(key): number for key, number in rows}
    # SQLite has no time zones: count per UTC quarter hour, then place each on its city day.
    # The column holds SQLAlchemy's "YYYY-MM-DD HH:MM:SS.ffffff" text: slicing it is twice as
    # fast as strftime over 100,000 rows.
    hour = func.substr(column, 1, 13)
    quarter = cast(func.substr(column, 15, 2), Integer) // BUCKET_MINUTES
    rows = db.session.execute(
        db.select(hour, quarter, func.count()).where(*criteria).group_by(hour, quarter)
    )
    days: dict[date, int] = {}
    for key, number_of_quarter, number in rows:
        start = datetime.strptime(key, "%Y-%m-%d %H").replace(tzinfo=UTC)
        day = local_day(start + timedelta(minutes=BUCKET_MINUTES * int(number_of_quarter)))
        days[day] = days.get(day, 0) + number
    return days


# Excerpts ---------------------------------------------------------------------------------


_TAG = re.compile(r"<[^>]*>")
_SPACE = re.compile(r"\s+")
_CUT_SHORT = re.compile(r"<[^>]*$|&[#\w]*$")  # a tag or an entity cut by EXCERPT_SOURCE


def excerpt(body_html: str, length: int = EXCERPT_LENGTH) -> str:
    """Plain text from the start of a sanitized comment, cut at a word.

    The same text as engage.sanitize.plain_text gives, fifty times faster (a summary may
    quote thousands of questions): `body_html` is the sanitizer's output, where every `<`
    and `>` that is not a tag's is escaped, so removing `<...>` removes exactly the tags.
    """
    source = _CUT_SHORT.sub("", body_html[:EXCERPT_SOURCE])
    text = html.unescape(_SPACE.sub(" ", _TAG.sub("", source))).strip()
    if len(text) <= length:
        return text
    cut = text[:length].rsplit(" ", 1)[0] or text[:length]
    return cut.rstrip(" ,;:.") + "…"
