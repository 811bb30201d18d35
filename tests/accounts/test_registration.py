import re

from engage.accounts.models import User
from engage.extensions import db
from tests import factories


def _link(message) -> str:
    return re.search(r"http://engage\.test(/\S+)", message.body_text).group(1)


def _register(client, **overrides):
    data = {
        "email": "Ana@Example.org",
        "display_name": "Ana",
        "password": "a-long-password",
        "confirm": "a-long-password",
    }
    data.update(overrides)
    return client.post_form("/auth/register", data)


def test_register_stores_an_unconfirmed_resident_and_mails_a_link(client, ctx, outbox):
    response = _register(client)
    assert response.status_code == 200
    assert "Check your email" in response.get_data(as_text=True)
    user = db.session.scalar(db.select(User).where(User.email == "ana@example.org"))
    assert user.role == "resident"
    assert user.email_confirmed_at is None
    assert user.password_hash != "a-long-password"
    (message,) = outbox("confirm_email")
    assert message.to_address == "ana@example.org"
    assert "/auth/confirm/" in message.body_text


def test_confirmation_link_confirms_and_signs_in(client, ctx, outbox):
    _register(client)
    response = client.get(_link(outbox("confirm_email")[0]))
    assert response.status_code == 302
    user = db.session.scalar(db.select(User).where(User.email == "ana@example.org"))
    assert user.email_confirmed_at is not None
    page = client.get("/account").get_data(as_text=True)
    assert "Your account" in page
    assert "Please confirm your email" not in page


def test_forged_confirmation_link_is_refused(client, ctx):
    response = client.get("/auth/confirm/not-a-real-token")
    assert response.status_code == 400
    assert "This confirmation link doesn't work" in response.get_data(as_text=True)


def test_registering_a_taken_email_looks_the_same_and_warns_the_owner(client, ctx, outbox):
    owner = factories.make_user(email="taken@example.org")
    response = _register(client, email="taken@example.org")
    assert response.status_code == 200
    assert "Check your email" in response.get_data(as_text=True)
    assert db.session.scalar(db.select(db.func.count(User.id))) == 1
    (message,) = outbox()
    assert message.kind == "already_registered"
    assert message.to_address == owner.email


def test_invalid_registration_keeps_input_and_explains(client, ctx):
    response = _register(client, email="not-an-email", confirm="different-password")
    page = response.get_data(as_text=True)
    assert response.status_code == 200
    assert "Please correct the following" in page
    assert "Enter an email address like name@example.com." in page
    assert "The two passwords differ." in page
    assert 'value="Ana"' in page
    assert db.session.scalar(db.select(db.func.count(User.id))) == 0


def test_short_password_is_refused(client, ctx):
    page = _register(client, password="short", confirm="short").get_data(as_text=True)
    assert "Use at least 10 characters." in page
    assert db.session.scalar(db.select(db.func.count(User.id))) == 0


def test_registration_without_csrf_token_changes_nothing(client, ctx):
    response = client.post(
        "/auth/register",
        data={
            "email": "x@example.org",
            "display_name": "X",
            "password": "p" * 12,
            "confirm": "p" * 12,
        },
    )
    assert response.status_code == 400
    assert db.session.scalar(db.select(db.func.count(User.id))) == 0


def test_unconfirmed_resident_sees_a_reminder_and_can_resend(client, ctx, login, outbox):
    user = factories.make_user(confirmed=False)
    login(user)
    assert "Please confirm your email address" in client.get("/account").get_data(as_text=True)
    client.post_form("/auth/confirm/resend")
    assert len(outbox("confirm_email")) == 1
