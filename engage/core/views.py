"""The home page and the health check."""

from flask import Blueprint, render_template
from sqlalchemy import text

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
