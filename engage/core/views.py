"""The home page and the health check."""

from flask import Blueprint, abort, render_template, send_file
from sqlalchemy import text

from engage import uploads
from engage.core import services
from engage.extensions import db
from engage.permissions import public

bp = Blueprint("core", __name__)


@bp.route("/")
@public
def home():
    return render_template("core/home.html", **services.home_page())


@bp.route("/healthz")
@public
def healthz():
    try:
        db.session.execute(text("SELECT 1"))
    except Exception:
        db.session.rollback()
        return {"status": "unavailable"}, 503
    return {"status": "ok"}


@bp.route("/uploads/<name>")
@public
def upload(name: str):
    """Serve a stored upload (logos inline; PDFs as downloads, never rendered in our origin)."""
    path = uploads.stored_path(name)
    if path is None:
        abort(404)
    as_attachment = path.suffix == ".pdf"
    response = send_file(path, as_attachment=as_attachment, max_age=86400)
    response.headers["Content-Security-Policy"] = "default-src 'none'; sandbox"
    return response
