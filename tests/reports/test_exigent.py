"""The public exigent-use pages: the list with its filters, and a notice's page."""

from datetime import timedelta

import pytest

from engage.forms import city_zone
from engage.reports import queries
from engage.types import utcnow
from tests import factories
from tests.reports.conftest import make_notice, ongoing_notice
from tests.reports.test_public_reports import text_of


@pytest.fixture
def notices(technology):
    """One notice in each state of its report."""
    return {
        "on_time": make_notice(technology, ended_days_ago=40, received_days_ago=15, title="Fine"),
        "late": make_notice(technology, ended_days_ago=60, received_days_ago=5, title="Tardy"),
        "overdue": make_notice(technology, ended_days_ago=45, title="Missing"),
        "not_due": make_notice(technology, ended_days_ago=3, title="Recent"),
        "ongoing": ongoing_notice(technology),
    }


def row_of(html: str, title: str) -> str:
    start = html.index(f">{title}</a>")
    return html[start : html.index("</tr>", start)]


def test_list_shows_each_state_in_words(client, ctx, notices):
    response = client.get("/exigent-use")
    assert response.status_code == 200
    html = response.get_data(as_text=True)
    assert "Report" in html and "Council outcome" in html
    assert "On time" in row_of(html, "Fine")
    assert "Late" in row_of(html, "Tardy")
    assert "Overdue" in row_of(html, "Missing")
    assert "Not yet due" in row_of(html, "Recent")
    assert "Use ongoing" in row_of(html, "Still going")
    assert "30 days after the use ends" in row_of(html, "Still going")
    assert "Pending" in row_of(html, "Fine")
    assert "5 notices" in text_of(response)


def test_list_shows_dates_and_due_date(client, ctx, technology):
    notice = make_notice(technology, ended_days_ago=10, title="Dated")
    row = row_of(client.get("/exigent-use").get_data(as_text=True), "Dated")
    due = notice.report_due_at.astimezone(city_zone())  # shown in the city's calendar
    assert str(due.year) in row
    assert f"{due.day}, {due.year}" in row  # e.g. "March 14, 2026"
    assert " to " in row
    assert "License plate readers" in row
    assert "Boston Police Department" in row


@pytest.mark.parametrize(
    ("state", "shown", "hidden"),
    [
        ("overdue", "Missing", "Fine"),
        ("on_time", "Fine", "Tardy"),
        ("late", "Tardy", "Missing"),
        ("not_due", "Recent", "Missing"),
        ("ongoing", "Still going", "Recent"),
    ],
)
def test_filter_by_state(client, ctx, notices, state, shown, hidden):
    html = client.get(f"/exigent-use?state={state}").get_data(as_text=True)
    assert f">{shown}</a>" in html
    assert f">{hidden}</a>" not in html


def test_filter_by_department(client, ctx, notices):
    other = factories.make_technology(factories.make_department(code="BPS", name="Schools"))
    make_notice(other, title="School cameras")
    html = client.get("/exigent-use?department=bps").get_data(as_text=True)
    assert ">School cameras</a>" in html
    assert ">Missing</a>" not in html
    html = client.get("/exigent-use?department=BPD&state=overdue").get_data(as_text=True)
    assert ">Missing</a>" in html
    assert ">School cameras</a>" not in html


def test_bad_filters_are_ignored(client, ctx, notices):
    response = client.get("/exigent-use?state=nonsense&department=%00&page=-3")
    assert response.status_code == 200
    assert ">Missing</a>" in response.get_data(as_text=True)


def test_empty_list(client, ctx):
    response = client.get("/exigent-use")
    assert response.status_code == 200
    assert "No emergency use has been reported." in response.get_data(as_text=True)


def test_detail_page(client, ctx, technology):
    notice = make_notice(
        technology,
        ended_days_ago=50,
        received_days_ago=10,
        title="Social media monitoring",
        description_html="<p>Three tools were used.</p>",
        outcome="rejected",
        outcome_note="The Council rejected the report.",
    )
    response = client.get(f"/exigent-use/{notice.id}")
    assert response.status_code == 200
    text = text_of(response)
    assert "<p>Three tools were used.</p>" in response.get_data(as_text=True)
    assert "Social media monitoring" in text
    assert "Late" in text
    assert "Rejected" in text
    assert "The Council rejected the report." in text
    assert f"{notice.report_due_at.year}" in text


def test_report_state_agrees_in_python_and_sql(ctx, notices):
    for state in queries.ReportState:
        found = ctx_scalars(queries.exigent_notices(state=state))
        expected = [n for n in notices.values() if queries.report_state(n) == state]
        assert sorted(n.id for n in found) == sorted(n.id for n in expected), state


def test_due_date_boundary(ctx, technology):
    notice = make_notice(technology, ended_days_ago=30)
    notice.report_due_at = utcnow() + timedelta(minutes=5)
    assert queries.report_state(notice) == queries.ReportState.NOT_DUE
    notice.report_received_at = notice.report_due_at
    assert queries.report_state(notice) == queries.ReportState.ON_TIME


def ctx_scalars(statement):
    from engage.extensions import db

    return list(db.session.scalars(statement))


def test_list_is_paged(client, ctx, technology):
    for n in range(27):
        make_notice(technology, ended_days_ago=40 + n, title=f"Use number {n}")
    first = client.get("/exigent-use").get_data(as_text=True)
    assert ">Use number 0</a>" in first
    assert ">Use number 26</a>" not in first
    assert "27 notices" in first
    second = client.get("/exigent-use?page=2").get_data(as_text=True)
    assert ">Use number 26</a>" in second
    assert client.get("/exigent-use?page=99").status_code == 200
