"""Organizers' tools: create and edit sessions, attendees, check-in, cancellation."""

from flask import Blueprint

bp = Blueprint("event_organizer", __name__)
