"""The staff workspace at /staff: what needs attention, and the way to every staff page."""

from flask import Blueprint, current_app, render_template

from engage.permissions import require
from engage.staff import services

bp = Blueprint("staff", __name__, url_prefix="/staff")

# Pages other domains add to the workspace; linked only once they exist.
REPORT_ENDPOINTS = ("reports_staff.reports", "reports_staff.exigent_notices")


@bp.route("")
@require("staff:access")
def workspace():
    available = {e for e in REPORT_ENDPOINTS if e in current_app.view_functions}
    return render_template(
        "staff/workspace.html", overview=services.workspace_overview(), available=available
    )
