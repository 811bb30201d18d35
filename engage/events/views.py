"""Public listening-session pages and sign-ups."""

from flask import Blueprint

bp = Blueprint("events", __name__)
