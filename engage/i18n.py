"""Language choice: ?lang=, then the profile (signed in), then the cookie, then Accept-Language.

Switching with ?lang= is remembered: in a cookie for everyone, and in the profile of a
signed-in resident (so their mail follows too).
"""

from pathlib import Path

from flask import Flask, current_app, g, has_request_context, request
from flask_babel import get_locale
from flask_login import current_user

from engage.accounts.services import remember_language
from engage.extensions import babel, db
from engage.reference import language, language_codes, languages

COOKIE = "engage_lang"
COOKIE_MAX_AGE = 365 * 24 * 3600
TRANSLATIONS = Path(__file__).parent / "translations"


def _choice() -> str:
    asked = request.args.get("lang")
    if asked in language_codes():
        g.lang_switched_to = asked
        return asked
    # A resident's profile wins over a cookie left from before they signed in.
    if current_user and current_user.is_authenticated and current_user.preferred_language:
        return current_user.preferred_language
    saved = request.cookies.get(COOKIE)
    if saved in language_codes():
        return saved
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


def _save_choice_to_profile() -> None:
    """A signed-in resident who switches language (a GET with ?lang=) keeps it in their profile.

    Committed here, before the view runs: a GET changes nothing else, and a view's own reads
    (the page cache reads its generations before the first query) start after it.
    """
    asked = request.args.get("lang")
    if request.method not in ("GET", "HEAD") or asked not in language_codes():
        return
    if not current_user.is_authenticated:
        return
    if remember_language(current_user, asked):
        db.session.commit()


def register_i18n(app: Flask) -> None:
    """Bind Flask-Babel with the city's languages and time zone."""
    app.config.setdefault("BABEL_TRANSLATION_DIRECTORIES", str(TRANSLATIONS))
    babel.init_app(app, locale_selector=select_locale, timezone_selector=select_timezone)
    app.before_request(_save_choice_to_profile)
    app.after_request(_remember_choice)
    app.jinja_env.globals.update(
        current_language=select_language, text_direction=text_direction, get_locale=get_locale
    )
