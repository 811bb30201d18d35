"""Staff pages that write the catalog: departments, technologies, policies, versions, periods."""

from flask import Blueprint

bp = Blueprint("policies_staff", __name__, url_prefix="/staff")
