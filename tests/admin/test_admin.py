import pytest

from engage import audit
from engage.accounts.models import User
from engage.audit import AppendOnlyError, AuditEntry
from engage.extensions import db
from tests import factories


def _entries(action):
    return db.session.scalars(db.select(AuditEntry).where(AuditEntry.action == action)).all()


def test_admin_lists_and_finds_users(client, admin, login):
    factories.make_user(display_name="Maria Findme", email="maria@example.org")
    login(admin)
    page = client.get("/admin/users?q=findme").get_data(as_text=True)
    assert "Maria Findme" in page
    assert "maria@example.org" in page
    assert "1 account" in page


def test_admin_changes_a_role_and_it_is_audited(client, admin, login):
    user = factories.make_user()
    department = factories.make_department(code="BPD")
    login(admin)
    response = client.post_form(
        f"/admin/users/{user.id}", {"role": "moderator", "department_id": str(department.id)}
    )
    assert response.status_code == 302
    stored = db.session.get(User, user.id)
    assert (stored.role, stored.department_id) == ("moderator", department.id)
    (entry,) = _entries("user.role")
    assert entry.actor_id == admin.id
    assert entry.detail["before"]["role"] == "resident"
    assert entry.detail["after"]["role"] == "moderator"


def test_unknown_role_is_a_form_error(client, admin, login):
    user = factories.make_user()
    login(admin)
    response = client.post_form(f"/admin/users/{user.id}", {"role": "king", "department_id": ""})
    assert response.status_code == 200
    assert "Not a valid choice" in response.get_data(as_text=True)
    assert db.session.get(User, user.id).role == "resident"


def test_the_last_admin_cannot_demote_themselves(client, admin, login):
    login(admin)
    response = client.post_form(
        f"/admin/users/{admin.id}", {"role": "resident", "department_id": ""}
    )
    assert "At least one administrator must remain." in response.get_data(as_text=True)
    assert db.session.get(User, admin.id).role == "admin"


def test_disable_needs_a_reason_and_signs_the_user_out(app, client, admin, login):
    user = factories.make_user()
    other = app.test_client()
    other.post_form("/auth/login", {"email": user.email, "password": factories.PASSWORD})
    login(admin)
    missing = client.post_form(
        f"/admin/users/{user.id}/access", {"action": "disable", "reason": ""}
    )
    assert "This field is required." in missing.get_data(as_text=True)
    assert db.session.get(User, user.id).disabled_at is None
    client.post_form(f"/admin/users/{user.id}/access", {"action": "disable", "reason": "Spam bot"})
    assert db.session.get(User, user.id).disabled_at is not None
    assert _entries("user.disable")[0].reason == "Spam bot"
    assert other.get("/account").status_code == 302


def test_audit_log_page_and_csv(client, admin, login):
    user = factories.make_user()
    login(admin)
    client.post_form(f"/admin/users/{user.id}", {"role": "staff", "department_id": ""})
    page = client.get("/admin/audit?action=user.role").get_data(as_text=True)
    assert "user.role" in page and "resident -&gt; staff" in page
    response = client.get("/admin/audit.csv")
    assert response.mimetype == "text/csv"
    assert "user.role" in response.get_data(as_text=True)


def test_audit_csv_neutralises_spreadsheet_formulas(client, admin, login, ctx):
    audit.record(admin, "test.formula", admin, summary='=HYPERLINK("http://x")')
    db.session.flush()
    login(admin)
    body = client.get("/admin/audit.csv").get_data(as_text=True)
    assert "'=HYPERLINK" in body


def test_audit_entries_cannot_be_changed(ctx, admin):
    entry = audit.record(admin, "test.thing", admin, summary="kept")
    db.session.flush()
    entry.summary = "rewritten"
    with pytest.raises(AppendOnlyError):
        db.session.flush()


def test_audit_entries_cannot_be_deleted(ctx, admin):
    entry = audit.record(admin, "test.thing", admin, summary="kept")
    db.session.flush()
    db.session.delete(entry)
    with pytest.raises(AppendOnlyError):
        db.session.flush()


def test_non_admins_cannot_reach_administration(client, staff, login):
    login(staff)
    for url in (
        "/admin",
        "/admin/users",
        "/admin/audit",
        "/admin/audit.csv",
        f"/admin/users/{staff.id}",
    ):
        assert client.get(url).status_code == 403, url
    assert client.post_form(f"/admin/users/{staff.id}", {"role": "admin"}).status_code == 403
    assert db.session.get(User, staff.id).role == "staff"
