"""The public annual report pages: /reports and /reports/<department>/<year>."""

import re

import pytest

from engage.reports import services
from tests import factories
from tests.reports.conftest import last_year


def text_of(response) -> str:
    """The page's text with tags dropped and spaces collapsed."""
    html = response.get_data(as_text=True)
    return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", html))


def test_index_groups_reports_by_year_newest_first(client, ctx, full_report, staff):
    other = factories.make_department(code="BPS", name="Boston Public Schools")
    services.save_report(staff, services.ReportData(other.id, last_year() - 1))
    response = client.get("/reports")
    assert response.status_code == 200
    html = response.get_data(as_text=True)
    newest = html.index(f"Reports for {last_year()}")
    older = html.index(f"Reports for {last_year() - 1}")
    assert newest < older
    assert f"/reports/BPD/{last_year()}" in html
    assert f"/reports/BPS/{last_year() - 1}" in html
    assert "Covers 1 technology." in text_of(response)
    assert "Covers 0 technologies." in text_of(response)


def test_index_filters_by_department(client, ctx, full_report, staff):
    other = factories.make_department(code="BPS", name="Boston Public Schools")
    services.save_report(staff, services.ReportData(other.id, last_year()))
    response = client.get("/reports?department=bps")
    html = response.get_data(as_text=True)
    assert f"/reports/BPS/{last_year()}" in html
    assert f"/reports/BPD/{last_year()}" not in html
    assert "Showing the reports of Boston Public Schools." in html
    # The filter is a GET form with a labelled select.
    assert '<label class="usa-label" for="department">Department</label>' in html


def test_index_with_unknown_department_shows_every_report(client, ctx, full_report):
    response = client.get("/reports?department=nope")
    assert response.status_code == 200
    assert f"/reports/BPD/{last_year()}" in response.get_data(as_text=True)


def test_index_without_reports(client, ctx):
    response = client.get("/reports")
    assert response.status_code == 200
    assert "No annual report has been published yet." in response.get_data(as_text=True)


def test_report_page_shows_every_field(client, ctx, full_report):
    response = client.get(f"/reports/BPD/{last_year()}")
    assert response.status_code == 200
    html = response.get_data(as_text=True)
    text = text_of(response)
    assert "<strong>year</strong> in review" in html
    assert 'id="technology-automated-license-plate-readers"' in html
    assert 'href="#technology-automated-license-plate-readers"' in html
    assert "Used at <em>12 fixed sites</em>." in html
    assert "Did it capture people not suspected of wrongdoing? Yes" in text
    assert "Every passing car is read." in text
    assert "4 complaints" in text
    assert "Residents asked about retention." in text
    assert "A quarterly audit by the inspector." in text
    assert "2 violations" in text
    assert "Two officers retrained" in text
    assert "$125,000.50" in text
    assert "Federal UASI grant" in text


def test_report_page_shows_the_sharing_table(client, ctx, full_report):
    html = client.get(f"/reports/BPD/{last_year()}").get_data(as_text=True)
    table = html[html.index('<table class="usa-table') : html.index("</table>")]
    assert "<caption>Data from License plate readers shared in" in table
    for header in ("Recipient", "Type of data", "Legal standard", "Justification", "Times shared"):
        assert f'<th scope="col">{header}</th>' in table
    assert '<th scope="row" data-label="Recipient">Massachusetts State Police</th>' in table
    for cell in ("Plate reads", "Written request", "37", "FBI Boston", "Subpoena", "Kidnapping"):
        assert cell in table
    assert "Not reported" in table  # the FBI line has no count


def test_report_page_links_to_technology_policy_and_other_years(
    client, ctx, full_report, technology, staff
):
    policy = factories.make_policy(title="License plate reader policy", technology=technology)
    services.save_report(staff, services.ReportData(technology.department_id, last_year() - 1))
    html = client.get(f"/reports/BPD/{last_year()}").get_data(as_text=True)
    assert 'href="/technologies/automated-license-plate-readers"' in html
    assert f'href="/policies/{policy.slug}"' in html
    assert "Surveillance use policy: License plate reader policy" in html
    assert f'href="/reports/BPD/{last_year() - 1}"' in html


def test_report_page_says_what_is_missing(client, ctx, department, technology, staff):
    report = services.save_report(staff, services.ReportData(department.id, last_year()))
    services.save_entry(staff, report, services.EntryData(technology_id=technology.id))
    text = text_of(client.get(f"/reports/BPD/{last_year()}"))
    assert "Did it capture people not suspected of wrongdoing? Unknown" in text
    assert "No data sharing was reported." in text
    assert "0 complaints" in text
    assert "No audit was reported." in text
    assert "Cost Not reported" in text
    assert "No surveillance use policy has been published for this technology." in text
    assert "This is the department's only annual report so far." in text


def test_department_code_is_case_insensitive(client, ctx, full_report):
    assert client.get(f"/reports/bpd/{last_year()}").status_code == 200


@pytest.mark.parametrize(
    "url",
    [
        "/reports/NOPE/{year}",
        "/reports/%00/{year}",
        "/reports/BPD/1999",
        "/reports/BPD/notayear",
        "/exigent-use/999999",
    ],
)
def test_unknown_reports_are_404(client, ctx, full_report, url):
    response = client.get(url.format(year=last_year()))
    assert response.status_code == 404
    assert "Page not found" in response.get_data(as_text=True)


def test_report_text_is_sanitized(client, ctx, department, technology, staff):
    report = services.save_report(
        staff,
        services.ReportData(
            department.id, last_year(), "<script>alert(1)</script> [x](javascript:alert(1))"
        ),
    )
    services.save_entry(
        staff,
        report,
        services.EntryData(technology_id=technology.id, funding_source="<b>grant</b>"),
    )
    html = client.get(f"/reports/BPD/{last_year()}").get_data(as_text=True)
    assert "<script>alert(1)" not in html
    assert 'href="javascript' not in html
    assert "&lt;b&gt;grant&lt;/b&gt;" in html


def test_staff_see_an_edit_link_residents_do_not(client, ctx, login, full_report, resident, staff):
    url = f"/reports/BPD/{last_year()}"
    login(resident)
    assert "Edit this report" not in client.get(url).get_data(as_text=True)
    client.post_form("/auth/logout")
    login(staff)
    assert f"/staff/reports/{full_report.id}" in client.get(url).get_data(as_text=True)
