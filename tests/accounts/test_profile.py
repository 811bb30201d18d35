import json

from engage.accounts.models import User
from engage.audit import AuditEntry
from engage.extensions import db
from tests import factories


def test_profile_edit_saves_name_neighborhood_language(client, resident, login):
    login(resident)
    response = client.post_form(
        "/account",
        {"display_name": "Dot", "neighborhood": "Dorchester", "preferred_language": "es"},
    )
    assert response.status_code == 302
    user = db.session.get(User, resident.id)
    assert (user.display_name, user.neighborhood, user.preferred_language) == (
        "Dot",
        "Dorchester",
        "es",
    )


def test_profile_refuses_unknown_neighborhood(client, resident, login):
    login(resident)
    response = client.post_form(
        "/account", {"display_name": "Dot", "neighborhood": "Atlantis", "preferred_language": ""}
    )
    assert response.status_code == 200
    assert "Not a valid choice" in response.get_data(as_text=True)
    assert db.session.get(User, resident.id).neighborhood is None


def test_export_downloads_the_account_as_json(client, resident, login):
    login(resident)
    response = client.get("/account/export.json")
    assert response.status_code == 200
    assert "attachment" in response.headers["Content-Disposition"]
    data = json.loads(response.get_data(as_text=True))
    assert data["account"]["email"] == resident.email
    assert "password" not in response.get_data(as_text=True)


def test_delete_needs_the_password_then_erases_the_person(client, resident, login):
    login(resident)
    assert "This cannot be undone" in client.get("/account/delete").get_data(as_text=True)
    wrong = client.post_form("/account/delete", {"password": "wrong-password"})
    assert "That password is not right." in wrong.get_data(as_text=True)
    assert db.session.get(User, resident.id).deleted_at is None
    response = client.post_form("/account/delete", {"password": factories.PASSWORD})
    assert response.status_code == 302
    user = db.session.get(User, resident.id)
    assert user.deleted_at is not None
    assert user.display_name is None and user.public_name is None
    assert "example.org" not in user.email
    assert client.get("/account").status_code == 302
    entry = db.session.scalar(db.select(AuditEntry).where(AuditEntry.action == "account.delete"))
    assert entry.target_id == str(resident.id)
