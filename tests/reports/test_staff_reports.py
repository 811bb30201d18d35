"""Staff pages that write annual reports: reports, their technologies, data-sharing lines."""

from decimal import Decimal
from html import unescape

import pytest

from engage.extensions import db
from engage.reports import services
from engage.reports.models import AnnualReport, DataSharingEntry, ReportEntry
from tests import factories
from tests.reports.conftest import audit_actions, last_year

ENTRY_FORM = {
    "usage": "Read plates at 12 sites.",
    "captured_non_suspects": "no",
    "non_suspect_notes": "",
    "complaint_count": "3",
    "complaints": "About retention.",
    "audits": "One audit.",
    "violation_count": "1",
    "violations": "One misuse; the officer was suspended.",
    "cost": "$1,250.75",
    "funding_source": "General fund",
}


def count(model) -> int:
    return db.session.scalar(db.select(db.func.count()).select_from(model))


def staff_urls(report):
    entry = report.entries[0]
    return [
        "/staff/reports",
        "/staff/reports/new",
        f"/staff/reports/{report.id}",
        f"/staff/reports/{report.id}/edit",
        f"/staff/reports/{report.id}/entries/new",
        f"/staff/reports/entries/{entry.id}",
        f"/staff/reports/sharing/{entry.sharing[0].id}/remove",
    ]


# Who may -----------------------------------------------------------------------------------


def test_staff_open_every_page(client, ctx, login, staff, full_report):
    login(staff)
    for url in staff_urls(full_report):
        response = client.get(url)
        assert response.status_code == 200, url
        assert "<h1>" in response.get_data(as_text=True)


@pytest.mark.parametrize("role", ["resident", "moderator", "board"])
def test_other_roles_get_403(client, ctx, login, full_report, role):
    login(factories.make_user(role=role))
    for url in staff_urls(full_report):
        assert client.get(url).status_code == 403, url
    response = client.post_form("/staff/reports/new", {"department_id": "1", "year": "2020"})
    assert response.status_code == 403
    assert count(AnnualReport) == 1


def test_admin_may(client, ctx, login, admin, full_report):
    login(admin)
    assert client.get("/staff/reports").status_code == 200


def test_anonymous_is_sent_to_login(client, ctx, full_report):
    for url in staff_urls(full_report):
        response = client.get(url)
        assert response.status_code == 302, url
        assert "/auth/login" in response.headers["Location"]


def test_post_without_csrf_token_is_refused(client, ctx, login, staff, department, full_report):
    login(staff)
    entry = full_report.entries[0]
    posts = {
        "/staff/reports/new": {"department_id": department.id, "year": last_year() - 1},
        f"/staff/reports/{full_report.id}/edit": {"department_id": department.id, "year": "2001"},
        f"/staff/reports/entries/{entry.id}/sharing": {
            "recipient": "x",
            "data_type": "y",
            "legal_standard": "z",
        },
        f"/staff/reports/sharing/{entry.sharing[0].id}/remove": {},
    }
    for url, data in posts.items():
        assert client.post(url, data=data).status_code == 400, url
    assert count(AnnualReport) == 1
    assert count(DataSharingEntry) == 2


def test_unknown_ids_are_404(client, ctx, login, staff):
    login(staff)
    for url in (
        "/staff/reports/999999",
        "/staff/reports/999999/edit",
        "/staff/reports/999999/entries/new",
        "/staff/reports/entries/999999",
        "/staff/reports/sharing/999999/remove",
    ):
        assert client.get(url).status_code == 404, url
    assert client.post_form("/staff/reports/entries/999999/sharing", {}).status_code == 404


# Reports -----------------------------------------------------------------------------------


def test_list_shows_reports(client, ctx, login, staff, full_report):
    login(staff)
    html = client.get("/staff/reports").get_data(as_text=True)
    assert f"/staff/reports/{full_report.id}" in html
    assert f"Boston Police Department, {last_year()}" in html


def test_create_report(client, ctx, login, staff, department):
    login(staff)
    response = client.post_form(
        "/staff/reports/new",
        {"department_id": department.id, "year": str(last_year()), "summary": "A *quiet* year."},
    )
    assert response.status_code == 302
    report = db.session.scalar(db.select(AnnualReport))
    assert response.headers["Location"].endswith(f"/staff/reports/{report.id}")
    assert (report.department_id, report.year) == (department.id, last_year())
    assert report.summary_html == "<p>A <em>quiet</em> year.</p>"
    assert audit_actions("report") == ["report.create"]
    page = client.get(response.headers["Location"]).get_data(as_text=True)
    assert "The report is saved." in page


@pytest.mark.parametrize(
    ("year", "message"),
    [
        ("next", "hasn't happened yet"),
        ("1850", "four-digit year"),
        ("twenty", "Not a valid integer value."),
        ("", "Enter the year, like 2025."),
    ],
)
def test_bad_year_is_refused(client, ctx, login, staff, department, year, message):
    login(staff)
    if year == "next":
        year = str(services.current_year() + 1)
    response = client.post_form(
        "/staff/reports/new",
        {"department_id": department.id, "year": year, "summary": "Keep this text"},
    )
    assert response.status_code == 400
    html = unescape(response.get_data(as_text=True))
    assert message in html
    assert 'id="error-summary"' in html
    assert "Keep this text" in html
    assert count(AnnualReport) == 0
    assert audit_actions() == []


def test_duplicate_department_and_year(client, ctx, login, staff, department, full_report):
    login(staff)
    response = client.post_form(
        "/staff/reports/new", {"department_id": department.id, "year": str(last_year())}
    )
    assert response.status_code == 400
    assert "already has a report for that year" in response.get_data(as_text=True)
    assert count(AnnualReport) == 1


def test_missing_or_unknown_department(client, ctx, login, staff):
    login(staff)
    for value, message in (("", "Choose a department."), ("999999", "Not a valid choice")):
        response = client.post_form(
            "/staff/reports/new", {"department_id": value, "year": str(last_year())}
        )
        assert response.status_code == 400
        assert message in response.get_data(as_text=True)
    assert count(AnnualReport) == 0


def test_edit_report(client, ctx, login, staff, department, full_report):
    login(staff)
    page = client.get(f"/staff/reports/{full_report.id}/edit").get_data(as_text=True)
    assert "The **year** in review." in page
    response = client.post_form(
        f"/staff/reports/{full_report.id}/edit",
        {"department_id": department.id, "year": str(last_year() - 1), "summary": "New"},
    )
    assert response.status_code == 302
    db.session.refresh(full_report)
    assert (full_report.year, full_report.summary_md) == (last_year() - 1, "New")
    assert audit_actions("report.update") == ["report.update"]


def test_edit_report_onto_another_year_taken(client, ctx, login, staff, department, full_report):
    services.save_report(staff, services.ReportData(department.id, last_year() - 1))
    login(staff)
    response = client.post_form(
        f"/staff/reports/{full_report.id}/edit",
        {"department_id": department.id, "year": str(last_year() - 1), "summary": "Changed"},
    )
    assert response.status_code == 400
    db.session.refresh(full_report)
    assert full_report.year == last_year()
    assert full_report.summary_md == "The **year** in review."


def test_management_page_lists_entries(client, ctx, login, staff, full_report):
    login(staff)
    html = client.get(f"/staff/reports/{full_report.id}").get_data(as_text=True)
    entry = full_report.entries[0]
    assert f"/staff/reports/entries/{entry.id}" in html
    assert "Edit License plate readers" in html
    assert "$125,000.50" in html
    assert f"/staff/reports/{full_report.id}/entries/new" in html


# Entries -----------------------------------------------------------------------------------


def test_entry_form_offers_the_departments_technologies_first(
    client, ctx, login, staff, department, technology
):
    other = factories.make_technology(name="Drones")
    report = services.save_report(staff, services.ReportData(department.id, last_year()))
    login(staff)
    html = client.get(f"/staff/reports/{report.id}/entries/new").get_data(as_text=True)
    own = html.index("This department&#39;s technologies")
    assert own < html.index("License plate readers") < html.index("Other departments")
    assert html.index("Other departments") < html.index(other.name)


def test_add_entry(client, ctx, login, staff, department, technology):
    report = services.save_report(staff, services.ReportData(department.id, last_year()))
    login(staff)
    data = {**ENTRY_FORM, "technology_id": technology.id}
    response = client.post_form(f"/staff/reports/{report.id}/entries/new", data)
    assert response.status_code == 302
    entry = db.session.scalar(db.select(ReportEntry))
    assert response.headers["Location"].endswith(f"/staff/reports/entries/{entry.id}")
    assert entry.cost == Decimal("1250.75")
    assert (entry.complaint_count, entry.violation_count) == (3, 1)
    assert entry.captured_non_suspects == "no"
    assert entry.violations_html == "<p>One misuse; the officer was suspended.</p>"
    assert entry.funding_source == "General fund"
    assert audit_actions("report.entry") == ["report.entry.create"]


def test_empty_counts_and_cost_mean_zero_and_not_reported(
    client, ctx, login, staff, department, technology
):
    report = services.save_report(staff, services.ReportData(department.id, last_year()))
    login(staff)
    data = {
        **ENTRY_FORM,
        "technology_id": technology.id,
        "complaint_count": "",
        "violation_count": "",
        "cost": "",
    }
    assert client.post_form(f"/staff/reports/{report.id}/entries/new", data).status_code == 302
    entry = db.session.scalar(db.select(ReportEntry))
    assert (entry.complaint_count, entry.violation_count, entry.cost) == (0, 0, None)


@pytest.mark.parametrize(
    ("changes", "message"),
    [
        ({"complaint_count": "-1"}, "Enter a whole number, 0 or more."),
        ({"violation_count": "-4"}, "Enter a whole number, 0 or more."),
        ({"complaint_count": "99999999999"}, "Enter a whole number, 0 or more."),
        ({"complaint_count": "three"}, "Not a valid integer value."),
        ({"cost": "-5"}, "Enter an amount of 0 or more."),
        ({"cost": "lots"}, "Enter an amount in dollars"),
        ({"cost": "NaN"}, "Enter an amount in dollars"),
        ({"cost": "Infinity"}, "Enter an amount in dollars"),
        ({"cost": "1e20"}, "Enter an amount of 0 or more."),
        ({"captured_non_suspects": "maybe"}, "Not a valid choice"),
        ({"captured_non_suspects": None}, "Choose yes, no or unknown."),
        ({"technology_id": "999999"}, "Not a valid choice"),
        ({"technology_id": ""}, "Choose a technology."),
        ({"funding_source": "x" * 301}, "Field cannot be longer than 300 characters."),
    ],
)
def test_bad_entry_is_refused(client, ctx, login, staff, department, technology, changes, message):
    report = services.save_report(staff, services.ReportData(department.id, last_year()))
    login(staff)
    data = {**ENTRY_FORM, "technology_id": technology.id, **changes}
    data = {key: value for key, value in data.items() if value is not None}
    response = client.post_form(f"/staff/reports/{report.id}/entries/new", data)
    assert response.status_code == 400
    html = response.get_data(as_text=True)
    assert message in html
    assert "Read plates at 12 sites." in html  # the typed text is kept
    assert count(ReportEntry) == 0
    assert audit_actions("report.entry") == []


def test_same_technology_twice_is_refused(client, ctx, login, staff, full_report, technology):
    login(staff)
    data = {**ENTRY_FORM, "technology_id": technology.id}
    response = client.post_form(f"/staff/reports/{full_report.id}/entries/new", data)
    assert response.status_code == 400
    assert "already covers that technology" in response.get_data(as_text=True)
    assert count(ReportEntry) == 1


def test_edit_entry(client, ctx, login, staff, full_report, technology):
    entry = full_report.entries[0]
    login(staff)
    page = client.get(f"/staff/reports/entries/{entry.id}").get_data(as_text=True)
    assert "Used at *12 fixed sites*." in page
    assert 'value="125000.50"' in page
    data = {**ENTRY_FORM, "technology_id": technology.id, "cost": "", "complaint_count": "9"}
    response = client.post_form(f"/staff/reports/entries/{entry.id}", data)
    assert response.status_code == 302
    assert response.headers["Location"].endswith(f"/staff/reports/{full_report.id}")
    db.session.refresh(entry)
    assert (entry.cost, entry.complaint_count) == (None, 9)
    assert audit_actions("report.entry.update") == ["report.entry.update"]


def test_bad_edit_changes_nothing(client, ctx, login, staff, full_report, technology):
    entry = full_report.entries[0]
    login(staff)
    data = {**ENTRY_FORM, "technology_id": technology.id, "violation_count": "-1"}
    response = client.post_form(f"/staff/reports/entries/{entry.id}", data)
    assert response.status_code == 400
    db.session.refresh(entry)
    assert entry.violation_count == 2


# Data-sharing lines ------------------------------------------------------------------------

SHARING = {
    "recipient": "Suffolk County DA",
    "data_type": "Video",
    "legal_standard": "Court order",
    "justification": "Homicide case",
    "count": "3",
}


def test_add_sharing_line(client, ctx, login, staff, full_report):
    entry = full_report.entries[0]
    login(staff)
    response = client.post_form(f"/staff/reports/entries/{entry.id}/sharing", SHARING)
    assert response.status_code == 302
    assert response.headers["Location"].endswith(f"/staff/reports/entries/{entry.id}#sharing")
    line = db.session.scalar(db.select(DataSharingEntry).order_by(DataSharingEntry.id.desc()))
    assert (line.recipient, line.count, line.justification) == (
        "Suffolk County DA",
        3,
        "Homicide case",
    )
    assert "report.sharing.create" in audit_actions()
    html = client.get(f"/reports/BPD/{last_year()}").get_data(as_text=True)
    assert "Suffolk County DA" in html


@pytest.mark.parametrize(
    ("changes", "message"),
    [
        ({"recipient": ""}, "Name who received the data."),
        ({"data_type": "  "}, "Say what kind of data."),
        ({"legal_standard": ""}, "Name the legal standard."),
        ({"count": "-2"}, "Enter a whole number, 0 or more."),
        ({"count": "two"}, "Not a valid integer value."),
        ({"recipient": "x" * 251}, "Field cannot be longer than 250 characters."),
    ],
)
def test_bad_sharing_line_is_refused(client, ctx, login, staff, full_report, changes, message):
    entry = full_report.entries[0]
    login(staff)
    response = client.post_form(
        f"/staff/reports/entries/{entry.id}/sharing", {**SHARING, **changes}
    )
    assert response.status_code == 400
    html = response.get_data(as_text=True)
    assert message in html
    assert "Homicide case" in html
    assert count(DataSharingEntry) == 2


def test_remove_sharing_line_after_confirmation(client, ctx, login, staff, full_report):
    entry = full_report.entries[0]
    line = entry.sharing[0]
    login(staff)
    page = client.get(f"/staff/reports/sharing/{line.id}/remove").get_data(as_text=True)
    assert "Remove this data-sharing line?" in page
    assert "Massachusetts State Police" in page
    assert count(DataSharingEntry) == 2  # asking changes nothing
    response = client.post_form(f"/staff/reports/sharing/{line.id}/remove", {})
    assert response.status_code == 302
    assert count(DataSharingEntry) == 1
    assert audit_actions("report.sharing.delete") == ["report.sharing.delete"]
