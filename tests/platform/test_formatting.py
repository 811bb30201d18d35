"""Dates and numbers follow the reader's language, with a borrowed pattern where CLDR has none."""

from datetime import UTC, datetime

import pytest

from engage.formatting import format_date, format_decimal, format_time

MOMENT = datetime(2026, 11, 29, 22, 30, tzinfo=UTC)  # 5:30 pm in Boston


@pytest.mark.parametrize(
    ("lang", "expected_date", "expected_time"),
    [
        ("en", "November 29, 2026", "5:30\u202fPM"),
        ("es", "29 de noviembre de 2026", "17:30"),
        ("ht", "29 novembre 2026", "17:30"),  # CLDR has no Haitian Creole dates: fr_HT's
    ],
)
def test_dates_and_times_in_the_readers_language(app, lang, expected_date, expected_time):
    with app.test_request_context(f"/?lang={lang}"):
        assert format_date(MOMENT, "long") == expected_date
        assert format_time(MOMENT, "short") == expected_time


def test_numbers_in_the_readers_language(app):
    with app.test_request_context("/?lang=fr"):
        assert format_decimal(12345) == "12\u202f345"
