"""The demo's moderation decisions: every action shown once, flags left open, idempotent."""

from sqlalchemy import func

from engage.comments.models import Comment, Flag
from engage.demo import load_demo
from engage.extensions import db
from engage.moderation import queries
from engage.moderation.models import Decision


def _decision(key: str, action: str) -> Decision | None:
    return db.session.scalar(
        db.select(Decision)
        .join(Comment, Decision.comment_id == Comment.id)
        .where(Comment.idempotency_key == f"demo:{key}", Decision.action == action)
    )


def _total(model) -> int:
    return db.session.scalar(db.select(func.count()).select_from(model))


def test_demo_shows_each_moderation_action(demo):
    redaction = _decision("drn-04", "redact")
    assert "Savin Hill" in redaction.text_before
    assert "Savin Hill" not in redaction.comment.body_md
    assert "[removed by moderators:" in redaction.comment.body_md
    insult = _decision("queue-insult", "hide")
    assert insult.comment.status == "hidden"
    assert insult.comment.moderation_reason == insult.guideline_key
    assert _decision("queue-off-topic", "hide").comment.status == "hidden"
    assert _decision("queue-advert", "spam").comment.status == "spam"
    approval = _decision("held-link", "approve")
    assert (approval.previous_status, approval.comment.status) == ("held", "published")
    for decision in (redaction, insult, approval):
        assert decision.created_at > decision.comment.created_at
    assert redaction.comment.redacted_at == redaction.created_at


def test_demo_leaves_work_in_the_queue(demo):
    counts = queries.queue_counts()
    assert counts.flagged >= 3
    assert counts.held >= 1
    items, _ = queries.queue_page(queries.QueueFilters(tab="flagged"))
    assert len(items[0].flags) >= 2  # most flags first


def test_demo_decisions_are_not_repeated(demo):
    before = (_total(Decision), _total(Flag), _total(Comment))
    lines = load_demo()
    assert (_total(Decision), _total(Flag), _total(Comment)) == before
    assert any("moderation decisions: 0 created" in line for line in lines)
