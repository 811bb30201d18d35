"""/api/v1/events: public fields only, validated against the OpenAPI document."""

from datetime import timedelta

import pytest
from sqlalchemy import event as sa_event

from engage.extensions import db
from engage.types import utcnow
from tests import factories
from tests.events.helpers_cal import make_event, make_meeting, make_org, past_event, register

SECRET = "https://meet.example.org/secret-room-42"
CONTRACT_FIELDS = {
    "id",
    "title",
    "kind",
    "organization",
    "policies",
    "starts_at",
    "ends_at",
    "in_person",
    "online",
    "languages",
    "interpretation",
    "capacity",
    "seats_left",
    "waitlist_count",
    "status",
    "url",
    "ics_url",
}


@pytest.fixture
def org(ctx):
    return make_org(slug="chinatown-neighbors", name="Chinatown Neighbors")


@pytest.fixture
def policy(ctx):
    return factories.make_policy(title="Drones", period="open")


def test_the_list_has_exactly_the_contract_fields_and_no_private_data(api, org, policy):
    event = make_event(
        org, [policy], capacity=3, online=True, meeting_link=SECRET, languages=["en", "zh-Hant"]
    )
    register(event)
    register(event)
    register(event, status="waitlisted")
    body = api.get("/api/v1/events", "/events")
    (item,) = body["data"]
    assert set(item) == CONTRACT_FIELDS
    assert item["id"] == event.id
    assert item["kind"] == "listening_session"
    assert item["organization"] == "chinatown-neighbors"
    assert item["policies"] == [policy.slug]
    assert item["in_person"] == {"venue": event.venue, "address": event.address}
    assert item["online"] is True
    assert item["capacity"] == 3 and item["seats_left"] == 1 and item["waitlist_count"] == 1
    assert item["status"] == "scheduled"
    assert item["url"] == f"http://engage.test/events/{event.id}"
    assert item["ics_url"] == f"http://engage.test/events/{event.id}.ics"
    assert item["starts_at"].endswith("Z")
    text = str(body)
    assert "secret-room" not in text
    assert "Wheelchair" not in text and "Resident" not in text
    assert body["meta"] == {"page": 1, "per_page": 50, "total": 1}


def test_one_event(api, org, policy):
    event = make_event(org, [policy], in_person=False, online=True)
    item = api.get(f"/api/v1/events/{event.id}", "/events/{event_id}")
    assert item["id"] == event.id
    assert item["in_person"] is None
    assert item["capacity"] is None and item["seats_left"] is None
    assert item["waitlist_count"] == 0


def test_an_unknown_or_unpublic_event_is_a_documented_404(api, ctx):
    hidden = make_event(make_org(status="pending"))
    for url in (f"/api/v1/events/{hidden.id}", "/api/v1/events/999999"):
        body = api.get(url, "/events/{event_id}", status=404)
        assert body["error"]["status"] == 404


def test_city_meetings_are_events_without_an_organization(api, policy):
    meeting = make_meeting([policy], kind="hearing")
    (item,) = api.get("/api/v1/events", "/events")["data"]
    assert item["id"] == meeting.id
    assert item["organization"] is None and item["kind"] == "hearing"
    assert item["url"] == f"http://engage.test/meetings/{meeting.id}"


def test_filters(api, org, policy):
    other_policy = factories.make_policy()
    other_org = make_org(slug="roxbury-voices")
    spanish = make_event(org, [policy], languages=["es"])
    english = make_event(other_org, [other_policy], languages=["en"])
    done = past_event(org, [policy], languages=["es"])
    cancelled = make_event(org, [policy], status="cancelled")

    def ids(query: str) -> list[int]:
        return [item["id"] for item in api.get(f"/api/v1/events{query}", "/events")["data"]]

    assert ids(f"?policy={policy.slug}") == [spanish.id, cancelled.id]
    assert ids("?organization=roxbury-voices") == [english.id]
    assert ids("?language=es") == [spanish.id]
    assert ids("?when=past") == [done.id]
    assert set(ids("?when=all")) == {spanish.id, english.id, done.id, cancelled.id}
    assert ids("?policy=no-such-policy") == []
    statuses = {i["id"]: i["status"] for i in api.get("/api/v1/events?when=all", "/events")["data"]}
    assert statuses[done.id] == "completed" and statuses[cancelled.id] == "cancelled"


@pytest.mark.parametrize(
    ("query", "parameter"),
    [
        ("?when=tomorrow", "when"),
        ("?language=xx", "language"),
        ("?page=0", "page"),
        ("?policy=" + "x" * 300, "policy"),
    ],
)
def test_bad_parameters_are_documented_400s(api, ctx, query, parameter):
    body = api.get(f"/api/v1/events{query}", "/events", status=400)
    assert body["error"]["parameter"] == parameter


def test_unverified_organizations_sessions_never_appear(api, policy):
    make_event(make_org(status="pending"), [policy])
    make_event(make_org(status="rejected"), [policy])
    assert api.get("/api/v1/events?when=all", "/events")["data"] == []


def test_pages_link_to_each_other(api, org):
    for n in range(3):
        make_event(org, starts_in=timedelta(days=n + 1))
    body = api.get("/api/v1/events?per_page=2", "/events")
    assert len(body["data"]) == 2 and body["meta"]["total"] == 3
    assert body["links"]["next"] == "http://engage.test/api/v1/events?per_page=2&page=2"
    second = api.get("/api/v1/events?per_page=2&page=2", "/events")
    assert len(second["data"]) == 1 and second["links"]["next"] is None


def test_seat_counts_take_a_fixed_number_of_queries(app, client, org):
    for _ in range(12):
        event = make_event(org, capacity=5)
        register(event)
        register(event, status="waitlisted")
    statements = []

    def count(*args, **kwargs):
        statements.append(args[2])

    sa_event.listen(db.engine, "before_cursor_execute", count)
    try:
        response = client.get("/api/v1/events")
    finally:
        sa_event.remove(db.engine, "before_cursor_execute", count)
    assert response.status_code == 200
    assert {item["waitlist_count"] for item in response.get_json()["data"]} == {1}
    registration_queries = [s for s in statements if "FROM registrations" in s]
    assert len(registration_queries) == 1, registration_queries
    assert len(statements) < 10


def test_the_events_endpoints_are_in_the_document(openapi_document):
    paths = openapi_document["paths"]
    assert "/events" in paths and "/events/{event_id}" in paths
    schema = openapi_document["components"]["schemas"]["Event"]
    assert set(schema["required"]) == CONTRACT_FIELDS
    names = {
        openapi_document["components"]["parameters"][p["$ref"].rsplit("/", 1)[1]]["name"]
        for p in paths["/events"]["get"]["parameters"]
    }
    assert names == {"policy", "organization", "language", "when", "page", "per_page"}
    assert utcnow()
