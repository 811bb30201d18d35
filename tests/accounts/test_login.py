from urllib.parse import unquote

from engage.extensions import db
from tests import factories

MISMATCH = "That email and password don&#39;t match an account."


def test_sign_in_and_out(client, resident):
    response = client.post_form(
        "/auth/login", {"email": resident.email.upper(), "password": factories.PASSWORD}
    )
    assert response.status_code == 302
    assert "Signed in as" in client.get("/account").get_data(as_text=True)
    client.post_form("/auth/logout")
    assert client.get("/account").status_code == 302


def test_wrong_password_and_unknown_email_get_the_same_message(client, resident):
    wrong = client.post_form("/auth/login", {"email": resident.email, "password": "nope-nope-nope"})
    unknown = client.post_form(
        "/auth/login", {"email": "nobody@example.org", "password": "nope-nope-nope"}
    )
    assert wrong.status_code == unknown.status_code == 200
    assert MISMATCH in wrong.get_data(as_text=True)
    assert MISMATCH in unknown.get_data(as_text=True)


def test_repeated_failures_are_throttled(app, client, resident):
    for _attempt in range(10):
        client.post_form("/auth/login", {"email": resident.email, "password": "wrong-password"})
    response = client.post_form(
        "/auth/login", {"email": resident.email, "password": factories.PASSWORD}
    )
    assert response.status_code == 429
    assert "Too many attempts" in response.get_data(as_text=True)


def test_next_only_redirects_within_the_site(client, resident):
    data = {"email": resident.email, "password": factories.PASSWORD}
    response = client.post_form("/auth/login?next=https://evil.example/", data)
    assert response.headers["Location"] == "/account"
    client.post_form("/auth/logout")
    response = client.post_form("/auth/login?next=/policies", data)
    assert response.headers["Location"] == "/policies"


def test_disabled_account_cannot_sign_in(client, ctx):
    from engage.types import utcnow

    user = factories.make_user(disabled_at=utcnow())
    response = client.post_form(
        "/auth/login", {"email": user.email, "password": factories.PASSWORD}
    )
    assert MISMATCH in response.get_data(as_text=True)


def test_signed_out_visitor_is_sent_to_sign_in_with_next(client):
    response = client.get("/account")
    assert response.status_code == 302
    assert unquote(response.headers["Location"]).startswith("/auth/login?next=/account")


def test_changing_password_signs_out_other_sessions(app, client, resident, login):
    login(resident)
    other = app.test_client()
    other.post_form("/auth/login", {"email": resident.email, "password": factories.PASSWORD})
    resident.set_password("brand-new-password")
    db.session.flush()
    assert client.get("/account").status_code == 302
    assert other.get("/account").status_code == 302
