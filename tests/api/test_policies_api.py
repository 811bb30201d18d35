"""/api/v1/policies and /api/v1/policies/<slug>, checked against the OpenAPI document."""

from datetime import datetime, timedelta
from urllib.parse import parse_qs, urlsplit

import pytest
from sqlalchemy import event

from engage.extensions import db
from engage.policies import services as catalog
from engage.types import utcnow
from tests import factories

LIST, DETAIL = "/policies", "/policies/{slug}"


@pytest.fixture
def catalog_policies(ctx, staff):
    """Three policies in two departments, with open, upcoming and closed periods."""
    police = factories.make_department("BPD", name="Boston Police Department")
    schools = factories.make_department("BPS", name="Boston Public Schools")
    cameras = factories.make_technology(police, slug="body-worn-cameras", name="Body-worn cameras")
    alpr = factories.make_technology(police, slug="alpr", name="ALPR", category="location")
    video = factories.make_technology(schools, slug="school-cctv", name="School CCTV")
    return {
        "cameras": factories.make_policy(
            "Body-worn cameras policy",
            versions=2,
            period="open",
            technology=cameras,
            status="open_for_comment",
            actor=staff,
            sections={"purpose": "Record encounters.", "data_retention": "Kept for ninety days."},
        ),
        "alpr": factories.make_policy(
            "License plate readers", period="upcoming", technology=alpr, actor=staff
        ),
        "cctv": factories.make_policy(
            "School cameras", period="closed", technology=video, status="approved", actor=staff
        ),
    }


def slugs(body: dict) -> set[str]:
    return {item["slug"] for item in body["data"]}


def query_of(url: str) -> dict:
    return parse_qs(urlsplit(url).query)


def test_list_returns_every_policy_in_the_documented_shape(api, catalog_policies):
    body = api.get("/api/v1/policies", LIST)
    assert body["meta"] == {"page": 1, "per_page": 50, "total": 3}
    assert body["links"] == {"next": None, "prev": None}
    assert slugs(body) == {policy.slug for policy in catalog_policies.values()}
    item = next(i for i in body["data"] if i["slug"] == catalog_policies["cameras"].slug)
    assert item["department"] == "BPD"
    assert item["department_name"] == "Boston Police Department"
    assert item["technology"] == "body-worn-cameras"
    assert item["status"] == "open_for_comment"
    assert item["current_version"]["number"] == 2
    assert item["current_version"]["change_summary"] == "Revision 2"
    assert item["comment_period"]["is_open"] is True
    assert item["comment_period"]["state"] == "open"
    assert item["comment_count"] == 0
    assert item["url"] == f"http://engage.test/policies/{catalog_policies['cameras'].slug}"
    assert "sections" not in item


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("department=BPD", {"cameras", "alpr"}),
        ("department=bps", {"cctv"}),
        ("department=NOPE", set()),
        ("category=location", {"alpr"}),
        ("category=Video", {"cameras", "cctv"}),
        ("status=approved", {"cctv"}),
        ("period=open", {"cameras"}),
        ("period=upcoming", {"alpr"}),
        ("period=closed", {"cctv"}),
        ("q=ninety", {"cameras"}),
        ("q=plate", {"alpr"}),
        ("q=%21%21", {"cameras", "alpr", "cctv"}),
        ("department=BPD&period=open&q=encounters", {"cameras"}),
        ("status=&period=", {"cameras", "alpr", "cctv"}),
    ],
)
def test_filters_narrow_the_list(api, catalog_policies, query, expected):
    body = api.get(f"/api/v1/policies?{query}", LIST)
    assert slugs(body) == {catalog_policies[name].slug for name in expected}
    assert body["meta"]["total"] == len(expected)


def test_pages_link_to_each_other_keeping_the_filters(api, catalog_policies):
    first = api.get("/api/v1/policies?department=BPD&per_page=1", LIST)
    assert first["meta"] == {"page": 1, "per_page": 1, "total": 2}
    assert first["links"]["prev"] is None
    next_url = first["links"]["next"]
    assert next_url.startswith("http://engage.test/api/v1/policies?")
    assert query_of(next_url) == {"department": ["BPD"], "per_page": ["1"], "page": ["2"]}

    second = api.get(next_url.removeprefix("http://engage.test"), LIST)
    assert second["links"]["next"] is None
    assert query_of(second["links"]["prev"])["page"] == ["1"]
    assert slugs(first) | slugs(second) == {
        catalog_policies["cameras"].slug,
        catalog_policies["alpr"].slug,
    }
    assert not slugs(first) & slugs(second)


def test_a_page_past_the_end_is_empty_and_points_back(api, catalog_policies):
    body = api.get("/api/v1/policies?page=7&per_page=2", LIST)
    assert body["data"] == []
    assert body["meta"] == {"page": 7, "per_page": 2, "total": 3}
    assert body["links"]["next"] is None
    assert query_of(body["links"]["prev"])["page"] == ["2"]


def test_per_page_goes_up_to_a_hundred(api, catalog_policies):
    assert api.get("/api/v1/policies?per_page=100", LIST)["meta"]["per_page"] == 100


@pytest.mark.parametrize(
    ("query", "parameter"),
    [
        ("page=0", "page"),
        ("page=-1", "page"),
        ("page=abc", "page"),
        ("page=1.5", "page"),
        ("page=99999999999999999999", "page"),
        ("per_page=0", "per_page"),
        ("per_page=101", "per_page"),
        ("per_page=%D9%A1", "per_page"),
        ("status=secret", "status"),
        ("period=soon", "period"),
        ("q=" + "x" * 201, "q"),
        ("department=%00", "department"),
        ("q=camera%00", "q"),
    ],
)
def test_bad_parameters_get_a_json_400_naming_them(api, catalog_policies, query, parameter):
    body = api.get(f"/api/v1/policies?{query}", LIST, status=400)
    assert body["error"]["status"] == 400
    assert body["error"]["parameter"] == parameter
    assert parameter in body["error"]["detail"]


def test_detail_has_the_current_sections_and_the_history(api, catalog_policies):
    policy = catalog_policies["cameras"]
    body = api.get(f"/api/v1/policies/{policy.slug}", DETAIL)
    assert body["slug"] == policy.slug
    assert body["sections"] == [
        {"key": "purpose", "title": "Purpose", "html": "<p>Record encounters.</p>"},
        {
            "key": "data_retention",
            "title": "Data retention",
            "html": "<p>Kept for ninety days.</p>",
        },
    ]
    assert [v["number"] for v in body["versions"]] == [1, 2]
    assert body["comment_period"]["version"] == 2


def test_detail_shows_extensions_and_early_closes(api, ctx, catalog_policies, staff):
    open_period = catalog.current_period(catalog_policies["cameras"])
    later = open_period.closes_at + timedelta(days=7)
    catalog.extend_period(staff, open_period, later, "Requested by residents at the hearing.")
    upcoming = catalog.current_period(catalog_policies["alpr"])
    catalog.close_period_early(staff, upcoming, "The department withdrew the proposal.")

    extended = api.get(f"/api/v1/policies/{catalog_policies['cameras'].slug}", DETAIL)
    period = extended["comment_period"]
    assert period["closes_at"] != period["original_closes_at"]
    assert period["extensions"][0]["reason"] == "Requested by residents at the hearing."
    assert period["extensions"][0]["new_closes_at"] == period["closes_at"]

    closed = api.get(f"/api/v1/policies/{catalog_policies['alpr'].slug}", DETAIL)
    assert closed["comment_period"]["state"] == "closed"
    assert closed["comment_period"]["is_open"] is False
    assert closed["comment_period"]["close_reason"] == "The department withdrew the proposal."
    assert closed["comment_period"]["closed_early_at"] is not None


def test_a_policy_without_versions_or_periods_has_nulls(api, ctx):
    policy = factories.make_policy("Drone pilot", versions=0)
    body = api.get(f"/api/v1/policies/{policy.slug}", DETAIL)
    assert body["current_version"] is None
    assert body["comment_period"] is None
    assert body["sections"] == []
    assert body["versions"] == []


@pytest.mark.parametrize("slug", ["no-such-policy", "%00", "x" * 500, "%E2%80%AE"])
def test_an_unknown_slug_is_a_json_404(api, ctx, slug):
    body = api.get(f"/api/v1/policies/{slug}", DETAIL, status=404)
    assert body["error"]["status"] == 404


def test_unknown_api_addresses_and_methods_answer_in_json(client):
    missing = client.get("/api/v1/nothing-here")
    assert missing.status_code == 404
    assert missing.json["error"]["status"] == 404
    assert missing.headers["Access-Control-Allow-Origin"] == "*"
    posted = client.post("/api/v1/policies")
    assert posted.status_code == 405
    assert posted.json["error"]["status"] == 405


def test_no_personal_data_of_the_staff_who_wrote_it(client, ctx, catalog_policies, staff):
    for url in ("/api/v1/policies", f"/api/v1/policies/{catalog_policies['cameras'].slug}"):
        text = client.get(url).get_data(as_text=True)
        assert staff.email not in text
        assert staff.display_name not in text


def test_conditional_get_answers_304_when_unchanged(client, catalog_policies):
    first = client.get("/api/v1/policies")
    assert first.headers["ETag"]
    again = client.get("/api/v1/policies", headers={"If-None-Match": first.headers["ETag"]})
    assert again.status_code == 304
    assert again.headers["Access-Control-Allow-Origin"] == "*"
    assert client.get("/api/v1/policies?per_page=1").headers["ETag"] != first.headers["ETag"]


def test_cors_preflight_is_answered(client):
    response = client.options(
        "/api/v1/policies",
        headers={"Origin": "https://example.net", "Access-Control-Request-Method": "GET"},
    )
    assert response.status_code == 200
    assert response.headers["Access-Control-Allow-Origin"] == "*"
    assert "GET" in response.headers["Access-Control-Allow-Methods"]


def test_the_list_costs_the_same_queries_for_more_policies(client, ctx, catalog_policies):
    def queries_for_list() -> int:
        statements = []

        def count(*args):
            statements.append(args)

        event.listen(db.engine, "before_cursor_execute", count)
        try:
            assert client.get("/api/v1/policies").status_code == 200
        finally:
            event.remove(db.engine, "before_cursor_execute", count)
        return len(statements)

    few = queries_for_list()
    for _ in range(4):
        policy = factories.make_policy(versions=2, period="closed")
        factories.add_period(policy.current_version, "open")
    assert queries_for_list() == few


def test_timestamps_are_utc(api, catalog_policies):
    item = api.get("/api/v1/policies?period=open", LIST)["data"][0]
    opens_at = item["comment_period"]["opens_at"]
    assert opens_at.endswith("Z")
    assert datetime.fromisoformat(opens_at) < utcnow()


@pytest.mark.parametrize(
    "query",
    [
        'q="',
        "q=*",
        "q=NEAR(camera",
        "q=camera OR drone",
        "q=-camera",
        "q=the",
        "q=caf%C3%A9 %E6%97%A5%E6%9C%AC",
        "q=%25_%5C",
        "department=%25",
        "category=%27%3B--",
        "page=1&page=abc",
        "lang=es",
    ],
)
def test_odd_input_never_breaks_the_list(api, catalog_policies, query):
    body = api.get(f"/api/v1/policies?{query}", LIST)
    assert body["meta"]["total"] <= 3


def test_head_requests_answer_like_get(client, catalog_policies):
    response = client.head("/api/v1/policies")
    assert response.status_code == 200
    assert response.headers["Access-Control-Allow-Origin"] == "*"
