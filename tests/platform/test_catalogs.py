"""Every interface string is translated into every language of the city, and translations
keep the placeholders the code fills in."""

import re
from functools import cache
from pathlib import Path

import pytest
from babel.messages.frontend import CommandLineInterface
from babel.messages.pofile import read_po

from engage.reference import languages

TRANSLATIONS = Path(__file__).resolve().parents[2] / "engage" / "translations"
PLACEHOLDER = re.compile(r"%\((\w+)\)[sdif]|\{(\w+)\}")
# Strings that read the same in many languages (names, codes, formats).
SAME_EVERYWHERE_SHARE = 0.05


def locales() -> list[str]:
    return [lang.code.replace("-", "_") for lang in languages() if lang.code != "en"]


@cache
def catalog(locale: str):
    path = TRANSLATIONS / locale / "LC_MESSAGES" / "messages.po"
    with path.open("rb") as handle:
        return read_po(handle, locale=locale)


def entries(locale: str):
    return [message for message in catalog(locale) if message.id]


def placeholders(text: str) -> set[str]:
    return {a or b for a, b in PLACEHOLDER.findall(text)}


def forms(message) -> list[str]:
    return list(message.string) if isinstance(message.string, tuple | list) else [message.string]


def ids(message) -> list[str]:
    return list(message.id) if isinstance(message.id, tuple | list) else [message.id]


def key(message) -> tuple[str | None, str]:
    """A message as gettext finds it: its context (pgettext) and its first id."""
    return message.context, ids(message)[0]


def test_there_is_a_catalog_per_language_of_the_city():
    assert sorted(locales()) == sorted(p.name for p in TRANSLATIONS.iterdir() if p.is_dir())


@pytest.mark.parametrize("locale", locales())
def test_every_message_is_translated(locale):
    missing = [ids(m)[0] for m in entries(locale) if not all(s.strip() for s in forms(m))]
    fuzzy = [ids(m)[0] for m in entries(locale) if m.fuzzy]
    assert not missing, f"{len(missing)} untranslated in {locale}, e.g. {missing[:5]}"
    assert not fuzzy, f"{len(fuzzy)} fuzzy in {locale}, e.g. {fuzzy[:5]}"


@pytest.mark.parametrize("locale", locales())
def test_translations_keep_the_placeholders(locale):
    broken = []
    for message in entries(locale):
        expected = set().union(*(placeholders(i) for i in ids(message)))
        for string in forms(message):
            if (string and placeholders(string) - expected) or (
                string and len(forms(message)) == 1 and placeholders(string) != expected
            ):
                broken.append((ids(message)[0], string))
    assert not broken, f"{len(broken)} in {locale}, e.g. {broken[:3]}"


@pytest.mark.parametrize("locale", locales())
def test_translations_are_not_copies_of_the_english(locale):
    messages = entries(locale)
    copies = [ids(m)[0] for m in messages if forms(m)[0] == ids(m)[0] and len(ids(m)[0]) > 3]
    assert len(copies) <= SAME_EVERYWHERE_SHARE * len(messages), copies[:20]


@pytest.fixture(scope="module")
def extracted(tmp_path_factory) -> set[str]:
    """Every message id in the code and templates now (not the last `make messages`)."""
    pot = tmp_path_factory.mktemp("messages") / "messages.pot"
    root = TRANSLATIONS.parents[1]
    arguments = ["pybabel", "-q", "extract", "-F", str(root / "babel.cfg"), "-k", "lazy_gettext"]
    # The Makefile's options: without --ignore-dirs, Babel skips folders named _* (_macros).
    options = [
        "-k",
        "_l",
        "-k",
        "lazy_pgettext:1c,2",
        "--ignore-dirs=.*",
        "-o",
        str(pot),
        str(root),
    ]
    CommandLineInterface().run([*arguments, *options])
    with pot.open("rb") as handle:
        return {key(m) for m in read_po(handle) if m.id}


@pytest.mark.parametrize("locale", locales())
def test_every_string_in_the_code_is_in_the_catalog(extracted, locale):
    translated = {key(m) for m in entries(locale)}
    missing = sorted(extracted - translated, key=str)
    assert not missing, f"{len(missing)} missing in {locale} (run make messages): {missing[:5]}"
