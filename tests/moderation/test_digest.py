"""The moderators' digest: only when items are old, once per window, only what they may take."""

from datetime import timedelta

import pytest

from engage.extensions import db
from engage.mail import OutboxMessage
from engage.moderation.digest import send_digests, waiting_for
from engage.moderation.services.appeals import file_appeal
from engage.types import utcnow
from tests import factories
from tests.moderation.appeal_helpers import comment, department_policy, flag, guidelines, hidden

AFTER = 240  # minutes: the default ENGAGE_MODERATION_DIGEST_AFTER


@pytest.fixture
def moderators(ctx):
    return [factories.make_user(role="moderator") for _ in range(2)]


def _digests(user=None) -> list[OutboxMessage]:
    statement = db.select(OutboxMessage).where(OutboxMessage.kind == "moderation_digest")
    if user is not None:
        statement = statement.where(OutboxMessage.to_address == user.email)
    return list(db.session.scalars(statement.order_by(OutboxMessage.id)))


def test_the_delay_is_configured_with_a_default(app):
    assert app.config["ENGAGE_MODERATION_DIGEST_AFTER"] == AFTER


def test_no_digest_while_items_are_recent(moderators):
    comment(status="held", minutes_ago=AFTER - 10)
    flag(comment(), minutes_ago=AFTER - 10)
    assert send_digests()["sent"] == 0
    assert _digests() == []


def test_every_moderator_hears_about_old_items_once_per_window(moderators):
    comment(status="held", minutes_ago=AFTER + 5)
    comment(status="held", minutes_ago=AFTER + 90)
    flag(comment(), minutes_ago=AFTER + 1)
    flag(comment(), minutes_ago=AFTER + 1, resolved=True)  # dealt with: not counted
    assert send_digests() == {"sent": 2, "recent": 0, "nothing": 0}
    for moderator in moderators:
        (mail,) = _digests(moderator)
        assert "3 items waiting longer than 4 hours" in mail.subject
        assert "2 held comments waiting for approval" in mail.body_text
        assert "1 flagged comment waiting for review" in mail.body_text
        assert "http://engage.test/moderation" in mail.body_text
    comment(status="held", minutes_ago=AFTER + 30)
    assert send_digests() == {"sent": 0, "recent": 2, "nothing": 0}
    assert send_digests(now=utcnow() + timedelta(minutes=AFTER - 5))["sent"] == 0
    assert send_digests(now=utcnow() + timedelta(minutes=AFTER + 1))["sent"] == 2
    assert len(_digests()) == 4


def test_pending_appeals_count_except_for_the_moderator_who_decided(moderators):
    first, second = moderators
    author = factories.make_user()
    _comment, decision = hidden(first, author)
    appeal = file_appeal(author, decision, "Please look again.")
    appeal.created_at = utcnow() - timedelta(minutes=AFTER + 1)
    db.session.flush()
    assert waiting_for(first).appeals == 0
    assert waiting_for(second).appeals == 1
    send_digests()
    assert _digests(first) == []
    (mail,) = _digests(second)
    assert "1 appeal waiting for a second moderator" in mail.body_text
    assert "http://engage.test/moderation/appeals" in mail.body_text


def test_items_on_their_own_departments_policies_are_left_out(moderators):
    conflicted, other = moderators
    guidelines()
    comment(department_policy(conflicted), status="held", minutes_ago=AFTER + 5)
    assert waiting_for(conflicted).held == 0 and waiting_for(other).held == 1
    assert send_digests() == {"sent": 1, "recent": 0, "nothing": 1}
    assert _digests(conflicted) == []


def test_the_oldest_item_is_named(moderators):
    comment(status="held", minutes_ago=AFTER + 600)
    waiting = waiting_for(moderators[0])
    assert utcnow() - waiting.oldest >= timedelta(minutes=AFTER + 599)
    send_digests()
    assert "The oldest has waited since" in _digests(moderators[0])[0].body_text


def test_residents_and_disabled_moderators_get_nothing(ctx):
    resident = factories.make_user()
    disabled = factories.make_user(role="moderator", disabled_at=utcnow())
    comment(status="held", minutes_ago=AFTER + 5)
    send_digests()
    assert _digests(resident) == [] and _digests(disabled) == []


def test_the_command_queues_and_reports(app, moderators):
    comment(status="held", minutes_ago=AFTER + 5)
    result = app.test_cli_runner().invoke(args=["engage", "moderation-digest"])
    assert result.exit_code == 0, result.output
    assert "digests queued 2" in result.output
    again = app.test_cli_runner().invoke(args=["engage", "moderation-digest"])
    assert "digests queued 0, already mailed within the window 2" in again.output
