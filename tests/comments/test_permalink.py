"""A comment's permalink opens it in its conversation, with a reply form when possible."""

from datetime import timedelta

import pytest

from engage.comments.models import CommentStatus
from engage.extensions import db
from engage.types import utcnow
from tests import factories
from tests.comments.helpers_thread import (
    article,
    comments_of,
    open_policy,
    post,
    submit,
    text,
    thread_order,
)


@pytest.fixture
def policy(ctx):
    return open_policy(title="Body-worn cameras")


@pytest.fixture
def conversation(policy):
    """A root on the retention section, a reply, and a reply to the reply."""
    root = post(factories.make_user(), policy, "Root comment.", section_key="data_retention")
    reply = post(factories.make_user(), policy, "A reply.", parent=root)
    deeper = post(factories.make_user(), policy, "A reply to the reply.", parent=reply)
    other = post(factories.make_user(), policy, "Another conversation.")
    return root, reply, deeper, other


def test_the_permalink_shows_the_whole_conversation_with_the_comment_marked(client, conversation):
    root, reply, deeper, other = conversation
    response = client.get(f"/comments/{reply.id}")
    page = text(response)
    assert response.status_code == 200
    assert "<h1>A comment on Body-worn cameras</h1>" in page
    assert 'href="/policies/body-worn-cameras#section-data_retention">Data retention</a>' in page
    assert thread_order(page) == [root.id, reply.id, deeper.id]
    assert other.id not in thread_order(page)
    marked = article(page, reply.id)
    assert 'aria-current="location"' in marked
    assert "You followed a link to this comment" in marked
    assert 'aria-current="location"' not in article(page, root.id)


def test_the_permalink_offers_a_reply_form_to_that_comment(client, login, conversation):
    root, reply, _deeper, _other = conversation
    login(factories.make_user())
    page = text(client.get(f"/comments/{reply.id}"))
    assert 'id="reply"' in page
    assert f'name="parent_id" type="hidden" value="{reply.id}"' in page
    assert "Post reply" in page
    assert f'href="/comments/{root.id}#reply">Reply' in page


def test_replying_from_the_permalink_posts_into_the_conversation(
    client, login, policy, conversation
):
    _root, reply, _deeper, _other = conversation
    login(factories.make_user())
    response = submit(client, policy, "Joining in.", parent_id=str(reply.id))
    assert response.status_code == 303
    posted = comments_of(policy)[-1]
    assert (posted.parent_id, posted.depth) == (reply.id, 2)
    assert posted.id in thread_order(text(client.get(f"/comments/{reply.id}")))


def test_a_refused_reply_shows_the_permalink_again_with_the_text(
    client, login, policy, conversation
):
    _root, reply, _deeper, _other = conversation
    login(factories.make_user())
    response = submit(client, policy, "x" * 5001, parent_id=str(reply.id))
    page = text(response)
    assert response.status_code == 400
    assert "<h1>A comment on Body-worn cameras</h1>" in page
    assert "Comments can be up to 5000 characters" in page
    assert "x" * 5001 in page


def test_signing_in_to_reply_comes_back_to_the_permalink(client, policy, conversation):
    _root, reply, _deeper, _other = conversation
    user = factories.make_user()
    response = submit(client, policy, "My reply, kept.", parent_id=str(reply.id))
    assert response.status_code == 302
    signed_in = client.post_form(
        response.location, {"email": user.email, "password": factories.PASSWORD}
    )
    assert signed_in.location == f"/comments/{reply.id}#reply"
    page = text(client.get(f"/comments/{reply.id}"))
    assert "My reply, kept.</textarea>" in page
    assert "Your comment is below; post it when ready." in page
    # The draft belongs to that reply form, not to the policy page's form.
    assert "My reply, kept." not in text(client.get(f"/policies/{policy.slug}"))


def test_no_reply_form_once_the_period_closed(client, login, policy):
    comment = post(factories.make_user(), policy, "Said while it was open.")
    policy.current_version.periods[0].closes_at = utcnow() - timedelta(minutes=1)
    db.session.flush()
    login(factories.make_user())
    page = text(client.get(f"/comments/{comment.id}"))
    assert "Said while it was open." in page
    assert 'id="reply"' not in page
    assert f'href="/comments/{comment.id}#reply"' not in page


def test_unknown_comments_are_404(client, ctx):
    assert client.get("/comments/999999").status_code == 404
    assert client.get("/comments/abc").status_code == 404


@pytest.mark.parametrize("status", ["held", "spam"])
def test_held_and_spam_comments_are_404_for_all_but_their_author(client, login, policy, status):
    author = factories.make_user()
    comment = post(author, policy, "Not yet public.")
    comment.status = status
    db.session.flush()
    assert client.get(f"/comments/{comment.id}").status_code == 404
    login(factories.make_user())
    assert client.get(f"/comments/{comment.id}").status_code == 404
    login(author)
    response = client.get(f"/comments/{comment.id}")
    assert response.status_code == 200
    assert "Not yet public." in text(response)
    assert "only you can see it" in text(response)


def test_a_withdrawn_comment_keeps_its_permalink_as_a_placeholder(client, policy):
    comment = post(factories.make_user(), policy, "Gone soon.")
    comment.status = CommentStatus.WITHDRAWN.value
    db.session.flush()
    page = text(client.get(f"/comments/{comment.id}"))
    assert "Withdrawn by its author" in page
    assert "Gone soon." not in page
    assert 'id="reply"' not in page
