"""Staff verification of organization applications."""

from flask import Blueprint

bp = Blueprint("orgs_staff", __name__, url_prefix="/staff")
