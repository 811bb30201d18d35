"""Dates and numbers follow the reader's language, with a borrowed pattern where CLDR has none."""

from datetime import UTC, datetime

import pytest

from engage.formatting import (
    format_date,
    format_decimal,
    format_time,
    language_name,
    neighborhood_label,
    neighborhood_options,
)

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


@pytest.mark.parametrize(
    ("lang", "expected"),
    [
        ("en", "Spanish"),
        ("fr", "espagnol"),
        ("ar", "الإسبانية"),
        ("ht", "Español"),  # CLDR has no Haitian Creole names: the language's own name
    ],
)
def test_language_names_in_the_readers_language(app, lang, expected):
    with app.test_request_context(f"/?lang={lang}"):
        assert language_name("es") == expected
        assert language_name("tlh") == "tlh"  # not one of the city's languages: its code


def test_neighborhoods_keep_their_names_and_the_answers_are_translated(app):
    with app.test_request_context("/?lang=es"):
        assert neighborhood_label("Roxbury") == "Roxbury"
        assert neighborhood_label("Outside Boston") not in ("Outside Boston", "")
        assert "Boston" in neighborhood_label("Outside Boston")
        assert neighborhood_label("Prefer not to say") != "Prefer not to say"
        assert ("Outside Boston", neighborhood_label("Outside Boston")) in neighborhood_options()
