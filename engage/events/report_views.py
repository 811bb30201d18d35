"""Session reports filed by organizations after their sessions."""

from flask import Blueprint

bp = Blueprint("event_reports", __name__)
