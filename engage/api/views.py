"""JSON API endpoints."""

from flask import Blueprint

from engage.extensions import csrf
from engage.permissions import public

bp = Blueprint("api", __name__, url_prefix="/api/v1")
csrf.exempt(bp)


@bp.route("/openapi.json")
@public
def openapi():
    return {"openapi": "3.1.0"}
