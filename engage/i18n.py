"""Language choice: ?lang=, then the saved cookie, then the profile, then Accept-Language."""

from pathlib import Path

from flask import Flask, current_app, g, has_request_context, request
from flask_babel import get_locale
from flask_login import current_user

from engage.extensions import babel
from engage.reference import language, language_codes, languages

COOKIE = "engage_lang"
COOKIE_MAX_AGE = 365 * 24 * 3600
TRANSLATIONS = Path(__file__).parent / "translations"


def _choice() -> str:
    asked = request.args.get("lang")
    if asked in language_codes():
        g.lang_switched_to = asked
        return asked
    saved = request.cookies.get(COOKIE)
    if saved in language_codes():
        return saved
    if current_user and current_user.is_authenticated and current_user.preferred_language:
        return current_user.preferred_language
    best = request.accept_languages.best_match(
        [lang.code for lang in languages()]
        + [lang.code.split("-")[0] for lang in languages() if "-" in lang.code]
    )
    return _full_code(best) if best else "en"


def _full_code(code: str) -> str:
    if code in language_codes():
        return code
    return next(lang.code for lang in languages() if lang.code.split("-")[0] == code)


def select_language() -> str:
    """Return the language code this request is served in (from languages.csv)."""
    if not has_request_context():
        return "en"  # CLI commands and jobs; mail picks its reader's language itself
    if "lang" not in g:
        g.lang = _choice()
    return g.lang


def select_locale() -> str:
    return select_language().replace("-", "_")


def select_timezone() -> str:
    return current_app.config["ENGAGE_TIMEZONE"]


def text_direction() -> str:
    lang = language(select_language())
    return lang.direction if lang else "ltr"


def _remember_choice(response):
    chosen = g.get("lang_switched_to")
    if chosen:
        response.set_cookie(
            COOKIE,
            chosen,
            max_age=COOKIE_MAX_AGE,
            samesite="Lax",
            secure=current_app.config["SESSION_COOKIE_SECURE"],
            httponly=True,
        )
    return response


def register_i18n(app: Flask) -> None:
    """Bind Flask-Babel with the city's languages and time zone."""
    app.config.setdefault("BABEL_TRANSLATION_DIRECTORIES", str(TRANSLATIONS))
    babel.init_app(app, locale_selector=select_locale, timezone_selector=select_timezone)
    app.after_request(_remember_choice)
    app.jinja_env.globals.update(
        current_language=select_language, text_direction=text_direction, get_locale=get_locale
    )
