"""Mail to followers and authors: new versions, comment periods, replies, receipts."""

from datetime import timedelta

import pytest

from engage import signals
from engage.comments.jobs import send_close_notices
from engage.comments.models import Subscription
from engage.comments.services import follow, set_reply_notices
from engage.comments.services.follows import replies_unsubscribe_token
from engage.extensions import db
from engage.mail import queue_mail
from engage.policies import services as catalog
from engage.policies.models import CommentPeriod
from engage.types import utcnow
from tests import factories
from tests.comments.helpers_actions import links_in, path_of, permalink_built, post


@pytest.fixture
def policy(ctx):
    return factories.make_policy(title="Drones")


@pytest.fixture
def follower(policy):
    user = factories.make_user(display_name="Frances")
    follow(user, policy)
    return user


def _only(messages):
    assert len(messages) == 1, [m.subject for m in messages]
    return messages[0]


def _unsubscribe_link(message) -> str:
    [link] = [url for url in links_in(message.body_text) if "/unsubscribe/" in url]
    return link


def _open(policy, days=14, starts_in=None):
    now = utcnow()
    opens = now + starts_in if starts_in else now - timedelta(minutes=1)
    return catalog.open_period(None, policy.current_version, opens, opens + timedelta(days=days))


# Followers --------------------------------------------------------------------------------


def test_new_version_mails_followers_with_a_working_unsubscribe_link(
    client, policy, follower, outbox
):
    bystander = factories.make_user()
    catalog.publish_version(
        None,
        policy,
        catalog.VersionData(2, "Retention cut to 30 days.", {"purpose": "New purpose."}),
        ("purpose",),
    )
    message = _only(outbox("follow_version"))
    assert message.to_address == follower.email
    assert bystander.email not in {m.to_address for m in outbox()}
    assert message.subject == "New version of Drones: version 2"
    assert "Retention cut to 30 days." in message.body_text
    assert f"http://engage.test/policies/{policy.slug}" in message.body_text
    assert "To stop emails about this policy" in message.body_text
    link = _unsubscribe_link(message)
    assert link.startswith("http://engage.test/unsubscribe/")
    assert message.headers["List-Unsubscribe"] == f"<{link}>"
    assert message.headers["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"
    assert client.get(path_of(link)).status_code == 200  # signed out
    assert client.post(path_of(link)).status_code == 200
    assert db.session.scalars(db.select(Subscription)).all() == []


def test_period_opening_mails_followers(policy, follower, outbox):
    _open(policy, days=14)
    message = _only(outbox("follow_period"))
    assert message.subject.startswith("Drones is open for comment until ")
    assert "Comments close" in message.body_text
    assert "/unsubscribe/" in message.body_text


def test_scheduled_period_says_when_it_opens(policy, follower, outbox):
    _open(policy, starts_in=timedelta(days=5))
    message = _only(outbox("follow_period"))
    assert message.subject.startswith("Comments on Drones open ")
    assert "It opens" in message.body_text


def test_extension_mails_followers_with_the_reason(policy, follower, outbox):
    period = _open(policy)
    new_close = period.closes_at + timedelta(days=7)
    catalog.extend_period(None, period, new_close, "Many residents asked for more time.")
    message = outbox("follow_period")[-1]
    assert message.subject.startswith("More time to comment on Drones")
    assert "Many residents asked for more time." in message.body_text
    assert "/unsubscribe/" in message.body_text


def test_closing_early_mails_followers_with_the_reason(policy, follower, outbox):
    period = _open(policy)
    catalog.close_period_early(None, period, "The department withdrew the request.")
    message = outbox("follow_period")[-1]
    assert message.subject == "The comment period on Drones has closed"
    assert "early" in message.body_text
    assert "The department withdrew the request." in message.body_text


def test_unconfirmed_or_unsubscribed_followers_get_nothing(policy, outbox):
    unconfirmed = factories.make_user(confirmed=False)
    follow(unconfirmed, policy)
    _open(policy)
    assert outbox("follow_period") == []


# The closing job --------------------------------------------------------------------------


def _closed_period(policy, hours_ago=1, **fields) -> CommentPeriod:
    now = utcnow()
    closes = now - timedelta(hours=hours_ago)
    period = CommentPeriod(
        version=policy.current_version,
        opens_at=closes - timedelta(days=30),
        closes_at=closes,
        original_closes_at=closes,
        **fields,
    )
    db.session.add(period)
    db.session.flush()
    return period


def test_send_notices_announces_a_closed_period_once(policy, follower, outbox):
    period = _closed_period(policy)
    assert send_close_notices() == {"announced": 1, "marked": 0}
    assert send_close_notices() == {"announced": 0, "marked": 0}
    message = _only(outbox("follow_period"))
    assert message.to_address == follower.email
    assert message.subject == "The comment period on Drones has closed"
    assert "Thank you to everyone who commented." in message.body_text
    assert "/unsubscribe/" in message.body_text
    assert period.close_notice_sent_at is not None


def test_send_notices_leaves_open_periods_alone(policy, follower, outbox):
    period = _open(policy)
    outbox_before = len(outbox())
    assert send_close_notices() == {"announced": 0, "marked": 0}
    assert len(outbox()) == outbox_before
    assert period.close_notice_sent_at is None


def test_send_notices_only_marks_periods_already_announced_or_long_closed(policy, follower, outbox):
    early = _open(policy)
    catalog.close_period_early(None, early, "Withdrawn.")
    stale = _closed_period(factories.make_policy(), hours_ago=24 * 30)
    follow(follower, stale.version.policy)
    before = len(outbox("follow_period"))
    assert send_close_notices() == {"announced": 0, "marked": 2}
    assert len(outbox("follow_period")) == before
    assert early.close_notice_sent_at is not None and stale.close_notice_sent_at is not None


def test_send_notices_command_runs_twice_and_mails_once(app, policy, follower, outbox):
    _closed_period(policy)
    runner = app.test_cli_runner()
    first = runner.invoke(args=["engage", "send-notices"])
    assert first.exit_code == 0, first.output
    assert "periods announced 1" in first.output
    second = runner.invoke(args=["engage", "send-notices"])
    assert "periods announced 0" in second.output
    assert len(outbox("follow_period")) == 1


# Replies and receipts ---------------------------------------------------------------------


def _needs_permalink():
    if not permalink_built():
        pytest.skip("permalink not built yet")


@pytest.fixture
def open_policy(ctx):
    return factories.make_policy(title="Drones", period="open")


def test_reply_notice_goes_to_the_parent_author_with_an_unsubscribe_link(
    client, open_policy, outbox
):
    _needs_permalink()
    parent_author = factories.make_user(display_name="Pat")
    replier = factories.make_user(display_name="Robin")
    parent = post(parent_author, open_policy, "Thirty days is enough.")
    post(replier, open_policy, "I agree with you.", parent=parent)
    message = _only(outbox("comment_reply"))
    assert message.to_address == parent_author.email
    assert message.subject == "Robin replied to your comment on Drones"
    assert "I agree with you." in message.body_text
    assert "/comments/" in message.body_text
    link = _unsubscribe_link(message)
    assert "/unsubscribe/replies/" in link
    assert message.headers["List-Unsubscribe"] == f"<{link}>"
    assert client.post(path_of(link)).status_code == 200  # signed out
    db.session.expire_all()
    assert parent_author.notify_replies is False


def test_no_reply_notice_to_yourself_or_when_turned_off(open_policy, outbox):
    _needs_permalink()
    author = factories.make_user()
    parent = post(author, open_policy, "First thought.")
    post(author, open_policy, "Second thought.", parent=parent)
    assert outbox("comment_reply") == []
    set_reply_notices(author, False)
    post(factories.make_user(), open_policy, "A reply.", parent=parent)
    assert outbox("comment_reply") == []


def test_receipt_mail_has_the_tracking_number(open_policy, outbox):
    _needs_permalink()
    author = factories.make_user()
    comment = post(author, open_policy, "My comment.")
    message = _only(outbox("comment_receipt"))
    assert message.to_address == author.email
    assert comment.tracking_number in message.subject
    assert comment.tracking_number in message.body_text
    assert f"/comments/{comment.id}" in message.body_text


# The templates themselves (independent of the permalink page) -----------------------------


def test_receipt_and_reply_templates_render(open_policy, outbox):
    author, replier = factories.make_user(display_name="Pat"), factories.make_user()
    with signals.comment_posted.muted():
        parent = post(author, open_policy, "Thirty days is enough.")
        reply = post(replier, open_policy, "Agreed.", parent=parent, show_name=False)
    link = "http://engage.test/comments/1"
    receipt = queue_mail(author.email, "comment_receipt", user=author, comment=parent, link=link)
    assert parent.tracking_number in receipt.subject
    assert link in receipt.body_text
    notice = queue_mail(
        author.email,
        "comment_reply",
        user=author,
        comment=reply,
        link=link,
        unsubscribe="http://engage.test/unsubscribe/replies/" + replies_unsubscribe_token(author),
    )
    assert notice.subject == "Anonymous resident replied to your comment on Drones"
    assert "Agreed." in notice.body_text
    assert "To stop emails about replies" in notice.body_text
