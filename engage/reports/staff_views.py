"""Staff pages that write annual reports and exigent-use notices."""

from flask import Blueprint

bp = Blueprint("reports_staff", __name__, url_prefix="/staff")
