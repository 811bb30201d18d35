"""Calendar files (RFC 5545) for sessions, organizations and policies."""

from flask import Blueprint

bp = Blueprint("event_calendars", __name__)
