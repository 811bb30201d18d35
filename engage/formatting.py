"""Dates, times and numbers in the reader's language, in the city's time zone.

Flask-Babel formats with the locale the interface is served in. Babel's CLDR data has no date
patterns for a few of the city's languages (Haitian Creole: its dates come out as
"2026 M11 29"), so those borrow the patterns of the closest locale their readers know.
"""

from datetime import date, datetime

from babel import Locale, dates, numbers
from flask_babel import get_locale, get_timezone, to_user_timezone

# Interface language -> the locale whose date and number patterns it borrows.
FORMAT_FALLBACK = {"ht": "fr_HT"}


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
