"""What people do to a comment: edit, withdraw, endorse, flag; following and unsubscribing."""

from flask import Blueprint

bp = Blueprint("comment_actions", __name__)
