"""Error pages in the site's layout; nothing a visitor sends produces a bare 500."""

import logging

from flask import Flask, current_app, redirect, render_template, request, url_for
from flask_babel import lazy_gettext as _l
from flask_wtf.csrf import CSRFError
from werkzeug.exceptions import HTTPException

from engage.extensions import db

log = logging.getLogger(__name__)

MESSAGES = {
    400: (_l("Something in the request was not right"), _l("Please go back and try again.")),
    403: (
        _l("You don't have access to this page"),
        _l("Your account does not have permission to do this."),
    ),
    404: (
        _l("Page not found"),
        _l("We couldn't find that page. It may have moved, or the address may be mistyped."),
    ),
    405: (_l("That action isn't available here"), _l("Please go back and use the page's form.")),
    413: (_l("That upload is too large"), _l("Please choose a smaller file.")),
    429: (
        _l("Too many attempts"),
        _l("For your security we paused this for a few minutes. Please try again later."),
    ),
    500: (
        _l("Something went wrong on our side"),
        _l("Nothing you sent was lost on purpose; please try again in a minute."),
    ),
}


def _wants_json() -> bool:
    return request.path.startswith("/api/")


def render_error(code: int, title=None, message=None):
    default_title, default_message = MESSAGES.get(code, MESSAGES[400])
    title, message = title or default_title, message or default_message
    if _wants_json():
        return {"error": {"status": code, "title": str(title), "detail": str(message)}}, code
    return render_template("errors/error.html", code=code, title=title, message=message), code


def _http_error(error: HTTPException):
    if error.code == 401 and not _wants_json():
        return redirect(url_for("accounts.login", next=request.full_path.rstrip("?")))
    code = error.code or 500
    if code == 401:
        return render_error(401, _l("Please sign in"), _l("This needs a signed-in account."))
    return render_error(code)


def _csrf_error(error: CSRFError):
    return render_error(
        400,
        _l("This form has expired"),
        _l("For your security, forms expire. Please go back, reload the page and try again."),
    )


def _server_error(error: Exception):
    if current_app.testing and not current_app.config.get("ENGAGE_RENDER_500"):
        raise error
    log.exception("unhandled error on %s", request.path)
    db.session.rollback()
    return render_error(500)


def register_error_handlers(app: Flask) -> None:
    """Serve errors as pages in the layout (or JSON under /api)."""
    app.register_error_handler(CSRFError, _csrf_error)
    app.register_error_handler(HTTPException, _http_error)
    app.register_error_handler(Exception, _server_error)
