"""Public organization pages, applications, membership and invitations."""

from flask import Blueprint

bp = Blueprint("orgs", __name__)
