"""Screening new web comments: pre-moderation, and each rule at the edge of what it holds."""

import sys
from datetime import timedelta
from types import SimpleNamespace

import pytest

from engage.comments.models import CommentStatus
from engage.comments.services import (
    CommentData,
    OfflineComment,
    enter_offline_comment,
    post_comment,
)
from engage.extensions import db
from engage.moderation.models import ModerationRule
from engage.moderation.services.rules import default_rules, update_rule
from engage.moderation.services.screening import listed_words_in
from engage.types import utcnow
from tests import factories
from tests.moderation.rules_helpers import audits, hits, old_user, post, rule, suspend

HELD, PUBLISHED = CommentStatus.HELD.value, CommentStatus.PUBLISHED.value


@pytest.fixture
def policy(ctx):
    return factories.make_policy(period="open")


# Defaults -----------------------------------------------------------------------------------


def test_default_rules_are_created_once(ctx):
    first = default_rules()
    again = default_rules()
    assert sorted(r.kind for r in first) == sorted(
        ["new_account_links", "word_list", "burst", "campaign_match", "recently_suspended"]
    )
    assert [r.id for r in again] == [r.id for r in first]
    assert db.session.scalar(db.select(db.func.count(ModerationRule.id))) == 5
    assert len(audits("moderation.rule_create")) == 5


def test_without_rules_a_post_moderated_comment_is_published(policy):
    comment = post(factories.make_user(), policy, "Visit https://example.com, you idiot.")
    assert comment.status == PUBLISHED
    assert hits(comment) == []


# Pre-moderation -----------------------------------------------------------------------------


def test_pre_moderation_holds_every_web_comment_without_a_rule_hit(policy):
    policy.moderation_mode = "pre"
    comment = post(old_user(), policy, "A perfectly ordinary comment.")
    assert comment.status == HELD
    assert hits(comment) == []
    [entry] = audits("moderation.hold", comment.id)
    assert entry.reason == "pre_moderation"


def test_post_moderation_publishes_an_ordinary_comment_with_every_rule_on(policy):
    default_rules()
    comment = post(old_user(), policy, "A perfectly ordinary comment.")
    assert comment.status == PUBLISHED
    assert audits("moderation.hold") == []


def test_staff_entered_and_official_comments_are_not_screened(policy, staff):
    policy.moderation_mode = "pre"
    rule("word_list", words=["idiot"])
    letter = enter_offline_comment(
        staff,
        policy,
        OfflineComment(body="The chief is an idiot.", channel="letter", received_at=utcnow()),
    )
    response = post_comment(
        staff, policy, CommentData(body="Official: the idiot list is gone."), official=True
    )
    assert letter.status == PUBLISHED
    assert hits(letter) == []
    assert response.status == PUBLISHED
    assert hits(response) == []


# Links from new accounts --------------------------------------------------------------------


@pytest.mark.parametrize(
    ("age", "body", "held"),
    [
        (timedelta(days=7) - timedelta(minutes=1), "See https://example.com/retention", True),
        (timedelta(days=7) + timedelta(minutes=1), "See https://example.com/retention", False),
        (timedelta(days=1), "No link in this one at all.", False),
        (timedelta(days=1), "A bare address: bodycams.example.org counts too", True),
        (timedelta(days=1), "Typed as www.example.net", True),
    ],
)
def test_links_from_new_accounts(policy, age, body, held):
    rule("new_account_links", account_age_days=7)
    author = factories.make_user()
    author.created_at = utcnow() - age
    comment = post(author, policy, body)
    assert (comment.status == HELD) is held
    if held:
        [hit] = hits(comment)
        assert hit.rule_kind == "new_account_links"
        assert "link" in hit.detail and "example" in hit.detail
        [entry] = audits("moderation.rule_hit", comment.id)
        assert entry.reason == "new_account_links"
    else:
        assert hits(comment) == []


# Listed words -------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("body", "held"),
    [
        ("The person who wrote this is an idiot.", True),
        ("IDIOT. That's all.", True),
        ("An idiotic policy, but words can be strong.", False),
        ("Semi-idiot? No: hyphens separate words.", True),
        ("If you publish this, we know   where\nyou live.", True),
        ("We know where they live: in the database.", False),
        ("Une politique qui coûte cher au CAFÉ du coin.", True),
        ("Les cafés du coin.", False),
        ("Это ненависть!", True),
        ("Это ненавистью", False),
    ],
)
def test_listed_words_match_whole_words_in_any_case_and_script(policy, body, held):
    rule("word_list", words=["idiot", "we know where you live", "café", "ненависть"])
    comment = post(old_user(), policy, body)
    assert (comment.status == HELD) is held
    assert len(hits(comment)) == (1 if held else 0)


def test_word_hit_says_which_words(policy):
    rule("word_list", words=["idiot", "moron"])
    comment = post(old_user(), policy, "Idiot and moron, said twice: idiot.")
    [hit] = hits(comment)
    assert hit.detail == "listed words: “idiot”, “moron”"


def test_an_empty_word_list_holds_nothing(ctx):
    assert listed_words_in("anything at all", []) == []
    assert listed_words_in("anything at all", ["  ", ""]) == []


# Bursts -------------------------------------------------------------------------------------


def test_burst_holds_the_comment_over_the_limit(policy):
    rule("burst", max_comments=3, window_minutes=10)
    author = old_user()
    first = [post(author, policy, f"Comment number {n}.") for n in range(3)]
    assert [c.status for c in first] == [PUBLISHED] * 3
    fourth = post(author, policy, "Comment number 4.")
    assert fourth.status == HELD
    [hit] = hits(fourth)
    assert hit.detail == "4 comments in 10 minutes (limit 3)"


def test_burst_counts_only_the_window_and_the_account(policy):
    rule("burst", max_comments=2, window_minutes=10)
    author = old_user()
    earlier = [post(author, policy, f"Earlier {n}.") for n in range(2)]
    for comment in earlier:
        comment.created_at = utcnow() - timedelta(minutes=11)
    post(old_user(), policy, "Someone else.")
    latest = [post(author, policy, f"Now {n}.") for n in range(2)]
    assert [c.status for c in latest] == [PUBLISHED, PUBLISHED]


# Known campaigns ----------------------------------------------------------------------------


@pytest.fixture
def campaigns(monkeypatch):
    """Stand in for engage.campaigns.services.matching_campaign; `found` is what it returns."""
    state = SimpleNamespace(found=None, calls=[])

    def matching_campaign(text, policy):
        state.calls.append((text, policy.id))
        return state.found

    module = SimpleNamespace(matching_campaign=matching_campaign)
    monkeypatch.setitem(sys.modules, "engage.campaigns.services", module)
    return state


@pytest.mark.parametrize(("size", "held"), [(3, True), (2, False), (None, False)])
def test_campaign_match_holds_copies_of_a_known_campaign(policy, campaigns, size, held):
    rule("campaign_match", min_size=3)
    campaigns.found = None if size is None else SimpleNamespace(id=41, size=size)
    comment = post(old_user(), policy, "I oppose the license plate readers.")
    assert campaigns.calls == [("I oppose the license plate readers.", policy.id)]
    assert (comment.status == HELD) is held
    if held:
        assert hits(comment)[0].detail == "matches campaign #41 (3 copies, at least 3)"


def test_campaign_rule_is_skipped_without_the_campaigns_module(policy, monkeypatch):
    monkeypatch.setitem(sys.modules, "engage.campaigns.services", None)  # import fails
    rule("campaign_match", min_size=2)
    assert post(old_user(), policy).status == PUBLISHED


# Recently suspended accounts ----------------------------------------------------------------


@pytest.mark.parametrize(
    ("starts", "ends", "lifted", "held"),
    [
        (40, 29, None, True),  # ended 29 days ago: within 30
        (40, 31, None, False),  # ended 31 days ago
        (60, -10, 2, True),  # lifted 2 days ago
        (60, -10, 31, False),  # lifted 31 days ago
        (20, 15, None, True),  # started and ended within the window
    ],
)
def test_recently_suspended_accounts(policy, starts, ends, lifted, held):
    rule("recently_suspended", within_days=30)
    author = old_user()
    suspend(author, starts, ends, lifted)
    comment = post(author, policy)
    assert (comment.status == HELD) is held


# Rules are data -----------------------------------------------------------------------------


def test_a_disabled_rule_holds_nothing(policy):
    rule("word_list", enabled=False, words=["idiot"])
    assert post(old_user(), policy, "What an idiot.").status == PUBLISHED


def test_rule_edits_take_effect_on_the_next_comment(policy, admin):
    word_rule = rule("word_list", words=["idiot"])
    update_rule(admin, word_rule, True, {"words": ["clown"]})
    assert post(old_user(), policy, "What an idiot.").status == PUBLISHED
    assert post(old_user(), policy, "What a clown.").status == HELD
    update_rule(admin, word_rule, False, {"words": ["clown"]})
    assert post(old_user(), policy, "What a clown.").status == PUBLISHED


def test_several_rules_each_record_a_hit_and_an_audit_entry(policy):
    default_rules()
    for r in db.session.scalars(db.select(ModerationRule)):
        if r.kind == "word_list":
            r.params = {"words": ["idiot"]}
    author = factories.make_user()  # a brand-new account
    comment = post(author, policy, "Read https://example.com, idiot.")
    assert comment.status == HELD
    assert sorted(h.rule_kind for h in hits(comment)) == ["new_account_links", "word_list"]
    assert len(audits("moderation.rule_hit", comment.id)) == 2
    [hold] = audits("moderation.hold", comment.id)
    assert hold.reason == "rule_hit"
