"""The queue: tabs, order, filters, header counts and authors' records."""

from datetime import timedelta

import pytest

from engage.campaigns.models import Campaign
from engage.extensions import db
from engage.moderation import queries
from engage.moderation.models import Action, Decision
from engage.moderation.queries import QueueFilters
from engage.moderation.services.decisions import decide
from engage.types import utcnow
from tests import factories
from tests.moderation.queue_helpers import appeal_route, flag, hit, make_comment, with_guidelines


@pytest.fixture(autouse=True)
def _setup(ctx):
    appeal_route()
    with_guidelines()


@pytest.fixture
def policy(ctx):
    return factories.make_policy(period="open")


def _ids(filters: QueueFilters) -> list[int]:
    items, _pagination = queries.queue_page(filters)
    return [item.comment.id for item in items]


def test_held_tab_lists_held_comments_oldest_first_with_the_rules_that_fired(policy):
    newer = make_comment(policy, status="held", minutes_ago=5)
    older = make_comment(policy, status="held", minutes_ago=50)
    make_comment(policy)  # published: not held
    hit(older, "word_list", "listed word: “idiot”")
    items, _ = queries.queue_page(QueueFilters(tab="held", policy_id=policy.id))
    assert [i.comment.id for i in items] == [older.id, newer.id]
    assert [h.detail for h in items[0].hits] == ["listed word: “idiot”"]
    assert items[1].hits == []


def test_flagged_tab_most_flags_then_oldest_first_with_reasons(policy):
    one_old = make_comment(policy)
    flag(one_old, "spam", minutes_ago=300)
    one_new = make_comment(policy)
    flag(one_new, "hate", minutes_ago=10)
    three = make_comment(policy)
    for reason in ("harassment", "hate", "harassment"):
        flag(three, reason, minutes_ago=5)
    resolved = make_comment(policy)
    flag(resolved).resolved_at = utcnow()
    held = make_comment(policy, status="held")
    flag(held)
    items, _ = queries.queue_page(QueueFilters(tab="flagged", policy_id=policy.id))
    assert [i.comment.id for i in items] == [three.id, one_old.id, one_new.id]
    assert [f.reason for f in items[0].flags] == ["harassment", "hate", "harassment"]


def test_recent_tab_lists_published_comments_of_the_last_week_newest_first(policy):
    old = make_comment(policy, minutes_ago=60 * 24 * 8)
    first = make_comment(policy, minutes_ago=120)
    second = make_comment(policy, minutes_ago=10)
    make_comment(policy, status="hidden", minutes_ago=5)
    ids = _ids(QueueFilters(tab="recent", policy_id=policy.id))
    assert ids == [second.id, first.id]
    assert old.id not in ids


def test_filters_by_policy_rule_reason_and_age(policy):
    other_policy = factories.make_policy(period="open")
    words = make_comment(policy, status="held", minutes_ago=10)
    hit(words, "word_list")
    burst = make_comment(policy, status="held", minutes_ago=60 * 30)
    hit(burst, "burst")
    elsewhere = make_comment(other_policy, status="held")
    assert set(_ids(QueueFilters(policy_id=policy.id))) == {words.id, burst.id}
    assert _ids(QueueFilters(policy_id=other_policy.id)) == [elsewhere.id]
    assert _ids(QueueFilters(policy_id=policy.id, rule="burst")) == [burst.id]
    assert _ids(QueueFilters(policy_id=policy.id, age="hour")) == [words.id]
    assert _ids(QueueFilters(policy_id=policy.id, age="week")) == [burst.id]
    assert _ids(QueueFilters(policy_id=policy.id, age="older")) == []

    spam = make_comment(policy)
    flag(spam, "spam", minutes_ago=60 * 24 * 9)
    hate = make_comment(policy)
    flag(hate, "hate")
    flagged = QueueFilters(tab="flagged", policy_id=policy.id)
    assert _ids(QueueFilters(**{**flagged.__dict__, "reason": "hate"})) == [hate.id]
    assert _ids(QueueFilters(**{**flagged.__dict__, "age": "older"})) == [spam.id]


def test_a_campaign_is_one_item_with_its_waiting_copies_counted(policy):
    campaign = Campaign(policy_id=policy.id, size=3)
    db.session.add(campaign)
    db.session.flush()
    copies = [
        make_comment(policy, status="held", campaign_id=campaign.id, minutes_ago=m)
        for m in (30, 20, 10)
    ]
    alone = make_comment(policy, status="held", minutes_ago=5)
    items, _ = queries.queue_page(QueueFilters(policy_id=policy.id))
    assert [i.comment.id for i in items] == [copies[0].id, alone.id]
    assert items[0].campaign_waiting == 3
    assert items[1].campaign_waiting == 0


def test_pagination(policy):
    for minutes in range(30, 0, -1):
        make_comment(policy, status="held", minutes_ago=minutes)
    items, pagination = queries.queue_page(QueueFilters(policy_id=policy.id), page=2, per_page=25)
    assert len(items) == 5
    assert pagination.total == 30


def test_counts_size_oldest_waiting_and_todays_decisions(policy, moderator):
    make_comment(policy, status="held", minutes_ago=90)
    flagged = make_comment(policy)
    flag(flagged, minutes_ago=300)
    flag(flagged, minutes_ago=20)
    to_hide = make_comment(policy, status="held", minutes_ago=10)
    decide(moderator, [to_hide], Action.HIDE, "harassment")
    old = make_comment(policy)
    [decision] = decide(moderator, [old], Action.HIDE, "harassment")
    decision.created_at = utcnow() - timedelta(days=2)
    db.session.flush()
    counts = queries.queue_counts()
    assert (counts.held, counts.flagged, counts.size) == (1, 1, 2)
    assert counts.oldest_waiting <= utcnow() - timedelta(minutes=299)
    assert counts.decisions_today == 1


def test_authors_record_counts_comments_and_past_decisions(policy, moderator):
    author = factories.make_user()
    hidden = make_comment(policy, author=author)
    decide(moderator, [hidden], Action.HIDE, "harassment")
    make_comment(policy, author=author, status="held")
    make_comment(policy, author=author)
    summary = queries.author_summaries({author.id})[author.id]
    assert summary.by_status == {"hidden": 1, "held": 1, "published": 1}
    assert summary.comments == 3
    assert summary.decisions == {"hide": 1}
    [decision] = queries.previous_decisions(author.id)
    assert decision.comment_id == hidden.id


def test_items_without_an_account_have_no_record(policy):
    make_comment(policy, status="held", author_id=None, author_name="By letter")
    [item] = queries.queue_page(QueueFilters(policy_id=policy.id))[0]
    assert item.author is None


def test_decisions_on_an_item_and_its_flags(policy, moderator):
    comment = make_comment(policy)
    flag(comment, "spam")
    decide(moderator, [comment], Action.APPROVE, "within_guidelines")
    flag(comment, "hate")
    assert [f.reason for f in queries.all_flags(comment)] == ["hate", "spam"]
    assert [d.action for d in queries.decisions_on(comment)] == ["approve"]
    assert db.session.scalars(db.select(Decision)).one().moderator_id == moderator.id
