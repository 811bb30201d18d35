import re

from engage.accounts.models import User
from engage.extensions import db
from tests import factories


def _reset_path(message) -> str:
    return re.search(r"http://engage\.test(/auth/reset/\S+)", message.body_text).group(1)


def test_reset_flow_changes_the_password_once(client, resident, outbox):
    response = client.post_form("/auth/forgot", {"email": resident.email})
    assert "If an account uses" in response.get_data(as_text=True)
    path = _reset_path(outbox("reset_password")[0])
    data = {"password": "a-new-password!", "confirm": "a-new-password!"}
    assert client.post_form(path, data).status_code == 302
    user = db.session.get(User, resident.id)
    assert user.check_password("a-new-password!")
    client.post_form("/auth/logout")
    reused = client.post_form(path, {"password": "third-password!", "confirm": "third-password!"})
    assert reused.status_code == 400
    assert db.session.get(User, resident.id).check_password("a-new-password!")


def test_unknown_email_gets_the_same_answer_and_no_mail(client, ctx, outbox):
    response = client.post_form("/auth/forgot", {"email": "nobody@example.org"})
    assert "If an account uses" in response.get_data(as_text=True)
    assert outbox() == []


def test_forged_reset_token_is_refused(client, resident):
    response = client.post_form(
        "/auth/reset/forged", {"password": "a-new-password!", "confirm": "a-new-password!"}
    )
    assert response.status_code == 400
    assert db.session.get(User, resident.id).check_password(factories.PASSWORD)
