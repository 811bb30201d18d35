"""Dates, times, numbers and the names of languages and neighborhoods in the reader's language
(dates and times in the city's time zone).

Flask-Babel formats with the locale the interface is served in. Babel's CLDR data has no date
patterns for a few of the city's languages (Haitian Creole: its dates come out as
"2026 M11 29"), so those borrow the patterns of the closest locale their readers know.
"""

from datetime import date, datetime

from babel import Locale, UnknownLocaleError, dates, numbers
from flask_babel import get_locale, get_timezone, gettext, to_user_timezone

from engage.reference import language, neighborhoods

# Interface language -> the locale whose date and number patterns it borrows.
FORMAT_FALLBACK = {"ht": "fr_HT"}
# Entries of neighborhoods.csv that are answers, not places (their words are translated).
PREFER_NOT_TO_SAY = "Prefer not to say"
OUTSIDE = "Outside "


def formatting_locale() -> Locale:
    locale = get_locale() or Locale("en")
    fallback = FORMAT_FALLBACK.get(str(locale))
    return Locale.parse(fallback) if fallback else locale


def format_date(value: date | datetime, format: str = "medium") -> str:
    if isinstance(value, datetime):
        value = to_user_timezone(value)
    return dates.format_date(value, format, locale=formatting_locale())


def format_datetime(value: datetime, format: str = "medium") -> str:
    return dates.format_datetime(value, format, tzinfo=get_timezone(), locale=formatting_locale())


def format_time(value: datetime, format: str = "medium") -> str:
    return dates.format_time(value, format, tzinfo=get_timezone(), locale=formatting_locale())


def format_decimal(number, format: str | None = None) -> str:
    return numbers.format_decimal(number, format, locale=formatting_locale())


def group_symbol() -> str:
    """The thousands separator, for numbers the browser writes (the character counter)."""
    return numbers.get_group_symbol(formatting_locale())


def language_name(code: str) -> str:
    """A language's name in the reader's language ("espagnol" for a French reader), from CLDR;
    the language's own name where CLDR has none (Haitian Creole readers see "Español")."""
    found = language(code)
    if found is None:
        return code
    try:
        name = Locale.parse(found.babel_code).get_display_name(get_locale() or Locale("en"))
    except (ValueError, UnknownLocaleError):
        name = None
    return name or found.native_name


def neighborhood_label(name: str) -> str:
    """A neighborhood as the reader sees it. Place names stay as the city spells them; the
    list's two answers that are not places ("Outside Boston", "Prefer not to say") are
    translated."""
    if name == PREFER_NOT_TO_SAY:
        return gettext("Prefer not to say")
    if name.startswith(OUTSIDE):
        return gettext("Outside %(place)s", place=name.removeprefix(OUTSIDE))
    return name


def neighborhood_options() -> list[tuple[str, str]]:
    """(stored value, label) for every neighborhood, for form choices."""
    return [(name, neighborhood_label(name)) for name in neighborhoods()]
