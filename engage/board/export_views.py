"""Open data: a policy's published comments as CSV and JSON, summaries as JSON.

/policies/<slug>/comments.csv and .json (any other extension: 400); `?include=hidden` adds
held, hidden and spam comments with a status column, for moderators only.
/policies/<slug>/summary.json: the version the public summary page shows (same arguments).
"""

from flask import Response, abort, jsonify, request
from flask_babel import gettext as _
from flask_login import current_user

from engage.board import exports
from engage.board.blueprint import bp
from engage.errors import render_error
from engage.extensions import db
from engage.permissions import ensure, guarded, public
from engage.policies.models import Policy

MEDIA_TYPES = {"csv": "text/csv", "json": "application/json"}
INCLUDE = ("", "hidden")
MAX_NUMBER = 100_000


def _policy(slug: str) -> Policy:
    if "\x00" in slug:
        abort(404)
    return db.first_or_404(db.select(Policy).where(Policy.slug == slug))


def _number(name: str) -> int | None:
    """A positive integer argument; None when absent; 404 when forged (as the summary page)."""
    value = request.args.get(name, "").strip()
    if not value:
        return None
    if not value.isascii() or not value.isdigit() or not 0 < int(value) < MAX_NUMBER:
        abort(404)
    return int(value)


def _download(policy: Policy, fmt: str, with_hidden: bool) -> Response:
    body = exports.export_chunks(policy, fmt, with_hidden)
    response = Response(body, mimetype=MEDIA_TYPES[fmt])
    name = exports.filename(policy, fmt, with_hidden)
    response.headers["Content-Disposition"] = f"attachment; filename={name}"
    if with_hidden:
        response.headers["Cache-Control"] = "private, no-store"
    else:
        response.headers["Access-Control-Allow-Origin"] = "*"
    return response


@bp.route("/policies/<slug>/comments.<fmt>")
@guarded  # public, except ?include=hidden: moderators (checked inside)
def export(slug: str, fmt: str):
    policy = _policy(slug)
    if fmt not in exports.FORMATS:
        return render_error(
            400,
            _("This format is not available"),
            _("Comments can be downloaded as .csv or .json."),
        )
    include = request.args.get("include", "").strip()
    if include not in INCLUDE:
        return render_error(
            400,
            _("Something in the request was not right"),
            _("The only thing an export can include is hidden content (include=hidden)."),
        )
    with_hidden = include == "hidden"
    if with_hidden:
        ensure("comments:export_hidden", policy)
        exports.record_hidden_export(current_user, policy, fmt)
        db.session.commit()
    return _download(policy, fmt, with_hidden)


@bp.route("/policies/<slug>/summary.json")
@public
def summary_json(slug: str):
    """The latest version sent to the board (or `?summary=<id>`, `?version=N`), as JSON."""
    policy = _policy(slug)
    version = exports.sent_version(policy, _number("summary"), _number("version"))
    if version is None:
        abort(404)
    response = jsonify(exports.summary_document(version))
    response.headers["Access-Control-Allow-Origin"] = "*"
    return response
