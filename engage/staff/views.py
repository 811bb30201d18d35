"""The staff workspace at /staff."""

from flask import Blueprint, render_template

from engage.permissions import require

bp = Blueprint("staff", __name__, url_prefix="/staff")


@bp.route("")
@require("staff:access")
def workspace():
    return render_template("staff/workspace.html")
