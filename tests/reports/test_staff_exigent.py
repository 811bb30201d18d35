"""Staff pages that write exigent-use notices and record their reports."""

from datetime import timedelta
from html import unescape

import pytest

from engage.audit import AuditEntry
from engage.extensions import db
from engage.reports import services
from engage.reports.models import ExigentUse
from tests import factories
from tests.reports.conftest import audit_actions, days_ago, evaluated, local, make_notice


@pytest.fixture
def form(department, technology):
    return {
        "department_id": department.id,
        "technology_id": technology.id,
        "title": "Social media monitoring",
        "started_at": local(days_ago(10)),
        "ended_at": local(days_ago(8)),
        "description": "Used during the *June* protests.",
    }


def notices() -> list[ExigentUse]:
    return list(db.session.scalars(db.select(ExigentUse)))


def staff_urls(notice):
    return [
        "/staff/exigent-use",
        "/staff/exigent-use/new",
        f"/staff/exigent-use/{notice.id}/edit",
        f"/staff/exigent-use/{notice.id}/report",
    ]


# Who may -----------------------------------------------------------------------------------


def test_staff_open_every_page(client, ctx, login, staff, technology):
    notice = make_notice(technology)
    login(staff)
    for url in staff_urls(notice):
        assert client.get(url).status_code == 200, url


@pytest.mark.parametrize("role", ["resident", "moderator", "board"])
def test_other_roles_get_403(client, ctx, login, technology, form, role):
    notice = make_notice(technology)
    login(factories.make_user(role=role))
    for url in staff_urls(notice):
        assert client.get(url).status_code == 403, url
    assert client.post_form("/staff/exigent-use/new", form).status_code == 403
    assert len(notices()) == 1


def test_anonymous_is_sent_to_login(client, ctx, technology):
    for url in staff_urls(make_notice(technology)):
        response = client.get(url)
        assert response.status_code == 302
        assert "/auth/login" in response.headers["Location"]


def test_post_without_csrf_token_is_refused(client, ctx, login, staff, technology, form):
    notice = make_notice(technology)
    login(staff)
    assert client.post("/staff/exigent-use/new", data=form).status_code == 400
    assert client.post(f"/staff/exigent-use/{notice.id}/edit", data=form).status_code == 400
    report = {"outcome": "accepted"}
    assert client.post(f"/staff/exigent-use/{notice.id}/report", data=report).status_code == 400
    assert len(notices()) == 1
    assert notices()[0].outcome == "pending"


def test_unknown_ids_are_404(client, ctx, login, staff):
    login(staff)
    for url in ("/staff/exigent-use/999999/edit", "/staff/exigent-use/999999/report"):
        assert client.get(url).status_code == 404


# Notices -----------------------------------------------------------------------------------


def test_publish_notice(client, ctx, login, staff, form, app):
    login(staff)
    response = client.post_form("/staff/exigent-use/new", form)
    assert response.status_code == 302
    [notice] = notices()
    assert notice.title == "Social media monitoring"
    assert notice.started_at == days_ago(10)
    assert notice.ended_at == days_ago(8)
    assert notice.report_due_at == days_ago(8) + timedelta(days=30)
    assert notice.description_html == "<p>Used during the <em>June</em> protests.</p>"
    assert audit_actions("exigent") == ["exigent.create"]
    public = client.get(f"/exigent-use/{notice.id}").get_data(as_text=True)
    assert "Social media monitoring" in public
    assert "Not yet due" in public


def test_ongoing_use_has_no_due_date(client, ctx, login, staff, form):
    login(staff)
    assert client.post_form("/staff/exigent-use/new", {**form, "ended_at": ""}).status_code == 302
    [notice] = notices()
    assert (notice.ended_at, notice.report_due_at) == (None, None)
    assert "Use ongoing" in client.get("/exigent-use").get_data(as_text=True)


@pytest.mark.parametrize(
    ("changes", "message"),
    [
        ({"started_at": lambda: local(days_ago(-2))}, "can't start in the future"),
        ({"ended_at": lambda: local(days_ago(12))}, "can't end before it started"),
        ({"ended_at": lambda: local(days_ago(-2))}, "can't end in the future"),
        ({"started_at": ""}, "Enter when the use began."),
        ({"started_at": "last Tuesday"}, "Enter a date and time like"),
        ({"title": "   "}, "Give the notice a title."),
        ({"title": "x" * 251}, "Field cannot be longer than 250 characters."),
        ({"department_id": ""}, "Choose a department."),
        ({"technology_id": "999999"}, "Not a valid choice"),
    ],
)
def test_bad_notice_is_refused(client, ctx, login, staff, form, changes, message):
    login(staff)
    response = client.post_form("/staff/exigent-use/new", {**form, **evaluated(changes)})
    assert response.status_code == 400
    html = unescape(response.get_data(as_text=True))
    assert message in html
    assert 'id="error-summary"' in html
    assert "Used during the *June* protests." in html
    assert notices() == []
    assert audit_actions("exigent") == []


def test_edit_notice(client, ctx, login, staff, technology, form):
    notice = make_notice(technology)
    login(staff)
    page = client.get(f"/staff/exigent-use/{notice.id}/edit").get_data(as_text=True)
    assert 'value="Emergency use"' in page
    response = client.post_form(f"/staff/exigent-use/{notice.id}/edit", form)
    assert response.status_code == 302
    db.session.refresh(notice)
    assert notice.title == "Social media monitoring"
    assert notice.report_due_at == days_ago(8) + timedelta(days=30)
    assert audit_actions("exigent") == ["exigent.update"]


def test_bad_edit_changes_nothing(client, ctx, login, staff, technology, form):
    notice = make_notice(technology)
    login(staff)
    changes = {"ended_at": local(days_ago(20))}
    response = client.post_form(f"/staff/exigent-use/{notice.id}/edit", {**form, **changes})
    assert response.status_code == 400
    db.session.refresh(notice)
    assert notice.title == "Emergency use"


def test_due_date_is_fixed_when_the_use_ends(ctx, app, staff, department, technology):
    data = services.ExigentData(
        department.id, technology.id, "Drone flight", days_ago(5), days_ago(4)
    )
    notice = services.save_exigent(staff, data)
    due = notice.report_due_at
    app.config["ENGAGE_EXIGENT_REPORT_DAYS"] = 10
    try:
        data.title = "Drone flight over the harbor"
        services.save_exigent(staff, data, notice)
        assert notice.report_due_at == due  # same end: the old rule's date stands
        data.ended_at = days_ago(3)
        services.save_exigent(staff, data, notice)
        assert notice.report_due_at == days_ago(3) + timedelta(days=10)
    finally:
        app.config["ENGAGE_EXIGENT_REPORT_DAYS"] = 30


# The department's report -------------------------------------------------------------------


def test_record_report_on_time(client, ctx, login, staff, technology):
    notice = make_notice(technology, ended_days_ago=40)
    login(staff)
    received = days_ago(20)
    response = client.post_form(
        f"/staff/exigent-use/{notice.id}/report",
        {"report_received_at": local(received), "outcome": "accepted", "outcome_note": "Fine."},
    )
    assert response.status_code == 302
    db.session.refresh(notice)
    assert (notice.report_received_at, notice.outcome) == (received, "accepted")
    entry = db.session.scalar(db.select(AuditEntry).where(AuditEntry.action == "exigent.report"))
    assert entry.detail == {"outcome": "accepted", "on_time": True}
    public = client.get(f"/exigent-use/{notice.id}").get_data(as_text=True)
    assert "On time" in public
    assert "Accepted" in public
    assert "Fine." in public


def test_record_late_report(client, ctx, login, staff, technology):
    notice = make_notice(technology, ended_days_ago=40)
    login(staff)
    client.post_form(
        f"/staff/exigent-use/{notice.id}/report",
        {"report_received_at": local(days_ago(2)), "outcome": "rejected"},
    )
    db.session.refresh(notice)
    assert notice.outcome == "rejected"
    assert "Late" in client.get("/exigent-use").get_data(as_text=True)


@pytest.mark.parametrize(
    ("changes", "message"),
    [
        ({"report_received_at": lambda: local(days_ago(-1))}, "in the future"),
        ({"report_received_at": lambda: local(days_ago(100))}, "before the use began"),
        ({"report_received_at": "soon"}, "Enter a date and time like"),
        ({"outcome": "vetoed"}, "Not a valid choice"),
        ({"outcome": None}, "Choose an outcome."),
    ],
)
def test_bad_report_is_refused(client, ctx, login, staff, technology, changes, message):
    notice = make_notice(technology, ended_days_ago=40)
    login(staff)
    data = {"report_received_at": local(days_ago(20)), "outcome": "accepted", **evaluated(changes)}
    data["outcome_note"] = "Keep me"
    data = {key: value for key, value in data.items() if value is not None}
    response = client.post_form(f"/staff/exigent-use/{notice.id}/report", data)
    assert response.status_code == 400
    html = unescape(response.get_data(as_text=True))
    assert message in html
    assert "Keep me" in html
    db.session.refresh(notice)
    assert (notice.report_received_at, notice.outcome) == (None, "pending")
    assert audit_actions("exigent") == []


def test_staff_list_counts_overdue_reports(client, ctx, login, staff, technology):
    make_notice(technology, ended_days_ago=45, title="Missing")
    login(staff)
    html = client.get("/staff/exigent-use").get_data(as_text=True)
    assert "1 report is overdue." in html
    assert "Overdue" in html
    assert "/exigent-use?state=overdue" in html


def test_control_characters_are_dropped(client, ctx, login, staff, form):
    login(staff)
    data = {**form, "title": "Drone\x00 flight", "description": "Over\x07 the harbor"}
    assert client.post_form("/staff/exigent-use/new", data).status_code == 302
    [notice] = notices()
    assert (notice.title, notice.description_md) == ("Drone flight", "Over the harbor")


def test_edit_form_shows_local_times(client, ctx, login, staff, technology):
    notice = make_notice(technology)
    login(staff)
    page = client.get(f"/staff/exigent-use/{notice.id}/edit").get_data(as_text=True)
    assert f'value="{local(notice.started_at)}"' in page
    assert f'value="{local(notice.ended_at)}"' in page
