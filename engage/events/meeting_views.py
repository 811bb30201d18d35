"""The city's own meetings: hearings, board meetings, speaker lists, written testimony."""

from flask import Blueprint

bp = Blueprint("meetings", __name__)
