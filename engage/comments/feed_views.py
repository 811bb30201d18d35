"""The Atom feed of a policy's published comments: /policies/<slug>/comments.atom."""

from flask import Blueprint, Response, abort, request

from engage.comments.feeds import MEDIA_TYPE, feed_statement, policy_feed, render_atom
from engage.extensions import db
from engage.permissions import public
from engage.policies.models import Policy
from engage.web import absolute_url

bp = Blueprint("comment_feeds", __name__)


@bp.route("/policies/<slug>/comments.atom")
@public
def policy_comments(slug: str):
    if "\x00" in slug:
        abort(404)
    policy = db.first_or_404(db.select(Policy).where(Policy.slug == slug))
    comments = list(db.session.scalars(feed_statement(policy)))
    self_url = absolute_url("comment_feeds.policy_comments", slug=policy.slug)
    body = render_atom(policy_feed(policy, comments, self_url))
    response = Response(body, mimetype=MEDIA_TYPE)
    response.cache_control.no_cache = True
    response.add_etag()
    return response.make_conditional(request)
