"""Everyone sees that moderation happened: placeholders that say when and why, and counts."""

import re

import pytest

from engage.comments.models import CommentStatus
from engage.extensions import db
from engage.moderation.services.guidelines import publish_guidelines
from engage.types import utcnow
from tests import factories
from tests.comments.helpers_thread import article, counting_queries, open_policy, post, text

GUIDELINES = [
    {"key": "personal_information", "title": "Personal information", "body_md": "No addresses."},
    {"key": "spam", "title": "Spam", "body_md": "No advertising."},
]


@pytest.fixture
def policy(ctx):
    publish_guidelines(factories.make_user(role="admin"), "Be fair.", GUIDELINES, "First.")
    return open_policy(title="Body-worn cameras")


def hide(comment, reason: str) -> None:
    comment.status = CommentStatus.HIDDEN.value
    comment.moderated_at, comment.moderation_reason = utcnow(), reason
    db.session.flush()


def page(client, policy) -> str:
    response = client.get(f"/policies/{policy.slug}")
    assert response.status_code == 200
    return text(response)


def test_a_hidden_comment_says_when_and_why(client, policy):
    parent = post(factories.make_user(), policy, "My neighbour at 12 Elm St. has a camera.")
    reply = post(factories.make_user(), policy, "Please don't share addresses.", parent=parent)
    hide(parent, "personal_information")
    html = page(client, policy)
    placeholder = article(html, parent.id)
    assert re.search(r"Hidden by moderators on \w+ \d+, \d{4}: Personal information", placeholder)
    assert "12 Elm St." not in html
    assert "Please don't share addresses." in article(html, reply.id)  # the reply keeps context


def test_the_thread_counts_hidden_comments_by_reason(client, policy):
    shown = post(factories.make_user(), policy, "Thirty days is enough.")
    for body, reason in [("a", "spam"), ("b", "spam"), ("c", "personal_information")]:
        hide(post(factories.make_user(), policy, f"Comment {body}."), reason)
    html = page(client, policy)
    assert "Comments (1)" in html
    assert "Moderators hid 3 comments under the community guidelines" in html
    assert "Spam (2), Personal information (1)." in html
    assert 'href="/guidelines"' in html and 'href="/moderation/report"' in html
    assert "Thirty days is enough." in article(html, shown.id)


def test_no_moderation_line_when_nothing_was_hidden(client, policy):
    post(factories.make_user(), policy, "Thirty days is enough.")
    assert "Moderators hid" not in page(client, policy)


def test_a_redaction_is_marked(client, policy):
    comment = post(factories.make_user(), policy, "Call me at [removed by moderators].")
    comment.redacted_at, comment.moderation_reason = utcnow(), "personal_information"
    db.session.flush()
    html = article(page(client, policy), comment.id)
    assert "Moderators removed part of this comment on" in html
    assert "Personal information." in html


def test_reason_titles_cost_one_query_whatever_the_number_hidden(client, policy):
    def queries_with(n: int) -> int:
        for i in range(n):
            hide(post(factories.make_user(), policy, f"Hidden {i}."), "spam")
        with counting_queries() as counted:
            page(client, policy)
        return counted[0]

    assert queries_with(1) == queries_with(5)


def test_the_hidden_line_survives_the_fragment_cache(app, client, login, policy, monkeypatch):
    from engage import cache
    from engage.cache_backends import MemoryBackend

    monkeypatch.setitem(app.config, "ENGAGE_PAGE_CACHE", True)
    monkeypatch.setitem(app.config, "ENGAGE_VIEWER_CACHE", False)  # the fragments' path
    monkeypatch.setitem(app.extensions, cache.EXTENSION, MemoryBackend())
    hide(post(factories.make_user(), policy, "Spam text."), "spam")
    db.session.commit()
    login(factories.make_user())
    for _ in range(2):  # rendered, then from the kept counts
        assert "Spam (1)." in page(client, policy)
