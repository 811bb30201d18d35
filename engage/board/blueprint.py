"""The board blueprint; its routes live in one module per topic (see views.py)."""

from flask import Blueprint

bp = Blueprint("board", __name__)
