"""Staff entry of comments received by email, letter, phone or at a meeting."""

from flask import Blueprint

bp = Blueprint("comments_staff", __name__, url_prefix="/staff")
