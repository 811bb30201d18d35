"""Department and technology pages: what each has published."""

import pytest

from engage.extensions import db
from engage.reports.models import ReportEntry
from tests import factories
from tests.policies.conftest import page


@pytest.fixture
def catalog(ctx):
    police = factories.make_department(code="BPD", name="Police Department")
    library = factories.make_department(code="BPL", name="Public Library", covered=False)
    cameras = factories.make_technology(
        police, name="Body-worn cameras", slug="bwc", category="video", summary="Worn on uniforms."
    )
    drones = factories.make_technology(police, name="Drones", slug="drones", category="aerial")
    factories.make_policy("Body camera policy", technology=cameras, period="open")
    report = factories.make_report(police, year=2024)
    entry = ReportEntry(report=report, technology=cameras, complaint_count=7, violation_count=2)
    db.session.add(entry)
    db.session.flush()
    factories.make_exigent(drones, ended_days_ago=40)  # report overdue
    factories.make_exigent(cameras, ended_days_ago=40, received_days_ago=20)  # on time
    return {"police": police, "library": library, "cameras": cameras, "drones": drones}


def test_departments_list_with_coverage_and_counts(client, catalog):
    response = client.get("/departments")
    assert response.status_code == 200
    text = page(response)
    assert 'href="/departments/BPD">Police Department</a>' in text
    assert "Public Library" in text
    assert "<caption>" in text
    assert '<th scope="col">Covered by the ordinance</th>' in text
    library_row = text[text.index("Public Library") :]
    assert ">No</td>" in library_row[: library_row.index("</tr>")]
    assert 'href="/policies?department=BPD">1 policy</a>' in text
    assert "2 technologies" in text
    assert 'class="usa-breadcrumb"' in text


@pytest.mark.parametrize("code", ["BPD", "bpd", "Bpd"])
def test_department_page_by_code_in_any_case(client, catalog, code):
    response = client.get(f"/departments/{code}")
    assert response.status_code == 200
    text = page(response)
    assert "<h1>Police Department</h1>" in text
    assert "Covered by the surveillance ordinance" in text
    assert 'href="/technologies/bwc">Body-worn cameras</a>' in text
    assert 'href="/technologies/drones">Drones</a>' in text
    assert 'href="/policies/body-camera-policy"' in text
    assert "days left" in text
    assert 'href="/reports/BPD/2024">Annual surveillance report 2024</a>' in text
    assert "1 technology reported" in text
    assert "Overdue" in text
    assert "On time" in text
    assert 'class="usa-breadcrumb"' in text


def test_department_without_anything_says_so(client, catalog):
    text = page(client.get("/departments/bpl"))
    assert "Not covered by the surveillance ordinance." in text
    assert "This department has no published policy yet." in text
    assert "This department has not published an annual report yet." in text
    assert "No emergency use has been reported by this department." in text


@pytest.mark.parametrize("code", ["NOPE", "%20", "x" * 300])
def test_unknown_department_is_404(client, catalog, code):
    assert client.get(f"/departments/{code}").status_code == 404


def test_technologies_grouped_by_category(client, catalog):
    response = client.get("/technologies")
    assert response.status_code == 200
    text = page(response)
    assert text.index(">Aerial</h2>") < text.index(">Video</h2>")
    aerial = text[text.index(">Aerial</h2>") : text.index(">Video</h2>")]
    assert "Drones" in aerial
    assert "Body-worn cameras" not in aerial
    assert "Worn on uniforms." in text
    assert "Used by Police Department" in text
    assert 'class="usa-breadcrumb"' in text


def test_technology_page_lists_policies_reports_and_emergency_uses(client, catalog):
    response = client.get("/technologies/bwc")
    assert response.status_code == 200
    text = page(response)
    assert "<h1>Body-worn cameras</h1>" in text
    assert 'href="/departments/BPD">Police Department</a>' in text
    assert 'href="/policies?category=video">Video</a>' in text
    assert 'href="/policies/body-camera-policy"' in text
    assert 'href="/reports/BPD/2024">Police Department, 2024</a>' in text
    assert '<td data-label="Community complaints">7</td>' in text
    assert "On time" in text
    assert "Overdue" not in text


def test_technology_without_anything_says_so(client, catalog):
    text = page(client.get("/technologies/drones"))
    assert "No policy has been published for this technology yet." in text
    assert "No annual report covers this technology yet." in text
    assert "Overdue" in text


def test_unknown_technology_is_404(client, catalog):
    assert client.get("/technologies/nothing").status_code == 404


@pytest.mark.parametrize(
    "path", ["/departments", "/departments/BPD", "/technologies", "/technologies/bwc"]
)
def test_pages_cost_the_same_queries_for_more_data(client, catalog, count_queries, path):
    with count_queries() as few:
        client.get(path)
    police, cameras = catalog["police"], catalog["cameras"]
    for n in range(4):
        technology = factories.make_technology(police, category="video")
        factories.make_policy(f"Extra {n}", technology=cameras, period="closed", versions=2)
        report = factories.make_report(police, year=2015 + n)
        db.session.add(ReportEntry(report=report, technology=cameras))
        db.session.add(ReportEntry(report=report, technology=technology))
        factories.make_exigent(cameras)
    db.session.flush()
    with count_queries() as many:
        assert client.get(path).status_code == 200
    assert 0 < many[0] == few[0]
