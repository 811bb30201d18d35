"""Which language a comment is written in: the author's choice, else detected from the text.

Detection runs offline with py3langid (a BSD-licensed, maintained fork of langid.py; its model
ships inside the package). Its ISO 639-1 answers are mapped to the city's codes
(engage/data/languages.csv) where one fits (pt -> pt-BR, zh -> zh-Hans or zh-Hant by script),
and kept as they are otherwise (a German comment is recorded as "de"). A short or ambiguous
text is not guessed at: the caller falls back to the language of the page it was written on.
"""

from functools import cache

from engage.reference import language_codes

# Below this probability the text is too short or too mixed to say.
CONFIDENCE = 0.7
MIN_LETTERS = 8
# Codes the model knows that the city writes another way.
CITY_CODES = {"pt": "pt-BR", "ary": "ar", "arz": "ar"}
CHINESE = {"zh", "yue", "wuu"}
NO_LANGUAGE = "zxx"
TRADITIONAL_SHARE = 0.1


@cache
def _identifier():
    from py3langid.langid import MODEL_FILE, LanguageIdentifier

    return LanguageIdentifier.from_model_file(MODEL_FILE, norm_probs=True)


def detect_language(text: str) -> str | None:
    """The language `text` is written in (a city code where one fits), or None if unsure."""
    if sum(char.isalpha() for char in text or "") < MIN_LETTERS:
        return None
    code, probability = _identifier().classify(text)
    if probability < CONFIDENCE or code == NO_LANGUAGE:
        return None
    if code in CHINESE:
        return _chinese_script(text)
    return CITY_CODES.get(code, code)


def _chinese_script(text: str) -> str:
    """Traditional when a fair share of the ideographs are missing from GB2312 (the
    simplified character set); a rare simplified character alone does not tip it."""
    ideographs = [char for char in text if "\u4e00" <= char <= "\u9fff"]
    missing = sum(not _in_gb2312(char) for char in ideographs)
    return "zh-Hant" if ideographs and missing / len(ideographs) >= TRADITIONAL_SHARE else "zh-Hans"


def _in_gb2312(char: str) -> bool:
    try:
        char.encode("gb2312")
    except UnicodeEncodeError:
        return False
    return True


def comment_language(chosen: str | None, text: str, page_language: str) -> str:
    """The language to record: the author's choice, the detected one, or the page's."""
    if chosen and chosen in language_codes():
        return chosen
    return detect_language(text) or page_language
