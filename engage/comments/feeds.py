"""The Atom 1.0 feed of a policy's published comments, built with ElementTree.

ElementTree escapes every text and attribute, so user text (names, comment HTML) can never
turn into markup of the feed itself; `content type="html"` carries the sanitized HTML escaped,
as Atom wants.
"""

import re
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import UTC, datetime
from urllib.parse import urlsplit
from xml.etree import ElementTree as ET

from flask import current_app
from flask_babel import gettext
from sqlalchemy import Select
from sqlalchemy.orm import selectinload
from werkzeug.routing import BuildError

from engage.comments.models import Comment, CommentStatus
from engage.extensions import db
from engage.policies.models import Policy
from engage.web import absolute_url

ATOM = "http://www.w3.org/2005/Atom"
FEED_SIZE = 50
MEDIA_TYPE = "application/atom+xml"
_NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")


@dataclass(frozen=True)
class FeedEntry:
    id: str
    title: str
    link: str
    author: str
    published: datetime
    updated: datetime
    content_html: str


@dataclass(frozen=True)
class Feed:
    id: str
    title: str
    self_url: str
    alternate_url: str
    updated: datetime
    entries: Sequence[FeedEntry]


def rfc3339(moment: datetime) -> str:
    return moment.astimezone(UTC).isoformat(timespec="seconds").replace("+00:00", "Z")


def xml_safe(text: str) -> str:
    """`text` without the characters XML 1.0 forbids (ElementTree would write them)."""
    return _NOT_XML.sub("", text)


def _text(parent: ET.Element, tag: str, text: str, **attributes) -> ET.Element:
    element = ET.SubElement(parent, tag, attributes)
    element.text = xml_safe(text)
    return element


def _link(parent: ET.Element, rel: str, href: str, media_type: str) -> None:
    ET.SubElement(parent, "link", {"rel": rel, "href": href, "type": media_type})


def _entry(feed: ET.Element, entry: FeedEntry) -> None:
    element = ET.SubElement(feed, "entry")
    _text(element, "id", entry.id)
    _text(element, "title", entry.title, type="text")
    _link(element, "alternate", entry.link, "text/html")
    author = ET.SubElement(element, "author")
    _text(author, "name", entry.author)
    _text(element, "published", rfc3339(entry.published))
    _text(element, "updated", rfc3339(entry.updated))
    _text(element, "content", entry.content_html, type="html")


def render_atom(feed: Feed) -> str:
    """The feed as an Atom 1.0 document (a pure function of `feed`)."""
    root = ET.Element("feed", {"xmlns": ATOM})
    _text(root, "id", feed.id)
    _text(root, "title", feed.title, type="text")
    _text(root, "updated", rfc3339(feed.updated))
    _link(root, "self", feed.self_url, MEDIA_TYPE)
    _link(root, "alternate", feed.alternate_url, "text/html")
    _text(root, "generator", "Engage")
    for entry in feed.entries:
        _entry(root, entry)
    return ET.tostring(root, encoding="unicode", xml_declaration=True)


# From the database -----------------------------------------------------------------------


def feed_statement(policy: Policy) -> Select:
    """The policy's newest published comments, newest first."""
    return (
        db.select(Comment)
        .where(Comment.policy_id == policy.id, Comment.status == CommentStatus.PUBLISHED.value)
        .options(selectinload(Comment.author))
        .order_by(Comment.created_at.desc(), Comment.id.desc())
        .limit(FEED_SIZE)
    )


def _tag(created: datetime, specific: str) -> str:
    """A tag: URI (RFC 4151), stable whatever the site's URLs become."""
    host = urlsplit(current_app.config["ENGAGE_BASE_URL"]).hostname or "localhost"
    return f"tag:{host},{created.astimezone(UTC).date().isoformat()}:{specific}"


def comment_link(comment: Comment, policy: Policy) -> str:
    """The comment's permalink; the policy page's thread until permalinks exist."""
    try:
        return absolute_url("comments.permalink", comment_id=comment.id)
    except BuildError:
        return absolute_url("policies.detail", slug=policy.slug, _anchor=f"comment-{comment.id}")


def _title(comment: Comment, policy: Policy) -> str:
    if comment.is_official_response:
        return gettext("City response on %(policy)s", policy=policy.title)
    return gettext(
        "Comment by %(name)s on %(policy)s",
        name=comment.public_author or gettext("Anonymous resident"),
        policy=policy.title,
    )


def feed_entry(comment: Comment, policy: Policy) -> FeedEntry:
    return FeedEntry(
        id=_tag(comment.created_at, f"comment:{comment.id}"),
        title=_title(comment, policy),
        link=comment_link(comment, policy),
        author=comment.public_author or gettext("Anonymous resident"),
        published=comment.created_at,
        updated=comment.edited_at or comment.created_at,
        content_html=comment.body_html,
    )


def policy_feed(policy: Policy, comments: Sequence[Comment], self_url: str) -> Feed:
    """The feed of `comments` (newest first) on `policy`, served at `self_url`."""
    entries = [feed_entry(comment, policy) for comment in comments]
    updated = max((entry.updated for entry in entries), default=policy.updated_at)
    return Feed(
        id=_tag(policy.created_at, f"policy:{policy.id}:comments"),
        title=gettext("Comments on %(policy)s", policy=policy.title),
        self_url=self_url,
        alternate_url=absolute_url("policies.detail", slug=policy.slug, _anchor="comments"),
        updated=updated,
        entries=entries,
    )
