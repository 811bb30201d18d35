"""Locking a thread: no more replies, with a guideline; unlocking; conflicts and permissions."""

import pytest

from engage.comments.models import Comment
from engage.comments.services import CommentData, CommentError, post_comment
from engage.extensions import db
from engage.moderation.services.errors import ModerationError
from engage.moderation.services.threads import lock, unlock
from tests import factories
from tests.moderation.appeal_helpers import (
    comment,
    decisions_of,
    department_policy,
    entries,
    guidelines,
    page,
    reply,
)


@pytest.fixture
def root(ctx):
    guidelines()
    return comment(body="Ninety days is far too long.")


def _lock(client, target, **data):
    form = {"guideline_key": "harassment", "note": "Going in circles."}
    form.update(data)
    return client.post_form(f"/moderation/comments/{target.id}/lock", form)


def _fresh(target) -> Comment:
    db.session.expire_all()
    return db.session.get(Comment, target.id)


def test_a_moderator_locks_a_thread_with_a_reason(client, login, root, moderator):
    login(moderator)
    form = client.get(f"/moderation/comments/{root.id}/lock")
    assert form.status_code == 200 and "Ninety days is far too long." in page(form)
    response = _lock(client, root)
    assert response.status_code == 302
    assert _fresh(root).locked_at is not None
    (decision,) = decisions_of(root)
    assert (decision.action, decision.guideline_key, decision.note) == (
        "lock",
        "harassment",
        "Going in circles.",
    )
    (entry,) = entries("moderation.lock")
    assert (entry.actor_id, entry.reason, entry.target_id) == (
        moderator.id,
        "harassment",
        str(root.id),
    )


def test_a_locked_thread_takes_no_replies(root, moderator):
    lock(moderator, root, "harassment")
    later = reply(root)
    for parent in (root, later):
        with pytest.raises(CommentError) as refused:
            post_comment(
                factories.make_user(), root.policy, CommentData(body="Hi", parent_id=parent.id)
            )
        assert refused.value.code == "locked"


def test_locking_from_a_reply_locks_its_thread(client, login, root, moderator):
    answer = reply(root)
    login(moderator)
    assert _lock(client, answer).status_code == 302
    assert _fresh(root).locked_at is not None and _fresh(answer).locked_at is None


def test_the_service_refuses_a_reply_and_a_second_lock(root, moderator):
    with pytest.raises(ModerationError) as not_root:
        lock(moderator, reply(root), "harassment")
    assert not_root.value.code == "not_root"
    lock(moderator, root, "harassment")
    with pytest.raises(ModerationError) as twice:
        lock(moderator, root, "harassment")
    assert twice.value.code == "already"
    assert len(decisions_of(root)) == 1


def test_locking_twice_through_the_page_changes_nothing(client, login, root, moderator):
    login(moderator)
    _lock(client, root)
    again = _lock(client, root)
    assert again.status_code == 400 and "already locked" in page(again)
    assert len(entries("moderation.lock")) == 1


def test_unlock_lets_replies_in_again(client, login, root, moderator):
    lock(moderator, root, "harassment")
    login(moderator)
    url = f"/moderation/comments/{root.id}/unlock"
    response = client.post_form(url, {"guideline_key": "off_topic", "note": "Calmer now."})
    assert response.status_code == 302
    assert _fresh(root).locked_at is None
    assert entries("moderation.unlock")[0].detail["note"] == "Calmer now."
    assert [d.action for d in decisions_of(root)] == ["lock", "unlock"]
    post_comment(factories.make_user(), root.policy, CommentData(body="Hi", parent_id=root.id))
    with pytest.raises(ModerationError):
        unlock(moderator, root, "harassment")


def test_a_reason_is_required(client, login, root, moderator):
    login(moderator)
    response = _lock(client, root, guideline_key="")
    assert response.status_code == 400
    assert "Choose the guideline this action is based on." in page(response)
    assert _fresh(root).locked_at is None


def test_no_lock_without_csrf(client, login, root, moderator):
    login(moderator)
    response = client.post(
        f"/moderation/comments/{root.id}/lock", data={"guideline_key": "harassment"}
    )
    assert response.status_code == 400
    assert _fresh(root).locked_at is None


def test_conflict_of_interest_is_shown_and_refused(client, login, moderator):
    guidelines()
    own = comment(department_policy(moderator))
    login(moderator)
    shown = client.get(f"/moderation/comments/{own.id}/lock")
    assert shown.status_code == 200 and "Conflict of interest" in page(shown)
    assert _lock(client, own).status_code == 403
    assert _fresh(own).locked_at is None
    with pytest.raises(ModerationError) as refused:
        lock(moderator, own, "harassment")
    assert refused.value.code == "conflict"


@pytest.mark.parametrize("role", ["resident", "staff", "board"])
def test_only_moderators_lock(client, login, root, role):
    login(factories.make_user(role=role))
    assert client.get(f"/moderation/comments/{root.id}/lock").status_code == 403
    assert _lock(client, root).status_code == 403
    unlock_url = f"/moderation/comments/{root.id}/unlock"
    assert client.post_form(unlock_url, {"guideline_key": "harassment"}).status_code == 403
    assert _fresh(root).locked_at is None


def test_admins_lock_and_anonymous_visitors_sign_in_first(client, login, root):
    response = client.get(f"/moderation/comments/{root.id}/lock")
    assert response.status_code == 302 and "/auth/login" in response.location
    login(factories.make_user(role="admin"))
    assert _lock(client, root).status_code == 302


def test_unknown_comment_is_404(client, login, moderator):
    login(moderator)
    assert client.get("/moderation/comments/999999/lock").status_code == 404
