"""Helpers for the comment-action tests (imported explicitly; not fixtures)."""

import contextlib
import re
from datetime import timedelta

from flask import current_app

from engage import signals
from engage.comments.models import Comment
from engage.comments.services import CommentData, post_comment
from engage.extensions import db
from engage.types import utcnow
from tests import factories


def permalink_built() -> bool:
    return "comments.permalink" in current_app.view_functions


def post(author, policy, body: str = "Please keep footage for 30 days.", parent=None, **fields):
    """A published comment, posted through the service as a resident would.

    Until permalinks exist the receipt mail can't link to the comment, so its receivers are
    muted then (tests of that mail skip themselves).
    """
    data = CommentData(body=body, parent_id=parent.id if parent else None, **fields)
    quiet = signals.comment_posted.muted() if not permalink_built() else contextlib.nullcontext()
    with quiet:
        return post_comment(author, policy, data)


def open_policy(**fields):
    return factories.make_policy(period="open", **fields)


def posted_comment(author=None, **fields) -> Comment:
    """A comment by `author` (a new resident by default) on a new open policy."""
    return post(author or factories.make_user(), open_policy(), **fields)


def age(comment: Comment, minutes: int) -> None:
    """Pretend the comment was posted `minutes` ago."""
    comment.created_at = utcnow() - timedelta(minutes=minutes)
    db.session.flush()


def fresh(model, ident):
    db.session.expire_all()
    return db.session.get(model, ident)


def links_in(text: str) -> list[str]:
    return re.findall(r"https?://\S+", text)


def path_of(url: str) -> str:
    return re.sub(r"^https?://[^/]+", "", url)


def post_and_follow(client, url: str, data: dict | None = None):
    """POST a form and open the page it redirects to (the test client's follow_redirects
    can't run inside the per-request contexts of tests/conftest.py)."""
    response = client.post_form(url, data)
    if response.status_code in (301, 302, 303):
        return client.get(response.location)
    return response
