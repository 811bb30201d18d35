"""/api/v1/reports, checked against the OpenAPI document."""

from decimal import Decimal

import pytest

from tests import factories
from tests.api.conftest import add_entry, make_report

LIST = "/reports"


@pytest.fixture
def reports(ctx):
    """Police reports for 2024 and 2025, a schools report for 2025."""
    police = factories.make_department("BPD", name="Boston Police Department")
    schools = factories.make_department("BPS", name="Boston Public Schools")
    alpr = factories.make_technology(police, slug="alpr", name="ALPR", category="location")
    cctv = factories.make_technology(schools, slug="school-cctv", name="School CCTV")
    police_2025 = make_report(police, 2025, "Two technologies in use.")
    add_entry(
        police_2025,
        alpr,
        cost=Decimal("125000.5"),
        sharing=[
            {
                "recipient": "State police",
                "data_type": "Plate reads",
                "legal_standard": "Court order",
                "justification": "Stolen vehicle investigation",
                "count": 14,
            },
            {"recipient": "FBI", "data_type": "Alerts", "legal_standard": "Subpoena"},
        ],
    )
    return {
        "police_2025": police_2025,
        "police_2024": make_report(police, 2024),
        "schools_2025": add_entry(
            make_report(schools, 2025), cctv, cost=None, captured_non_suspects="unknown"
        ).report,
    }


def keys(body: dict) -> list[tuple[str, int]]:
    return [(item["department"], item["year"]) for item in body["data"]]


def test_reports_list_newest_year_first_in_the_documented_shape(api, reports):
    body = api.get("/api/v1/reports", LIST)
    assert keys(body) == [("BPD", 2025), ("BPS", 2025), ("BPD", 2024)]
    assert body["meta"] == {"page": 1, "per_page": 50, "total": 3}
    assert body["links"] == {"next": None, "prev": None}


def test_a_report_carries_its_public_fields(api, reports):
    report = api.get("/api/v1/reports?department=BPD&year=2025", LIST)["data"][0]
    assert report["department_name"] == "Boston Police Department"
    assert report["summary_html"] == "<p>Two technologies in use.</p>"
    assert report["url"] == "http://engage.test/reports/BPD/2025"
    (entry,) = report["entries"]
    assert entry["technology"] == "alpr"
    assert entry["technology_name"] == "ALPR"
    assert entry["usage_html"] == "<p>Used in <strong>12</strong> investigations.</p>"
    assert entry["captured_non_suspects"] == "yes"
    assert (entry["complaint_count"], entry["violation_count"]) == (2, 1)
    assert entry["cost"] == "125000.50"
    assert entry["funding_source"] == "Operating budget"
    assert entry["data_sharing"] == [
        {
            "recipient": "State police",
            "data_type": "Plate reads",
            "legal_standard": "Court order",
            "justification": "Stolen vehicle investigation",
            "count": 14,
        },
        {
            "recipient": "FBI",
            "data_type": "Alerts",
            "legal_standard": "Subpoena",
            "justification": "",
            "count": None,
        },
    ]


def test_unknown_cost_is_null(api, reports):
    entry = api.get("/api/v1/reports?department=BPS", LIST)["data"][0]["entries"][0]
    assert entry["cost"] is None
    assert entry["captured_non_suspects"] == "unknown"


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("department=BPD", [("BPD", 2025), ("BPD", 2024)]),
        ("department=bps", [("BPS", 2025)]),
        ("year=2024", [("BPD", 2024)]),
        ("department=BPS&year=2024", []),
        ("department=NONE", []),
        ("year=", [("BPD", 2025), ("BPS", 2025), ("BPD", 2024)]),
    ],
)
def test_filters_narrow_the_reports(api, reports, query, expected):
    body = api.get(f"/api/v1/reports?{query}", LIST)
    assert keys(body) == expected
    assert body["meta"]["total"] == len(expected)


def test_report_pages_link_with_their_filters(api, reports):
    first = api.get("/api/v1/reports?department=BPD&per_page=1", LIST)
    assert keys(first) == [("BPD", 2025)]
    assert first["links"]["next"] == (
        "http://engage.test/api/v1/reports?department=BPD&per_page=1&page=2"
    )
    second = api.get(first["links"]["next"].removeprefix("http://engage.test"), LIST)
    assert keys(second) == [("BPD", 2024)]
    assert second["links"] == {
        "next": None,
        "prev": "http://engage.test/api/v1/reports?department=BPD&per_page=1&page=1",
    }


@pytest.mark.parametrize(
    ("query", "parameter"),
    [
        ("year=twenty", "year"),
        ("year=20250", "year"),
        ("year=-2025", "year"),
        ("page=0", "page"),
        ("per_page=500", "per_page"),
        ("department=" + "D" * 300, "department"),
    ],
)
def test_bad_report_parameters_get_a_json_400(api, reports, query, parameter):
    body = api.get(f"/api/v1/reports?{query}", LIST, status=400)
    assert body["error"]["parameter"] == parameter


def test_reports_list_is_empty_without_reports(api, ctx):
    body = api.get("/api/v1/reports", LIST)
    assert body == {
        "data": [],
        "meta": {"page": 1, "per_page": 50, "total": 0},
        "links": {"next": None, "prev": None},
    }
