"""Two moderators decide the same comment at the same moment (PostgreSQL): one wins.

Each decision runs in its own thread, app context, session and connection; a barrier holds
both after their checks and before their writes, so both saw the comment as published. The
data is committed (the threads can't see a test transaction) and removed at the end.
"""

import threading

import pytest
from sqlalchemy import func

from engage.accounts.models import User
from engage.audit import AuditEntry
from engage.comments.models import Comment
from engage.extensions import db
from engage.mail import OutboxMessage
from engage.moderation.models import Action, Decision, Guideline, GuidelineVersion
from engage.moderation.services import decisions
from engage.moderation.services.errors import ModerationError
from engage.policies.models import Department, Policy, Technology
from tests import factories
from tests.moderation.queue_helpers import appeal_route, make_comment, with_guidelines

pytestmark = pytest.mark.no_transaction


def _marks() -> dict:
    return {
        model: db.session.scalar(db.select(func.coalesce(func.max(model.id), 0)))
        for model in (AuditEntry, OutboxMessage, GuidelineVersion)
    }


def _scene() -> dict:
    with_guidelines()
    moderators = [factories.make_user(role="moderator") for _ in range(2)]
    author = factories.make_user()
    comment = make_comment(author=author)
    db.session.commit()
    return {
        "moderators": [m.id for m in moderators],
        "users": [*(m.id for m in moderators), author.id],
        "comment": comment.id,
        "policy": comment.policy_id,
    }


def _remove(scene: dict, marks: dict) -> None:
    db.session.rollback()
    db.session.execute(db.delete(Decision).where(Decision.comment_id == scene["comment"]))
    db.session.execute(db.delete(Comment).where(Comment.id == scene["comment"]))
    policy = db.session.get(Policy, scene["policy"])
    technology = db.session.get(Technology, policy.technology_id)
    department = db.session.get(Department, technology.department_id)
    db.session.delete(policy)
    db.session.flush()
    db.session.delete(technology)
    db.session.delete(department)
    for model in (AuditEntry, OutboxMessage):
        db.session.execute(db.delete(model).where(model.id > marks[model]))
    versions = db.select(GuidelineVersion.id).where(GuidelineVersion.id > marks[GuidelineVersion])
    db.session.execute(db.delete(Guideline).where(Guideline.version_id.in_(versions)))
    db.session.execute(db.delete(GuidelineVersion).where(GuidelineVersion.id.in_(versions)))
    db.session.execute(db.delete(User).where(User.id.in_(scene["users"])))
    db.session.commit()


def _hold_both_before_writing(monkeypatch) -> None:
    barrier = threading.Barrier(2, timeout=20)
    original = decisions._check_passage  # the last check, after the comment's state

    def check_passage(*args, **kwargs):
        barrier.wait()
        return original(*args, **kwargs)

    monkeypatch.setattr(decisions, "_check_passage", check_passage)


def test_two_moderators_at_once_make_one_decision(app, monkeypatch):
    with app.app_context():
        if db.engine.dialect.name != "postgresql":
            pytest.skip("concurrent writers need PostgreSQL")
        appeal_route()
        marks = _marks()
        scene = _scene()
    outcomes = [None, None]
    actions = (Action.HIDE, Action.SPAM)

    def act(n: int) -> None:
        with app.app_context():
            moderator = db.session.get(User, scene["moderators"][n])
            comment = db.session.get(Comment, scene["comment"])
            try:
                decisions.decide(moderator, [comment], actions[n], "harassment")
                db.session.commit()
                outcomes[n] = "decided"
            except ModerationError as error:
                db.session.rollback()
                outcomes[n] = error.code

    try:
        _hold_both_before_writing(monkeypatch)
        threads = [threading.Thread(target=act, args=(n,)) for n in range(2)]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join(timeout=30)
        with app.app_context():
            stored = db.session.scalars(
                db.select(Decision).where(Decision.comment_id == scene["comment"])
            ).all()
            status = db.session.get(Comment, scene["comment"]).status
        assert sorted(outcomes) == ["already", "decided"]
        (decision,) = stored
        assert decision.previous_status == "published"
        assert status == decision.new_status
    finally:
        with app.app_context():
            _remove(scene, marks)
