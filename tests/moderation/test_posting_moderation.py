"""The posting side of moderation: suspended accounts, locked threads, held comments."""

import pytest

from engage.comments.models import Comment, CommentStatus
from engage.extensions import db
from engage.types import utcnow
from tests import factories
from tests.comments.helpers_thread import comments_of, submit, text
from tests.moderation.rules_helpers import old_user, post, rule, suspend


@pytest.fixture
def policy(ctx):
    return factories.make_policy(period="open", title="License plate readers")


def _count(policy) -> int:
    return db.session.scalar(
        db.select(db.func.count(Comment.id)).where(Comment.policy_id == policy.id)
    )


# Suspended accounts -------------------------------------------------------------------------


def test_a_suspended_account_is_refused_with_the_end_date_and_nothing_is_stored(
    client, login, policy
):
    author = login(old_user())
    suspend(author, starts_days_ago=1, ends_days_ago=-6)
    response = submit(client, policy, "I want to say something.")
    assert response.status_code == 400
    page = text(response)
    assert "Your account is suspended until" in page
    assert str(utcnow().year) in page.split("suspended until", 1)[1][:80]
    assert "I want to say something." in page  # what they typed is kept
    assert _count(policy) == 0


def test_a_permanently_suspended_account_is_told_so(client, login, policy):
    author = login(old_user())
    suspend(author, starts_days_ago=1, ends_days_ago=None)
    response = submit(client, policy)
    assert response.status_code == 400
    assert "Your account is suspended: you can read comments but not post them." in text(response)
    assert _count(policy) == 0


def test_a_suspended_account_can_still_read(client, login, policy):
    post(old_user(), policy, "A published comment to read.")
    author = login(old_user())
    suspend(author, starts_days_ago=1, ends_days_ago=None)
    response = client.get(f"/policies/{policy.slug}")
    assert response.status_code == 200
    assert "A published comment to read." in text(response)


@pytest.mark.parametrize(("ends", "lifted"), [(1, None), (-5, 0.5)])
def test_an_ended_or_lifted_suspension_lets_the_account_post(client, login, policy, ends, lifted):
    author = login(old_user())
    suspend(author, starts_days_ago=10, ends_days_ago=ends, lifted_days_ago=lifted)
    assert submit(client, policy).status_code == 303
    assert _count(policy) == 1


# Locked threads -----------------------------------------------------------------------------


def test_replies_to_a_locked_thread_are_refused_at_every_level(client, login, policy):
    root = post(old_user(), policy, "The first comment of the thread.")
    child = post(old_user(), policy, "A reply.", parent_id=root.id)
    root.locked_at = utcnow()
    db.session.flush()
    login(old_user())
    for parent in (root, child):
        response = submit(client, policy, "One more reply.", parent_id=str(parent.id))
        assert response.status_code == 400
        assert "Moderators locked this thread: it takes no more replies." in text(response)
    assert _count(policy) == 2


def test_a_locked_thread_does_not_stop_new_comments_or_other_threads(client, login, policy):
    locked = post(old_user(), policy, "A locked thread.")
    other = post(old_user(), policy, "An open thread.")
    locked.locked_at = utcnow()
    db.session.flush()
    login(old_user())
    assert submit(client, policy, "A new thread.").status_code == 303
    assert submit(client, policy, "A reply.", parent_id=str(other.id)).status_code == 303
    assert _count(policy) == 4


# Held comments ------------------------------------------------------------------------------


@pytest.fixture
def held(client, login, policy, outbox):
    """A comment posted through the form on a pre-moderated policy, by a signed-in author."""
    policy.moderation_mode = "pre"
    db.session.flush()
    login(old_user(display_name="Helen Held"))
    response = submit(client, policy, "Waiting for a moderator to read this.")
    assert response.status_code == 303
    [comment] = comments_of(policy)
    assert comment.status == CommentStatus.HELD
    return comment, response


def test_the_receipt_page_says_the_comment_waits_for_a_moderator(client, held):
    comment, response = held
    page = text(client.get(response.location))
    assert "Your comment waits for a moderator" in page
    assert "It will appear in the conversation once a moderator approves it." in page
    assert comment.tracking_number in page


def test_the_receipt_mail_says_the_comment_waits_for_a_moderator(held, outbox):
    [mail] = outbox("comment_receipt")
    assert "waits for a moderator" in mail.body_text
    assert "once a moderator approves it" in mail.body_text
    assert "edit it for 15 minutes" not in mail.body_text


def test_a_published_comment_receipt_does_not_mention_moderation(client, login, policy, outbox):
    login(old_user())
    response = submit(client, policy)
    assert "waits for a moderator" not in text(client.get(response.location))
    [mail] = outbox("comment_receipt")
    assert "waits for a moderator" not in mail.body_text


def test_a_held_comment_is_hidden_from_the_thread_feed_and_api(client, held, policy):
    comment, _response = held
    policy.moderation_mode = "post"
    visible = post(old_user(), policy, "Published alongside it.")
    assert visible.status == CommentStatus.PUBLISHED
    client.post_form("/auth/logout")
    page = text(client.get(f"/policies/{policy.slug}"))
    assert "Waiting for a moderator" not in page
    assert "Published alongside it." in page
    assert "Comments (1)" in page
    assert client.get(f"/comments/{comment.id}").status_code == 404
    feed = text(client.get(f"/policies/{policy.slug}/comments.atom"))
    assert "Waiting for a moderator" not in feed
    assert f"comments/{visible.id}" in feed
    api = client.get(f"/api/v1/policies/{policy.slug}/comments").get_json()
    assert [item["id"] for item in api["data"]] == [visible.id]
    assert client.get(f"/api/v1/policies/{policy.slug}").get_json()["comment_count"] == 1
    listed = client.get("/api/v1/policies").get_json()["data"]
    assert next(p for p in listed if p["slug"] == policy.slug)["comment_count"] == 1


def test_a_held_comment_is_shown_to_its_author_only(client, held):
    comment, _response = held
    assert client.get(f"/comments/{comment.id}").status_code == 200
    client.post_form("/auth/logout")
    assert client.get(f"/comments/{comment.id}").status_code == 404


def test_a_held_reply_sends_no_reply_notice_and_is_not_counted(client, login, policy, outbox):
    rule("word_list", words=["idiot"])
    parent_author = old_user()
    parent = post(parent_author, policy, "What do you all think?")
    login(old_user())
    response = submit(client, policy, "Only an idiot would ask.", parent_id=str(parent.id))
    assert response.status_code == 303
    reply = db.session.scalar(db.select(Comment).where(Comment.parent_id == parent.id))
    assert reply.status == CommentStatus.HELD
    assert outbox("comment_reply") == []
    db.session.refresh(parent)
    assert parent.reply_count == 0
    page = text(client.get(f"/policies/{policy.slug}"))
    assert "Only an idiot" not in page


def test_a_published_reply_still_sends_its_notice(client, login, policy, outbox):
    parent = post(old_user(), policy, "What do you all think?")
    login(old_user())
    submit(client, policy, "I agree with you.", parent_id=str(parent.id))
    assert len(outbox("comment_reply")) == 1
    db.session.refresh(parent)
    assert parent.reply_count == 1
