"""Every number of a summary opens the comments behind it.

`parse(args, summary)` reads the facet from the query string and refuses forged input
(DrilldownError: the view answers 400); `comments(summary, facet, page)` lists exactly the
comments the number counted, with the criteria the summary job counted them with
(counting.py). Published comments only: hidden ones are counted by reason, never listed.
"""

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date

from sqlalchemy import Select
from sqlalchemy.orm import selectinload

from engage.board import counting
from engage.board.counting import (
    GENERAL,
    NO_NEIGHBORHOOD,
    NO_STANCE,
    UNKNOWN_LANGUAGE,
    matches,
)
from engage.board.models import CommentTheme, Summary, Theme
from engage.campaigns.models import Campaign
from engage.comments.models import Channel, Comment, Stance
from engage.extensions import db
from engage.policies.sections import configured_sections
from engage.reference import language_codes, neighborhoods

PER_PAGE = 20
MAX_ID = 2**31 - 1  # beyond the integer column: PostgreSQL would answer with an error
MAX_VALUE = 120
FACETS = (
    "all",
    "stance",
    "section",
    "neighborhood",
    "channel",
    "language",
    "day",
    "campaign",
    "theme",
    "replies",
    "official",
    "questions",
    "individual",
)
WITH_VALUE = frozenset({"stance", "section", "neighborhood", "channel", "language", "day"})
WITH_ID = frozenset({"campaign", "theme"})
ANSWERED, UNANSWERED = "answered", "unanswered"
STANCES = frozenset([*(s.value for s in Stance), NO_STANCE])


class DrilldownError(ValueError):
    """A facet, value or stance no summary number stands for."""


@dataclass(frozen=True)
class Facet:
    name: str = "all"
    value: str = ""
    # Narrows any list to one stance (a theme's stance mix: "oppose" among its comments).
    stance: str = ""

    @property
    def day(self) -> date | None:
        return date.fromisoformat(self.value) if self.name == "day" else None

    @property
    def ident(self) -> int | None:
        return int(self.value) if self.name in WITH_ID else None


def parse(args: Mapping[str, str], summary: Summary | None = None) -> Facet:
    """The facet in `args`, checked against what the summary can count; else DrilldownError."""
    name = args.get("facet", "") or "all"
    value = args.get("value", "").strip()
    stance = args.get("stance", "").strip()
    if name not in FACETS or len(value) > MAX_VALUE:
        raise DrilldownError(name)
    if stance and stance not in STANCES:
        raise DrilldownError(stance)
    if name in WITH_VALUE:
        _check_value(name, value, summary)
    elif name in WITH_ID:
        _check_id(name, value, summary)
    elif name == "questions":
        if value not in ("", ANSWERED, UNANSWERED):
            raise DrilldownError(value)
    elif value:
        raise DrilldownError(value)
    return Facet(name, value, stance)


def _check_value(name: str, value: str, summary: Summary | None) -> None:
    if name == "day":
        _check_day(value, summary)
    elif value not in _allowed(name, summary):
        raise DrilldownError(value)


def _allowed(name: str, summary: Summary | None) -> set[str]:
    """The values a facet may take: the city's lists, plus any key the summary counted."""
    known = {
        "stance": lambda: STANCES,
        "channel": lambda: {c.value for c in Channel},
        "section": lambda: {*configured_sections(), GENERAL},
        "neighborhood": lambda: {*neighborhoods(), NO_NEIGHBORHOOD},
        "language": lambda: {*language_codes(), UNKNOWN_LANGUAGE},
    }[name]()
    return set(known) | _counted_keys(name, summary)


def _stored(summary: Summary | None) -> list[dict]:
    if summary is None:
        return []
    stored = [summary.data or {}]
    stored += [version.data or {} for version in summary.versions]
    return stored


def _counted_keys(name: str, summary: Summary | None) -> set[str]:
    keys: set[str] = set()
    for data in _stored(summary):
        keys |= set(data.get("counts", {}).get(f"by_{name}", {}))
    return keys


def _check_day(value: str, summary: Summary | None) -> None:
    try:
        day = date.fromisoformat(value)
    except ValueError as error:
        raise DrilldownError(value) from error
    if len(value) != len("YYYY-MM-DD"):
        raise DrilldownError(value)
    if summary is None:
        return
    first, last = counting.period_days(summary.period)
    for data in _stored(summary):
        days = [date.fromisoformat(d) for d, _ in data.get("counts", {}).get("by_day", [])]
        if days:
            first, last = min(first, days[0]), max(last, days[-1])
    if not first <= day <= last:
        raise DrilldownError(value)


def _check_id(name: str, value: str, summary: Summary | None) -> None:
    if not value.isdigit() or not value.isascii() or not 0 < int(value) <= MAX_ID:
        raise DrilldownError(value)
    if summary is None:
        return
    model = Theme if name == "theme" else Campaign
    found = db.session.scalar(
        db.select(model.id).where(model.id == int(value), model.policy_id == summary.policy_id)
    )
    if found is None and not _was_counted(name, int(value), summary):
        raise DrilldownError(value)


def _was_counted(name: str, ident: int, summary: Summary) -> bool:
    """A theme or campaign a stored summary lists (a merged campaign lists none today)."""
    key = "themes" if name == "theme" else "campaigns"
    return any(entry.get("id") == ident for data in _stored(summary) for entry in data.get(key, []))


# The lists -----------------------------------------------------------------------------------


def statement(summary: Summary, facet: Facet) -> Select:
    """The comments behind the number `facet` stands for, oldest first."""
    period_id = summary.period_id
    base = counting.official(period_id) if facet.name == "official" else counting.counted(period_id)
    criteria = [*base, *_criteria(facet)]
    if facet.stance:
        criteria.append(matches(Comment.stance, facet.stance, NO_STANCE))
    return db.select(Comment).where(*criteria).order_by(Comment.received_at, Comment.id)


# The criteria of each facet, beyond the comments every number counts.
_CRITERIA = {
    "stance": lambda f: [matches(Comment.stance, f.value, NO_STANCE)],
    "section": lambda f: [matches(Comment.section_key, f.value, GENERAL)],
    "neighborhood": lambda f: [matches(Comment.neighborhood, f.value, NO_NEIGHBORHOOD)],
    "language": lambda f: [matches(Comment.language, f.value, UNKNOWN_LANGUAGE)],
    "channel": lambda f: [Comment.channel == f.value],
    "day": lambda f: [counting.on_day(Comment.received_at, f.day)],
    "campaign": lambda f: [Comment.campaign_id == f.ident],
    "theme": lambda f: [Comment.id.in_(_tagged(f.ident))],
    "replies": lambda f: [Comment.parent_id.is_not(None)],
    "individual": lambda f: [Comment.campaign_id.is_(None)],
    "questions": lambda f: _questions(f.value),
}


def _criteria(facet: Facet) -> list:
    found = _CRITERIA.get(facet.name)
    return found(facet) if found else []


def _tagged(theme_id: int):
    return db.select(CommentTheme.comment_id).where(CommentTheme.theme_id == theme_id)


def _questions(value: str) -> list:
    criteria = [Comment.stance == Stance.QUESTION.value]
    if value == ANSWERED:
        criteria.append(counting.answered())
    elif value == UNANSWERED:
        criteria.append(~counting.answered())
    return criteria


def comments(summary: Summary, facet: Facet, page: int = 1, per_page: int = PER_PAGE):
    """One page of the comments behind the number (a Flask-SQLAlchemy Pagination)."""
    listing = statement(summary, facet).options(
        selectinload(Comment.author), selectinload(Comment.parent)
    )
    return db.paginate(listing, page=page, per_page=per_page, error_out=False, max_per_page=100)


def count(summary: Summary, facet: Facet) -> int:
    """How many comments the list holds (the tests compare it with the stored number)."""
    listing = statement(summary, facet).order_by(None).with_only_columns(Comment.id)
    return db.session.scalar(db.select(db.func.count()).select_from(listing.subquery()))
