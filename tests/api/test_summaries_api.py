"""/api/v1/summaries and /policies/<slug>/summary.json: the versions sent to the board, with
exactly the CONTRACT's fields, validated against the OpenAPI document; drafts never appear."""

from dataclasses import dataclass
from datetime import UTC, datetime

import pytest

from engage.board.models import Summary, SummaryVersion
from engage.extensions import db
from tests import factories

CONTRACT_FIELDS = {
    "id",
    "policy",
    "version",
    "sent_at",
    "period",
    "counts",
    "campaigns",
    "themes",
    "sessions",
    "url",
}
COUNT_FIELDS = {
    "comments",
    "commenters",
    "replies",
    "official_responses",
    "by_stance",
    "by_section",
    "by_neighborhood",
    "by_channel",
    "by_language",
    "by_day",
}
QUOTE = "QUOTED words of a resident"
DRAFT_NARRATIVE = "An UNSENT draft sentence."


def summary_data(comments: int, opens="2025-03-01T05:00:00+00:00") -> dict:
    """Stored data in the design's shape (what compute.py stores), with quotes in it."""
    return {
        "computed_at": "2025-03-20T12:00:00+00:00",
        "period": {"opens_at": opens, "closes_at": "2025-03-04T05:00:00+00:00"},
        "counts": {
            "comments": comments,
            "commenters": comments - 2,
            "replies": 1,
            "official_responses": 1,
            "by_stance": {"support": 1, "oppose": comments - 2, "none": 1},
            "by_section": {"data_retention": 3, "general": comments - 3},
            "by_neighborhood": {"Dorchester": 2, "not given": comments - 2},
            "by_channel": {"web": comments - 1, "email": 0, "letter": 1, "phone": 0,
                           "meeting": 0},
            "by_language": {"en": comments - 1, "es": 1},
            "by_day": [["2025-03-01", 2], ["2025-03-02", 0], ["2025-03-03", comments - 2]],
        },
        "voices": {"individual": comments - 4, "campaigns": 1},
        "campaigns": [{"id": 7, "size": 4, "representative_comment_id": 31, "excerpt": QUOTE}],
        "themes": [{"id": 3, "name": "Retention", "count": 3,
                    "by_stance": {"oppose": 3}, "quotes": [{"comment_id": 31, "excerpt": QUOTE}]}],
        "suggested_themes": [{"phrase": "SUGGESTED phrase", "count": 4}],
        "sessions": [{"id": 12, "title": "Roxbury session", "starts_at": opens,
                      "attendance": 35, "report_url": "/events/12/report", "themes": []}],
        "questions": [{"comment_id": 40, "excerpt": QUOTE, "answered": True,
                       "response_comment_id": 41},
                      {"comment_id": 42, "excerpt": QUOTE, "answered": False,
                       "response_comment_id": None}],
        "hidden": {"total": 2, "by_reason": {"harassment": 2}},
        "responses": [{"theme_id": 3, "theme": "Retention", "response_md": "Cut to 30 days.",
                       "response_html": "<p>Cut to 30 days.</p>", "policy_changed": True}],
    }  # fmt: skip


def open_summary(policy, data: dict | None = None) -> Summary:
    period = factories.add_period(policy.current_version, "closed")
    summary = Summary(
        policy_id=policy.id,
        period_id=period.id,
        data=data or summary_data(99),
        narrative_md=DRAFT_NARRATIVE,
        narrative_html=f"<p>{DRAFT_NARRATIVE}</p>",
    )
    db.session.add(summary)
    db.session.flush()
    return summary


def send(summary: Summary, number: int, day: int, data: dict) -> SummaryVersion:
    version = SummaryVersion(
        summary_id=summary.id,
        number=number,
        data=data,
        narrative_md=f"Narrative of version {number}.",
        narrative_html=f"<p>Narrative of version {number}.</p>",
        change_note="" if number == 1 else "Late letters counted.",
        sent_at=datetime(2025, 4, day, 16, 0, tzinfo=UTC),
    )
    db.session.add(version)
    db.session.flush()
    return version


@dataclass
class Setup:
    drones: object
    cameras: object
    drafts_only: object
    sent_twice: Summary
    sent_once: Summary
    draft: Summary


@pytest.fixture
def setup(ctx) -> Setup:
    """Drones: sent as v1 (12 comments), then v2 (14); Cameras: v1 (5) sent later; Radios: a
    draft that was never sent (its data and the others' draft narrative never appear)."""
    drones, cameras = factories.make_policy(title="Drones"), factories.make_policy(title="Cameras")
    radios = factories.make_policy(title="Radios")
    sent_twice, sent_once = open_summary(drones), open_summary(cameras)
    send(sent_twice, 1, 1, summary_data(12))
    send(sent_twice, 2, 10, summary_data(14))
    send(sent_once, 1, 20, summary_data(5))
    draft = open_summary(radios)
    return Setup(drones, cameras, radios, sent_twice, sent_once, draft)


def assert_public_only(item: dict) -> None:
    text = str(item)
    for secret in (QUOTE, "SUGGESTED", DRAFT_NARRATIVE, "representative_comment_id"):
        assert secret not in text


def test_the_list_has_the_sent_summaries_with_exactly_the_contract_fields(api, setup):
    body = api.get("/api/v1/summaries", "/summaries")
    assert body["meta"] == {"page": 1, "per_page": 50, "total": 2}
    cameras, drones = body["data"]  # the latest sent first
    assert (cameras["id"], drones["id"]) == (setup.sent_once.id, setup.sent_twice.id)
    for item in body["data"]:
        assert set(item) == CONTRACT_FIELDS
        assert set(item["counts"]) == COUNT_FIELDS
        assert_public_only(item)
    assert drones["policy"] == setup.drones.slug
    assert drones["version"] == 2 and drones["counts"]["comments"] == 14
    assert cameras["version"] == 1 and cameras["counts"]["comments"] == 5
    assert setup.draft.id not in {item["id"] for item in body["data"]}


def test_one_summary_reads_its_latest_frozen_version(api, setup):
    item = api.get(f"/api/v1/summaries/{setup.sent_twice.id}", "/summaries/{summary_id}")
    assert item["id"] == setup.sent_twice.id and item["version"] == 2
    assert item["sent_at"] == "2025-04-10T16:00:00Z"
    assert item["period"] == {"opens_at": "2025-03-01T05:00:00Z",
                              "closes_at": "2025-03-04T05:00:00Z"}  # fmt: skip
    counts = item["counts"]
    assert (counts["comments"], counts["commenters"], counts["replies"]) == (14, 12, 1)
    assert counts["official_responses"] == 1
    assert counts["by_stance"] == {"support": 1, "oppose": 12, "none": 1}
    assert counts["by_section"] == {"data_retention": 3, "general": 11}
    assert counts["by_neighborhood"] == {"Dorchester": 2, "not given": 12}
    assert counts["by_channel"]["letter"] == 1 and counts["by_language"] == {"en": 13, "es": 1}
    assert counts["by_day"] == [
        {"date": "2025-03-01", "count": 2},
        {"date": "2025-03-02", "count": 0},
        {"date": "2025-03-03", "count": 12},
    ]
    assert item["campaigns"] == [{"id": 7, "size": 4}]
    assert item["themes"] == [{"name": "Retention", "count": 3}]
    assert item["sessions"] == [{"id": 12, "attendance": 35}]
    assert item["url"] == (
        f"http://engage.test/policies/{setup.drones.slug}/summary"
        f"?summary={setup.sent_twice.id}&version=2"
    )
    assert_public_only(item)


def test_an_earlier_version_on_request(api, setup):
    url = f"/api/v1/summaries/{setup.sent_twice.id}?version=1"
    item = api.get(url, "/summaries/{summary_id}")
    assert item["version"] == 1 and item["counts"]["comments"] == 12
    assert item["sent_at"] == "2025-04-01T16:00:00Z"


def test_drafts_and_forged_ids_are_not_found(api, setup):
    path = "/summaries/{summary_id}"
    for url in (
        f"/api/v1/summaries/{setup.draft.id}",
        f"/api/v1/summaries/{setup.sent_twice.id}?version=3",
        "/api/v1/summaries/999999",
        "/api/v1/summaries/0",
        "/api/v1/summaries/99999999999999999999999",
    ):
        body = api.get(url, path, status=404)
        assert body["error"]["status"] == 404, url
    assert api.client.get("/api/v1/summaries/abc").status_code == 404
    assert api.client.get("/api/v1/summaries/-1").status_code == 404


@pytest.mark.parametrize("query", ["version=abc", "version=0", "version=-2", "version=1e3"])
def test_forged_versions_are_a_400(api, setup, query):
    url = f"/api/v1/summaries/{setup.sent_twice.id}?{query}"
    body = api.get(url, "/summaries/{summary_id}", status=400)
    assert body["error"]["parameter"] == "version"


def test_the_list_filters_by_policy_and_pages(api, setup):
    only = api.get(f"/api/v1/summaries?policy={setup.cameras.slug}", "/summaries")
    assert [item["id"] for item in only["data"]] == [setup.sent_once.id]
    drafts = api.get(f"/api/v1/summaries?policy={setup.drafts_only.slug}", "/summaries")
    assert drafts["data"] == [] and drafts["meta"]["total"] == 0
    assert api.get("/api/v1/summaries?policy=nothing", "/summaries")["data"] == []
    first = api.get("/api/v1/summaries?per_page=1", "/summaries")
    assert first["meta"]["total"] == 2 and first["links"]["prev"] is None
    assert first["links"]["next"] == "http://engage.test/api/v1/summaries?per_page=1&page=2"
    second = api.get("/api/v1/summaries?per_page=1&page=2", "/summaries")
    assert [item["id"] for item in second["data"]] == [setup.sent_twice.id]
    assert second["links"]["next"] is None
    assert api.get("/api/v1/summaries?page=9", "/summaries")["data"] == []
    api.get(f"/api/v1/summaries?policy={'x' * 201}", "/summaries", status=400)
    api.get("/api/v1/summaries?per_page=500", "/summaries", status=400)


def test_a_version_with_sparse_data_still_matches_the_document(api, setup, ctx):
    policy = factories.make_policy(title="Licence plates")
    summary = open_summary(policy)
    send(summary, 1, 25, {"counts": {"comments": 0}})
    item = api.get(f"/api/v1/summaries/{summary.id}", "/summaries/{summary_id}")
    assert item["counts"]["comments"] == 0 and item["counts"]["by_day"] == []
    assert item["campaigns"] == [] and item["themes"] == [] and item["sessions"] == []
    assert item["period"]["opens_at"].endswith("Z")  # the period's own dates


def test_the_openapi_document_describes_the_summaries(openapi_document):
    paths = openapi_document["paths"]
    assert paths["/summaries"]["get"]["operationId"] == "listSummaries"
    assert paths["/summaries/{summary_id}"]["get"]["operationId"] == "getSummary"
    schema = openapi_document["components"]["schemas"]["Summary"]
    assert set(schema["properties"]) == CONTRACT_FIELDS
    counts = openapi_document["components"]["schemas"]["SummaryCounts"]
    assert set(counts["properties"]) == COUNT_FIELDS


# /policies/<slug>/summary.json ---------------------------------------------------------------


def test_summary_json_is_the_latest_sent_version_with_its_narrative(client, setup):
    response = client.get(f"/policies/{setup.drones.slug}/summary.json")
    assert response.status_code == 200 and response.mimetype == "application/json"
    assert response.headers["Access-Control-Allow-Origin"] == "*"
    body = response.get_json()
    assert set(body) >= CONTRACT_FIELDS
    assert body["id"] == setup.sent_twice.id and body["version"] == 2
    assert body["counts"]["comments"] == 14
    assert body["narrative_html"] == "<p>Narrative of version 2.</p>"
    assert body["change_note"] == "Late letters counted."
    assert body["voices"] == {"individual": 10, "campaigns": 1}
    assert body["questions"] == {"asked": 2, "answered": 1}
    assert body["responses"] == [
        {"theme": "Retention", "response_html": "<p>Cut to 30 days.</p>", "policy_changed": True}
    ]
    assert body["hidden"] == {"total": 2, "by_reason": {"harassment": 2}}
    assert_public_only(body)


def test_summary_json_takes_the_summary_pages_arguments(client, setup):
    slug = setup.drones.slug
    older = client.get(f"/policies/{slug}/summary.json?version=1").get_json()
    assert older["version"] == 1 and older["counts"]["comments"] == 12
    both = f"/policies/{slug}/summary.json?summary={setup.sent_twice.id}&version=1"
    assert client.get(both).get_json()["version"] == 1


@pytest.mark.parametrize(
    "query", ["version=3", "version=0", "version=x", "summary=999999", "summary=abc"]
)
def test_summary_json_forged_arguments_are_not_found(client, setup, query):
    assert client.get(f"/policies/{setup.drones.slug}/summary.json?{query}").status_code == 404


def test_summary_json_404s_without_a_sent_version(client, setup):
    assert client.get(f"/policies/{setup.drafts_only.slug}/summary.json").status_code == 404
    assert client.get("/policies/no-such-policy/summary.json").status_code == 404
    # Another policy's summary is not this policy's.
    url = f"/policies/{setup.cameras.slug}/summary.json?summary={setup.sent_twice.id}"
    assert client.get(url).status_code == 404
