"""The staff workspace at /staff: what needs attention, and the way to every staff page."""

from flask import Blueprint, render_template

from engage.permissions import require
from engage.staff import services

bp = Blueprint("staff", __name__, url_prefix="/staff")


@bp.route("")
@require("staff:access")
def workspace():
    return render_template("staff/workspace.html", overview=services.workspace_overview())
