"""Reading and posting comments: the thread on a policy page, permalinks, the comment form."""

from flask import Blueprint

bp = Blueprint("comments", __name__)
