"""Helpers for the thread, posting and permalink tests (imported explicitly; not fixtures)."""

import contextlib
import re
import secrets
from datetime import timedelta
from html.parser import HTMLParser

from sqlalchemy import event

from engage.comments.models import Comment
from engage.comments.services import CommentData, post_comment
from engage.extensions import db
from engage.types import utcnow
from tests import factories


def open_policy(**fields):
    return factories.make_policy(period="open", **fields)


def form(body: str = "Keep footage for 30 days, not 90.", **fields) -> dict:
    """What the comment form sends when someone fills it in and presses "Post comment"."""
    data = {
        "body": body,
        "stance": "",
        "section_key": "",
        "neighborhood": "",
        "show_name": "y",
        "parent_id": "",
        "token": secrets.token_urlsafe(16),
        "action": "post",
    }
    data.update(fields)
    return {key: value for key, value in data.items() if value is not None}


def submit(client, policy, body: str = "Keep footage for 30 days, not 90.", **fields):
    """POST the comment form of `policy`."""
    return client.post_form(f"/policies/{policy.slug}/comments", form(body, **fields))


def text(response) -> str:
    return response.get_data(as_text=True)


def comments_of(policy) -> list[Comment]:
    db.session.expire_all()
    return list(
        db.session.scalars(
            db.select(Comment).where(Comment.policy_id == policy.id).order_by(Comment.id)
        )
    )


def post(author, policy, body: str = "Please keep footage for 30 days.", parent=None, **fields):
    """A published comment, posted through the service."""
    data = CommentData(body=body, parent_id=parent.id if parent else None, **fields)
    return post_comment(author, policy, data)


def backdate(comment: Comment, minutes: int) -> None:
    comment.created_at = utcnow() - timedelta(minutes=minutes)
    db.session.flush()


def article(html: str, comment_id: int) -> str:
    """The HTML of one comment's <article> (without its replies)."""
    match = re.search(rf'<article id="comment-{comment_id}".*?</article>', html, flags=re.DOTALL)
    assert match, f"comment {comment_id} is not on the page"
    return match.group(0)


def thread_order(html: str) -> list[int]:
    """The ids of the comments on the page, in the order they appear."""
    return [int(n) for n in re.findall(r'<article id="comment-(\d+)"', html)]


HARNESS_STATEMENTS = ("SAVEPOINT", "RELEASE SAVEPOINT", "ROLLBACK TO SAVEPOINT")


@contextlib.contextmanager
def counting_queries():
    """`with counting_queries() as counted:` ... `counted[0]` is the number of statements."""
    counted = [0]

    def before(connection, cursor, statement, *args):
        # The test harness wraps each request in a savepoint; production has none.
        if not statement.lstrip().upper().startswith(HARNESS_STATEMENTS):
            counted[0] += 1

    engine = db.engine
    event.listen(engine, "before_cursor_execute", before)
    try:
        yield counted
    finally:
        event.remove(engine, "before_cursor_execute", before)


class CommentBodies(HTMLParser):
    """Collect what is inside the comment bodies of a page: tags, attributes, links."""

    def __init__(self, css_class: str = "engage-comment-body"):
        super().__init__(convert_charrefs=True)
        self.css_class = css_class
        self.depth = 0  # >0 while inside a comment body
        self.bodies = 0
        self.tags: list[tuple[str, list[tuple[str, str | None]]]] = []

    def handle_starttag(self, tag, attrs):
        classes = (dict(attrs).get("class") or "").split()
        if self.depth:
            self.tags.append((tag, attrs))
            if tag not in VOID_TAGS:
                self.depth += 1
        elif self.css_class in classes:
            self.depth, self.bodies = 1, self.bodies + 1

    def handle_startendtag(self, tag, attrs):
        if self.depth:
            self.tags.append((tag, attrs))

    def handle_endtag(self, tag):
        if self.depth and tag not in VOID_TAGS:
            self.depth -= 1


VOID_TAGS = {"br", "hr", "img", "input", "meta", "link", "source", "embed", "area", "wbr", "col"}


def body_tags(html: str, css_class: str = "engage-comment-body") -> CommentBodies:
    parser = CommentBodies(css_class)
    parser.feed(html)
    parser.close()
    return parser
