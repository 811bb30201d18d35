"""The OpenAPI 3.1 document of /api/v1, built here so it sits next to the code it describes."""

from engage.api import events as api_events
from engage.api import summaries as api_summaries
from engage.api.params import (
    DEFAULT_PER_PAGE,
    MAX_ID,
    MAX_PAGE,
    MAX_PER_PAGE,
    MAX_TEXT,
    MAX_YEAR,
    MIN_YEAR,
    PERIOD_STATES,
    STANCES,
    STATUSES,
)
from engage.api.schemas import ref, schemas
from engage.policies.sections import configured_sections
from engage.reference import languages, neighborhoods

# Parameters, responses, paths -------------------------------------------------------------


def query(name: str, description: str, schema: dict) -> dict:
    return {
        "name": name,
        "in": "query",
        "required": False,
        "description": description,
        "schema": schema,
    }


def text_query(name: str, description: str, **extra) -> dict:
    return query(name, description, {"type": "string", "maxLength": MAX_TEXT, **extra})


def parameters() -> dict:
    return {
        "page": query(
            "page",
            "The page to return, from 1. A page past the end is empty.",
            {"type": "integer", "minimum": 1, "maximum": MAX_PAGE, "default": 1},
        ),
        "per_page": query(
            "per_page",
            "Items per page.",
            {"type": "integer", "minimum": 1, "maximum": MAX_PER_PAGE, "default": DEFAULT_PER_PAGE},
        ),
        "q": text_query("q", "Keywords, matched against title, summary and section text."),
        "department": text_query("department", "A department's code, e.g. `BPD`."),
        "category": text_query("category", "A technology category, e.g. `video`."),
        "status": text_query("status", "The policy's status.", enum=list(STATUSES)),
        "period": text_query(
            "period", "The state of the policy's comment period.", enum=list(PERIOD_STATES)
        ),
        "year": query(
            "year",
            "The year a report covers.",
            {"type": "integer", "minimum": MIN_YEAR, "maximum": MAX_YEAR},
        ),
        "stance": text_query("stance", "The stance the author chose.", enum=list(STANCES)),
        "section": text_query(
            "section", "A section's key, e.g. `data_retention`.", enum=list(configured_sections())
        ),
        "since": query(
            "since",
            "Only comments posted at or after this moment (RFC 3339 with an offset, e.g. "
            "`2026-03-01T17:00:00Z`): poll with the `created_at` of the newest you have.",
            {"type": "string", "format": "date-time"},
        ),
        "campaign": query(
            "campaign",
            "Only the copies of this campaign (an `id` from the policy's campaigns).",
            {"type": "integer", "minimum": 1, "maximum": MAX_ID},
        ),
        "org_neighborhood": text_query(
            "neighborhood", "A neighborhood the organization serves.", enum=list(neighborhoods())
        ),
        "org_language": text_query(
            "language",
            "The code of a language the organization's members speak.",
            enum=[language.code for language in languages()],
        ),
        "org_slug": {
            "name": "slug",
            "in": "path",
            "required": True,
            "description": "The organization's slug.",
            "schema": {"type": "string"},
        },
        **api_events.parameters(text_query, query),
        **api_summaries.parameters(text_query, query),
        "slug": {
            "name": "slug",
            "in": "path",
            "required": True,
            "description": "The policy's slug.",
            "schema": {"type": "string"},
        },
    }


HEADERS = {
    "ETag": {
        "description": "Send it back in If-None-Match to get a 304 when nothing changed.",
        "schema": {"type": "string"},
    },
    "Access-Control-Allow-Origin": {
        "description": "Always `*`: the data is public.",
        "schema": {"type": "string", "const": "*"},
    },
}


def json_body(description: str, schema: dict, headers: dict | None = None) -> dict:
    response = {"description": description, "content": {"application/json": {"schema": schema}}}
    if headers:
        response["headers"] = headers
    return response


def responses() -> dict:
    return {
        "BadRequest": json_body("A query parameter is not valid.", ref("Error")),
        "NotFound": json_body("Nothing has this address.", ref("Error")),
        "NotModified": {"description": "Unchanged since the ETag sent in If-None-Match."},
    }


def _get(operation_id: str, summary: str, params: list[str], schema: dict, errors) -> dict:
    answers = {
        "200": json_body(summary, schema, HEADERS),
        "304": {"$ref": "#/components/responses/NotModified"},
    }
    for status, name in errors:
        answers[status] = {"$ref": f"#/components/responses/{name}"}
    return {
        "get": {
            "operationId": operation_id,
            "summary": summary,
            "parameters": [{"$ref": f"#/components/parameters/{name}"} for name in params],
            "responses": answers,
        }
    }


BAD = [("400", "BadRequest")]
MISSING = [("404", "NotFound")]


def paths() -> dict:
    return {
        "/policies": _get(
            "listPolicies",
            "Surveillance use policies, most recently changed first (best match first with q).",
            ["q", "department", "category", "status", "period", "page", "per_page"],
            ref("PolicyList"),
            BAD,
        ),
        "/policies/{slug}": _get(
            "getPolicy",
            "One policy, with its current sections and version history.",
            ["slug"],
            ref("PolicyDetail"),
            MISSING,
        ),
        "/policies/{slug}/comments": _get(
            "listPolicyComments",
            "A policy's published comments, replies included, oldest first.",
            ["slug", "stance", "section", "since", "campaign", "page", "per_page"],
            ref("CommentList"),
            BAD + MISSING,
        ),
        "/policies/{slug}/campaigns": _get(
            "listPolicyCampaigns",
            "A policy's campaigns (form letters with at least two published copies), largest "
            "first; `/policies/{slug}/comments?campaign={id}` lists a campaign's copies.",
            ["slug", "page", "per_page"],
            ref("CampaignList"),
            BAD + MISSING,
        ),
        "/reports": _get(
            "listAnnualReports",
            "Annual surveillance reports, newest year first.",
            ["department", "year", "page", "per_page"],
            ref("AnnualReportList"),
            BAD,
        ),
        "/organizations": _get(
            "listOrganizations",
            "Verified partner organizations, by name.",
            ["org_neighborhood", "org_language", "page", "per_page"],
            ref("OrganizationList"),
            BAD,
        ),
        "/organizations/{slug}": _get(
            "getOrganization",
            "One verified partner organization.",
            ["org_slug"],
            ref("Organization"),
            MISSING,
        ),
        "/events": _get(
            "listEvents",
            "Listening sessions and city meetings: upcoming ones by default.",
            [
                "event_policy",
                "event_organization",
                "event_language",
                "event_when",
                "page",
                "per_page",
            ],
            ref("EventList"),
            BAD,
        ),
        "/events/{event_id}": _get(
            "getEvent",
            "One listening session or city meeting.",
            ["event_id"],
            ref("Event"),
            MISSING,
        ),
        "/summaries": _get(
            "listSummaries",
            "Summaries sent to the oversight board, each as its latest version, the latest "
            "sent first.",
            ["summary_policy", "page", "per_page"],
            ref("SummaryList"),
            BAD,
        ),
        "/summaries/{summary_id}": _get(
            "getSummary",
            "One summary sent to the board: its latest version, or the one asked for.",
            ["summary_id", "summary_version"],
            ref("Summary"),
            BAD + MISSING,
        ),
        "/openapi.json": _get("getOpenApiDocument", "This document.", [], {"type": "object"}, []),
    }


def document(base_url: str) -> dict:
    """The OpenAPI document, with the server at `base_url` + /api/v1."""
    return {
        "openapi": "3.1.0",
        "info": {
            "title": "Engage public API",
            "version": "1.0.0",
            "summary": "Read-only public data on the city's surveillance technology.",
            "description": (
                "Surveillance use policies, their comment periods and published comments, and "
                "annual surveillance reports. Lists are paged: `data`, `meta` (`page`, "
                "`per_page`, `total`) and `links` (`next`, `prev`). No endpoint returns personal "
                "data."
            ),
        },
        "servers": [{"url": base_url.rstrip("/") + "/api/v1"}],
        "paths": paths(),
        "components": {
            "schemas": schemas(),
            "parameters": parameters(),
            "responses": responses(),
        },
    }
