"""Reading the API's query parameters: anything unreadable is a 400 naming the parameter."""

import re
from dataclasses import dataclass
from datetime import UTC, datetime

from flask_babel import gettext
from flask_babel import lazy_gettext as _l
from werkzeug.datastructures import MultiDict

from engage.comments.models import Channel, Stance
from engage.policies.models import PeriodState, PolicyStatus
from engage.policies.services import CatalogFilters

DEFAULT_PER_PAGE = 50
MAX_PER_PAGE = 100
# Far beyond any real catalog, and small enough that OFFSET never overflows a database integer.
MAX_PAGE = 100_000
MIN_YEAR, MAX_YEAR = 1900, 9999
MAX_TEXT = 200
MAX_ID = 999_999_999

_DIGITS = re.compile(r"[0-9]{1,9}", re.ASCII)


class ApiError(Exception):
    """A request the API refuses; rendered as {"error": {...}} with `status`."""

    def __init__(self, status: int, title, detail, parameter: str | None = None):
        super().__init__(str(detail))
        self.status, self.title, self.detail, self.parameter = status, title, detail, parameter


def bad_parameter(name: str, detail: str) -> ApiError:
    return ApiError(400, _l("A query parameter is not valid"), detail, parameter=name)


def text_param(args: MultiDict, name: str) -> str:
    """A free-text parameter, trimmed; '' when absent."""
    value = (args.get(name) or "").strip()
    if len(value) > MAX_TEXT or "\x00" in value:
        raise bad_parameter(
            name, gettext("%(name)s must be at most %(max)d characters.", name=name, max=MAX_TEXT)
        )
    return value


def int_param(args: MultiDict, name: str, low: int, high: int, default: int | None = None):
    """A whole number within [low, high]; `default` when absent or empty."""
    raw = (args.get(name) or "").strip()
    if not raw:
        return default
    if not _DIGITS.fullmatch(raw) or not low <= int(raw) <= high:
        raise bad_parameter(
            name,
            gettext(
                "%(name)s must be a whole number from %(low)d to %(high)d.",
                name=name,
                low=low,
                high=high,
            ),
        )
    return int(raw)


def choice_param(args: MultiDict, name: str, choices) -> str:
    """One of `choices`, or '' when absent."""
    value = text_param(args, name)
    if value and value not in choices:
        raise bad_parameter(
            name,
            gettext("%(name)s must be one of: %(choices)s.", name=name, choices=", ".join(choices)),
        )
    return value


@dataclass(frozen=True)
class PageRequest:
    page: int
    per_page: int


def page_request(args: MultiDict) -> PageRequest:
    """`page` (from 1) and `per_page` (1 to 100, default 50)."""
    return PageRequest(
        page=int_param(args, "page", 1, MAX_PAGE, default=1),
        per_page=int_param(args, "per_page", 1, MAX_PER_PAGE, default=DEFAULT_PER_PAGE),
    )


STATUSES = tuple(status.value for status in PolicyStatus)
PERIOD_STATES = tuple(state.value for state in PeriodState)


def policy_filters(args: MultiDict) -> CatalogFilters:
    """The catalog's filters, as the list page reads them."""
    return CatalogFilters(
        query=text_param(args, "q"),
        department=text_param(args, "department").upper(),
        category=text_param(args, "category").lower(),
        status=choice_param(args, "status", STATUSES),
        period=choice_param(args, "period", PERIOD_STATES),
    )


@dataclass(frozen=True)
class ReportFilters:
    department: str = ""
    year: int | None = None


def report_filters(args: MultiDict) -> ReportFilters:
    return ReportFilters(
        department=text_param(args, "department").upper(),
        year=int_param(args, "year", MIN_YEAR, MAX_YEAR),
    )


# Comments ---------------------------------------------------------------------------------

STANCES = tuple(stance.value for stance in Stance)
CHANNELS = tuple(channel.value for channel in Channel)
_RFC3339 = re.compile(
    r"[0-9]{4}-[0-9]{2}-[0-9]{2}[Tt ][0-9]{2}:[0-9]{2}:[0-9]{2}(\.[0-9]{1,6})?"
    r"([Zz]|[+ -][0-9]{2}:[0-9]{2})",
    re.ASCII,
)


@dataclass(frozen=True)
class CommentFilters:
    stance: str = ""
    section: str = ""
    since: datetime | None = None
    campaign: int | None = None


def datetime_param(args: MultiDict, name: str) -> datetime | None:
    """An RFC 3339 date-time with its offset, as UTC; None when absent."""
    raw = (args.get(name) or "").strip()
    if not raw:
        return None
    match = _RFC3339.fullmatch(raw)
    if match:
        # An unescaped '+' in a query string arrives as a space.
        offset = match.group(2)
        raw = raw[: match.start(2)] + ("+" + offset[1:] if offset[0] == " " else offset.upper())
        raw = raw[:10] + "T" + raw[11:]
        try:
            return datetime.fromisoformat(raw).astimezone(UTC)
        except ValueError:
            pass
    raise bad_parameter(
        name,
        gettext(
            "%(name)s must be an RFC 3339 date and time, like %(example)s.",
            name=name,
            example="2026-03-01T17:00:00Z",
        ),
    )


def comment_filters(args: MultiDict, section_keys) -> CommentFilters:
    return CommentFilters(
        stance=choice_param(args, "stance", STANCES),
        section=choice_param(args, "section", tuple(section_keys)),
        since=datetime_param(args, "since"),
        campaign=int_param(args, "campaign", 1, MAX_ID),
    )
