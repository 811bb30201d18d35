"""The moderation blueprint; its routes live in one module per topic (see views.py)."""

from flask import Blueprint

bp = Blueprint("moderation", __name__)
