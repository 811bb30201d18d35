"""Administration pages: users and roles, the audit log."""

from flask import Blueprint, render_template

from engage.permissions import require

bp = Blueprint("admin", __name__, url_prefix="/admin")


@bp.route("")
@require("admin:access")
def index():
    return render_template("admin/index.html")
