"""The Atom feed of a policy's published comments."""

from datetime import UTC, datetime, timedelta
from xml.etree import ElementTree as ET

import pytest

from engage.comments.feeds import (
    FEED_SIZE,
    Feed,
    FeedEntry,
    feed_entry,
    feed_statement,
    policy_feed,
    render_atom,
)
from engage.comments.models import CommentStatus
from engage.extensions import db
from engage.types import utcnow
from tests import factories
from tests.comments.helpers_offline import (
    enter,
    feed_registered,
    permalink_built,
    policy_with_period,
    post,
    set_status,
)

NS = {"atom": "http://www.w3.org/2005/Atom"}
SELF = "http://engage.test/policies/cameras/comments.atom"


def parse(xml: str) -> ET.Element:
    root = ET.fromstring(xml.encode())  # noqa: S314 - our own output, under test
    assert root.tag == "{http://www.w3.org/2005/Atom}feed"
    return root


def text(element: ET.Element, path: str) -> str:
    found = element.find(path, NS)
    assert found is not None, path
    return found.text or ""


def links(element: ET.Element) -> dict[str, str]:
    return {link.get("rel"): link.get("href") for link in element.findall("atom:link", NS)}


def rfc3339(value: str) -> datetime:
    assert value.endswith("Z"), value
    return datetime.fromisoformat(value)


# The document, from plain data ------------------------------------------------------------

HOSTILE = '<script>alert("x")</script> & </content><entry>'


def sample_feed(**entry_fields) -> Feed:
    moment = datetime(2026, 3, 1, 17, 30, tzinfo=UTC)
    entry = FeedEntry(
        id="tag:engage.test,2026-03-01:comment:7",
        title="Comment by Ana on Cameras",
        link="http://engage.test/comments/7",
        author="Ana",
        published=moment,
        updated=moment + timedelta(minutes=5),
        content_html="<p>Keep it <strong>short</strong> &amp; safe.</p>",
    )
    entry = FeedEntry(**{**entry.__dict__, **entry_fields})
    return Feed(
        id="tag:engage.test,2026-01-01:policy:1:comments",
        title="Comments on Cameras",
        self_url=SELF,
        alternate_url="http://engage.test/policies/cameras#comments",
        updated=entry.updated,
        entries=[entry],
    )


def test_the_document_is_atom_1_0_with_the_required_elements():
    xml = render_atom(sample_feed())
    root = parse(xml)

    assert xml.startswith("<?xml version='1.0' encoding='utf-8'?>")
    assert text(root, "atom:id") == "tag:engage.test,2026-01-01:policy:1:comments"
    assert text(root, "atom:title") == "Comments on Cameras"
    assert rfc3339(text(root, "atom:updated")) == datetime(2026, 3, 1, 17, 35, tzinfo=UTC)
    assert links(root) == {
        "self": SELF,
        "alternate": "http://engage.test/policies/cameras#comments",
    }
    [entry] = root.findall("atom:entry", NS)
    assert text(entry, "atom:id") == "tag:engage.test,2026-03-01:comment:7"
    assert text(entry, "atom:title") == "Comment by Ana on Cameras"
    assert links(entry) == {"alternate": "http://engage.test/comments/7"}
    assert text(entry, "atom:author/atom:name") == "Ana"
    assert text(entry, "atom:published") == "2026-03-01T17:30:00Z"
    assert text(entry, "atom:updated") == "2026-03-01T17:35:00Z"


def test_the_content_is_html_carried_escaped():
    xml = render_atom(sample_feed())
    content = parse(xml).find("atom:entry/atom:content", NS)

    assert content.get("type") == "html"
    assert content.text == "<p>Keep it <strong>short</strong> &amp; safe.</p>"
    assert "&lt;p&gt;Keep it &lt;strong&gt;" in xml  # escaped in the document itself


def test_user_text_can_never_become_markup_of_the_feed():
    xml = render_atom(sample_feed(author=HOSTILE, title=HOSTILE, content_html=HOSTILE))
    root = parse(xml)

    assert len(root.findall("atom:entry", NS)) == 1
    entry = root.find("atom:entry", NS)
    assert text(entry, "atom:author/atom:name") == HOSTILE
    assert text(entry, "atom:title") == HOSTILE
    assert "<script>" not in xml


def test_characters_xml_forbids_are_dropped():
    xml = render_atom(sample_feed(author="Ana\x0b\x1b Silva", content_html="<p>a\x00b\ufffe</p>"))
    entry = parse(xml).find("atom:entry", NS)
    assert text(entry, "atom:author/atom:name") == "Ana Silva"
    assert text(entry, "atom:content") == "<p>ab</p>"


def test_an_empty_feed_is_still_valid():
    feed = sample_feed()
    xml = render_atom(Feed(**{**feed.__dict__, "entries": []}))
    root = parse(xml)
    assert root.findall("atom:entry", NS) == []
    assert text(root, "atom:updated")


# From the comments ------------------------------------------------------------------------


@pytest.fixture
def policy(app, ctx):
    """A policy open for comment; the test runs inside a request, as the feed does."""
    with app.test_request_context():
        yield policy_with_period("open", title="Body-worn cameras")


def test_entries_name_the_author_or_an_anonymous_resident(policy, staff):
    ana = factories.make_user(display_name="Ana", email="ana@example.org")
    named = post(ana, policy, "Shorter, please.")
    hidden_name = post(ana, policy, "Quietly.", show_name=False)
    letter = enter(staff, policy, "By mail.", author_name="Carla")
    anonymous_letter = enter(staff, policy, "No name given.")

    titles = {c.id: feed_entry(c, policy).title for c in (named, hidden_name, letter)}
    assert titles[named.id] == "Comment by Ana on Body-worn cameras"
    assert titles[hidden_name.id] == "Comment by Anonymous resident on Body-worn cameras"
    assert titles[letter.id] == "Comment by Carla on Body-worn cameras"
    assert feed_entry(anonymous_letter, policy).author == "Anonymous resident"
    assert feed_entry(hidden_name, policy).author == "Anonymous resident"


def test_an_official_response_is_titled_as_the_citys(policy, staff):
    comment = post(staff, policy, "We will shorten retention.")
    comment.is_official_response = True
    assert feed_entry(comment, policy).title == "City response on Body-worn cameras"


def test_entry_ids_are_stable_tag_uris(policy):
    comment = post(factories.make_user(), policy)
    entry = feed_entry(comment, policy)
    day = comment.created_at.astimezone(UTC).date().isoformat()
    assert entry.id == f"tag:engage.test,{day}:comment:{comment.id}"


def test_an_edited_comment_is_updated_at_its_edit(policy):
    comment = post(factories.make_user(), policy)
    comment.edited_at = comment.created_at + timedelta(minutes=10)
    entry = feed_entry(comment, policy)
    assert entry.published == comment.created_at
    assert entry.updated == comment.edited_at


def test_entries_link_to_the_comments_permalink(policy):
    if not permalink_built():
        pytest.skip("comments.permalink is built by another helper; not registered yet")
    comment = post(factories.make_user(), policy)
    assert feed_entry(comment, policy).link == f"http://engage.test/comments/{comment.id}"


def test_the_feed_holds_the_newest_published_comments_only(policy):
    author = factories.make_user()
    shown = [post(author, policy, f"Comment {n}.") for n in range(3)]
    for hours, comment in enumerate(shown):
        comment.created_at = utcnow() - timedelta(hours=10 - hours)
    for status in (
        CommentStatus.HELD,
        CommentStatus.HIDDEN,
        CommentStatus.WITHDRAWN,
        CommentStatus.SPAM,
    ):
        set_status(post(author, policy, f"Not shown: {status}."), status)
    other = policy_with_period("open")
    post(author, other, "On another policy.")
    db.session.flush()

    comments = list(db.session.scalars(feed_statement(policy)))
    assert [c.id for c in comments] == [c.id for c in reversed(shown)]
    feed = policy_feed(policy, comments, SELF)
    assert feed.updated == shown[-1].created_at
    assert feed.title == "Comments on Body-worn cameras"
    assert feed.alternate_url == f"http://engage.test/policies/{policy.slug}#comments"
    root = parse(render_atom(feed))
    assert len(root.findall("atom:entry", NS)) == 3
    assert "Not shown" not in render_atom(feed)


def test_the_feed_stops_at_fifty_entries(policy):
    author = factories.make_user()
    for n in range(FEED_SIZE + 2):
        post(author, policy, f"Comment {n}.")
    assert len(list(db.session.scalars(feed_statement(policy)))) == FEED_SIZE


def test_a_feed_without_comments_is_as_new_as_the_policy(policy):
    feed = policy_feed(policy, [], SELF)
    assert feed.entries == []
    assert feed.updated == policy.updated_at


# Served at /policies/<slug>/comments.atom -------------------------------------------------


@pytest.fixture
def served(app):
    with app.app_context():
        if not feed_registered():
            pytest.skip("the lead registers the comment_feeds blueprint in create_app")


def test_the_feed_is_served_as_atom(served, client, policy, staff):
    letter = enter(staff, policy, "A letter <b>with</b> markup.", author_name="Carla")
    db.session.flush()
    response = client.get(f"/policies/{policy.slug}/comments.atom")

    assert response.status_code == 200
    assert response.mimetype == "application/atom+xml"
    root = parse(response.get_data(as_text=True))
    assert links(root)["self"] == f"http://engage.test/policies/{policy.slug}/comments.atom"
    [entry] = root.findall("atom:entry", NS)
    assert text(entry, "atom:author/atom:name") == "Carla"
    assert letter.body_html == text(entry, "atom:content")
    assert "example.org" not in response.get_data(as_text=True)


def test_the_feed_answers_304_when_unchanged(served, client, policy):
    first = client.get(f"/policies/{policy.slug}/comments.atom")
    again = client.get(
        f"/policies/{policy.slug}/comments.atom", headers={"If-None-Match": first.headers["ETag"]}
    )
    assert again.status_code == 304


def test_the_feed_of_an_unknown_policy_is_not_found(served, client):
    assert client.get("/policies/no-such-policy/comments.atom").status_code == 404
