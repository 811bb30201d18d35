"""One form, one comment: a double click, a refresh or a retry never makes a second comment."""

import re
import threading

import pytest

from engage.accounts.models import User
from engage.audit import AuditEntry
from engage.comments.models import Comment
from engage.comments.services import posting
from engage.extensions import db
from engage.mail import OutboxMessage
from engage.policies.models import Department, Policy, Technology
from tests import factories
from tests.comments.helpers_thread import comments_of, form, open_policy, text

TOKEN = re.compile(r'name="token" type="hidden" value="([^"]+)"')


@pytest.fixture
def policy(ctx):
    return open_policy()


def test_each_rendered_form_carries_a_new_token(client, policy):
    first = TOKEN.search(text(client.get(f"/policies/{policy.slug}"))).group(1)
    second = TOKEN.search(text(client.get(f"/policies/{policy.slug}"))).group(1)
    assert first != second
    assert len(first) >= 16


def test_submitting_the_same_form_twice_makes_one_comment(client, login, policy, outbox):
    login(factories.make_user())
    data = form("Posted once, whatever the button says.")
    url = f"/policies/{policy.slug}/comments"
    first = client.post_form(url, data)
    again = client.post_form(url, data)
    assert first.status_code == again.status_code == 303
    assert first.location == again.location
    [comment] = comments_of(policy)
    assert first.location.endswith(f"/comments/{comment.id}/posted#receipt")
    assert len(outbox("comment_receipt")) == 1
    receipt = text(client.get(again.location))
    assert comment.tracking_number in receipt


def test_a_refused_form_can_be_fixed_and_sent_with_the_same_token(client, login, policy):
    login(factories.make_user())
    data = form("", token="fixed-token-0123456789")
    assert client.post_form(f"/policies/{policy.slug}/comments", data).status_code == 400
    data["body"] = "Now with words."
    response = client.post_form(f"/policies/{policy.slug}/comments", data)
    assert response.status_code == 303
    assert [c.body_md for c in comments_of(policy)] == ["Now with words."]


def test_two_different_forms_make_two_comments(client, login, policy):
    login(factories.make_user())
    for _ in range(2):
        client.post_form(f"/policies/{policy.slug}/comments", form("Same words, new form."))
    assert len(comments_of(policy)) == 2


def test_the_same_token_from_two_people_makes_two_comments(app, policy):
    data = form("Copied form.", token="shared-token-0123456789")
    for _ in range(2):
        client = app.test_client()
        user = factories.make_user()
        client.post_form("/auth/login", {"email": user.email, "password": factories.PASSWORD})
        assert client.post_form(f"/policies/{policy.slug}/comments", data).status_code == 303
    assert len(comments_of(policy)) == 2


def test_a_mangled_token_does_not_break_posting(client, login, policy):
    login(factories.make_user())
    response = client.post_form(
        f"/policies/{policy.slug}/comments", form("Odd token.", token="x" * 500)
    )
    assert response.status_code == 303
    assert len(comments_of(policy)) == 1


# Two truly concurrent submissions (PostgreSQL) -------------------------------------------------


def _committed_fixtures():
    """A user and an open policy, committed so that other connections see them."""
    start = db.session.scalar(db.select(db.func.max(AuditEntry.id))) or 0
    user = factories.make_user()
    policy = open_policy()
    db.session.commit()
    return user, policy, start


def _clean_up(user_id: int, policy_id: int, audit_start: int, email: str) -> None:
    db.session.rollback()
    policy = db.session.get(Policy, policy_id)
    technology = db.session.get(Technology, policy.technology_id)
    department = db.session.get(Department, technology.department_id)
    db.session.execute(db.delete(Comment).where(Comment.policy_id == policy_id))
    db.session.execute(db.delete(OutboxMessage).where(OutboxMessage.to_address == email))
    db.session.execute(db.delete(AuditEntry).where(AuditEntry.id > audit_start))
    db.session.delete(policy)
    db.session.flush()
    db.session.delete(technology)
    db.session.delete(department)
    db.session.execute(db.delete(User).where(User.id == user_id))
    db.session.commit()


def _race_after_the_first_check(monkeypatch, parties: int) -> None:
    """Hold each request after its duplicate check until all have checked: a true race."""
    barrier = threading.Barrier(parties, timeout=20)
    checked = threading.local()
    original = posting.existing_submission

    def existing_submission(author, key):
        found = original(author, key)
        if not getattr(checked, "done", False):
            checked.done = True
            barrier.wait()
        return found

    monkeypatch.setattr(posting, "existing_submission", existing_submission)


@pytest.mark.no_transaction
def test_two_concurrent_submissions_of_one_form_make_one_comment(app, monkeypatch):
    with app.app_context():
        if db.engine.dialect.name != "postgresql":
            pytest.skip("concurrent writers need PostgreSQL")
        user, policy, audit_start = _committed_fixtures()
        ids = (user.id, policy.id, audit_start, user.email)
        url = f"/policies/{policy.slug}/comments"
    try:
        _post_twice_at_once(app, monkeypatch, url, ids[3])
        with app.app_context():
            stored = db.session.scalars(db.select(Comment).where(Comment.policy_id == ids[1])).all()
            receipts = db.session.scalars(
                db.select(OutboxMessage).where(
                    OutboxMessage.to_address == ids[3], OutboxMessage.kind == "comment_receipt"
                )
            ).all()
        assert len(stored) == 1
        assert len(receipts) == 1
    finally:
        with app.app_context():
            _clean_up(*ids)


def _post_twice_at_once(app, monkeypatch, url: str, email: str) -> None:
    """Two browsers of one person send the same form at the same moment."""
    clients = [app.test_client() for _ in range(2)]
    with app.app_context():
        for client in clients:
            client.post_form("/auth/login", {"email": email, "password": factories.PASSWORD})
    data = form("Sent twice at the same moment.", token="race-token-0123456789")
    _race_after_the_first_check(monkeypatch, 2)
    responses = [None, None]

    def send(n):
        with app.app_context():
            responses[n] = clients[n].post_form(url, data)

    threads = [threading.Thread(target=send, args=(n,)) for n in range(2)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=30)
    assert [r.status_code for r in responses] == [303, 303]
    assert responses[0].location == responses[1].location
