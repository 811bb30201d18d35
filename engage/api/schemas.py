"""The JSON Schemas (2020-12, as OpenAPI 3.1 uses) of what /api/v1 returns.

Every object schema lists all its fields as required and forbids others, so a test that
validates real responses against this document notices any drift in either direction.
"""

from engage.api.params import (
    CHANNELS,
    MAX_PAGE,
    MAX_PER_PAGE,
    MAX_YEAR,
    MIN_YEAR,
    PERIOD_STATES,
    STANCES,
    STATUSES,
)
from engage.reports.models import NonSuspectCapture

REF = "#/components/schemas/"


def ref(name: str) -> dict:
    return {"$ref": REF + name}


def nullable(schema: dict) -> dict:
    """`schema` or null (JSON Schema 2020-12 style, as OpenAPI 3.1 wants)."""
    if "$ref" in schema:
        return {"oneOf": [schema, {"type": "null"}]}
    kind = schema["type"]
    return {**schema, "type": [*(kind if isinstance(kind, list) else [kind]), "null"]}


def obj(description: str, properties: dict) -> dict:
    """A closed object: every property present (maybe null), nothing else."""
    return {
        "type": "object",
        "description": description,
        "properties": properties,
        "required": list(properties),
        "additionalProperties": False,
    }


def string(description: str, **extra) -> dict:
    return {"type": "string", "description": description, **extra}


def integer(description: str, **extra) -> dict:
    return {"type": "integer", "description": description, **extra}


def moment(description: str) -> dict:
    return string(description + " (RFC 3339, UTC).", format="date-time")


def html(description: str) -> dict:
    return string(description + " Sanitized HTML, safe to embed.")


def link(description: str) -> dict:
    return string(description, format="uri")


# Schemas ---------------------------------------------------------------------------------

DEPARTMENT = string("The department's code, e.g. `BPD` (the `department` filter takes it).")
TECHNOLOGY = string("The technology's slug (stable identifier).")


def _version() -> dict:
    return obj(
        "A published version of a policy.",
        {
            "number": integer("Version number, from 1.", minimum=1),
            "published_at": moment("When it was published"),
            "change_summary": string("What changed since the previous version ('' for v1)."),
        },
    )


def _extension() -> dict:
    return obj(
        "A later deadline, with its public reason.",
        {
            "previous_closes_at": moment("The deadline before this extension"),
            "new_closes_at": moment("The deadline after it"),
            "reason": string("Why the period was extended."),
            "created_at": moment("When the extension was made"),
        },
    )


def _period() -> dict:
    return obj(
        "The policy's open or upcoming comment period, else its most recent one.",
        {
            "opens_at": moment("When comment opens"),
            "closes_at": moment("The deadline in force (after extensions or an early close)"),
            "is_open": {"type": "boolean", "description": "Whether comment is open right now."},
            "state": string("Where the period stands right now.", enum=list(PERIOD_STATES)),
            "version": integer("The version number the period asks comment on.", minimum=1),
            "original_closes_at": moment("The deadline first announced"),
            "closed_early_at": nullable(moment("When it was closed early, if it was")),
            "close_reason": nullable(string("The public reason for closing early.")),
            "accepts_late_comments": {
                "type": "boolean",
                "description": "Whether comments after the deadline are still received.",
            },
            "extensions": {"type": "array", "items": ref("Extension")},
        },
    )


def _policy_properties() -> dict:
    return {
        "slug": string("Stable identifier, used in URLs."),
        "title": string("The policy's title."),
        "summary_html": html("The plain-language summary."),
        "department": DEPARTMENT,
        "department_name": string("The department's name."),
        "technology": TECHNOLOGY,
        "technology_name": string("The technology's name."),
        "category": string("The technology's category, e.g. `video` (the `category` filter)."),
        "status": string("Where the policy stands.", enum=list(STATUSES)),
        "current_version": nullable(ref("Version")),
        "comment_period": nullable(ref("CommentPeriod")),
        "comment_count": integer(
            "Published comments on the policy, replies included, official responses not.",
            minimum=0,
        ),
        "updated_at": moment("When the policy last changed"),
        "url": link("The policy's page on the site."),
    }


def _policy_detail() -> dict:
    section = obj(
        "One section of the current version.",
        {
            "key": string("The section's key, e.g. `data_retention`; anchor `section-<key>`."),
            "title": string("The section's title, in the request's language."),
            "html": html("The section's text."),
        },
    )
    return obj(
        "A policy with its current text and version history.",
        {
            **_policy_properties(),
            "sections": {"type": "array", "items": section},
            "versions": {"type": "array", "items": ref("Version")},
        },
    )


def _sharing() -> dict:
    return obj(
        "One kind of data shared outside the department.",
        {
            "recipient": string("Who received the data."),
            "data_type": string("What data."),
            "legal_standard": string("Under what legal standard (warrant, subpoena ...)."),
            "justification": string("Why."),
            "count": nullable(integer("How many times, when reported.", minimum=0)),
        },
    )


def _entry() -> dict:
    return obj(
        "What the report says about one technology.",
        {
            "technology": TECHNOLOGY,
            "technology_name": string("The technology's name."),
            "category": string("The technology's category."),
            "usage_html": html("How the technology was used."),
            "captured_non_suspects": string(
                "Whether it captured people not suspected of wrongdoing.",
                enum=[value.value for value in NonSuspectCapture],
            ),
            "non_suspect_notes": string("More on that capture."),
            "complaint_count": integer("Community complaints received.", minimum=0),
            "complaints_html": html("The complaints and how they were handled."),
            "audits_html": html("Audits done."),
            "violation_count": integer("Violations of the policy found.", minimum=0),
            "violations_html": html("The violations and the actions taken."),
            "cost": nullable(
                string("Annual cost in dollars, two decimals.", pattern=r"^[0-9]+\.[0-9]{2}$")
            ),
            "funding_source": string("Where the money came from."),
            "data_sharing": {"type": "array", "items": ref("DataSharing")},
        },
    )


def _report() -> dict:
    return obj(
        "A department's annual surveillance report.",
        {
            "department": DEPARTMENT,
            "department_name": string("The department's name."),
            "year": integer("The year the report covers.", minimum=MIN_YEAR, maximum=MAX_YEAR),
            "published_at": moment("When it was published"),
            "updated_at": moment("When it last changed"),
            "summary_html": html("The report's summary."),
            "url": link("The report's page on the site."),
            "entries": {"type": "array", "items": ref("ReportEntry")},
        },
    )


def _nullable_choice(description: str, values) -> dict:
    return {"type": ["string", "null"], "description": description, "enum": [*values, None]}


def _comment() -> dict:
    return obj(
        "A published comment (hidden, held and withdrawn comments never appear).",
        {
            "id": integer("The comment's number; its page is /comments/{id}.", minimum=1),
            "parent_id": nullable(
                integer("The comment it replies to (which may no longer be shown).", minimum=1)
            ),
            "version": integer("The number of the policy version it was made on.", minimum=1),
            "author": nullable(string("The author's public name; null: an anonymous resident.")),
            "neighborhood": nullable(string("The neighborhood the author gave.")),
            "stance": _nullable_choice("The stance the author chose.", STANCES),
            "section": nullable(string("The key of the section it is about; null: the whole.")),
            "channel": string("How it reached the city.", enum=list(CHANNELS)),
            "language": nullable(string("The language code it was written or spoken in.")),
            "body_html": html("The comment."),
            "created_at": moment("When it was posted or entered"),
            "received_at": moment("When the city received it (for letters, calls ...)"),
            "edited_at": nullable(moment("When its author last edited it")),
            "endorsements": integer("How many people endorsed it.", minimum=0),
            "is_official_response": {
                "type": "boolean",
                "description": "Whether it is the city's official response.",
            },
            "is_late": {
                "type": "boolean",
                "description": "Whether it arrived after the deadline (periods that accept it).",
            },
        },
    )


def _campaign() -> dict:
    return obj(
        "Identical or near-identical published comments: copies of one form letter.",
        {
            "id": integer("Its number (the `campaign` filter of the comments).", minimum=1),
            "size": integer("How many of its copies are published.", minimum=2),
            "representative_comment_id": integer(
                "A published copy that stands for the others (the most typical).", minimum=1
            ),
        },
    )


def _organization() -> dict:
    return obj(
        "A partner organization verified by the city (applications never appear).",
        {
            "slug": string("Stable identifier, used in URLs."),
            "name": string("The organization's name."),
            "mission": html("What the organization does and for whom."),
            "neighborhoods": {
                "type": "array",
                "description": "The neighborhoods it serves (the `neighborhood` filter).",
                "items": {"type": "string"},
            },
            "languages": {
                "type": "array",
                "description": "Codes of the languages its members speak (the `language` filter).",
                "items": {"type": "string"},
            },
            "website": nullable(link("Its website, if it gave one.")),
            "logo_url": nullable(link("Its logo (PNG, at most 512 pixels a side), if any.")),
            "url": link("The organization's page on the site."),
        },
    )


def _list_of(item: str) -> dict:
    return obj(
        f"A page of {item} items.",
        {
            "data": {"type": "array", "items": ref(item)},
            "meta": ref("PageMeta"),
            "links": ref("PageLinks"),
        },
    )


def _page_meta() -> dict:
    return obj(
        "Where this page sits.",
        {
            "page": integer("This page, from 1.", minimum=1, maximum=MAX_PAGE),
            "per_page": integer("Items per page.", minimum=1, maximum=MAX_PER_PAGE),
            "total": integer("Items matching the filters, on all pages.", minimum=0),
        },
    )


def _page_links() -> dict:
    return obj(
        "Absolute URLs of the neighbouring pages, with the same filters; null at either end.",
        {
            "next": nullable(link("The next page.")),
            "prev": nullable(link("The previous page.")),
        },
    )


def _error() -> dict:
    detail = obj(
        "What went wrong.",
        {
            "status": integer("The HTTP status code."),
            "title": string("A short summary."),
            "detail": string("An explanation, in the request's language."),
        },
    )
    detail["properties"]["parameter"] = string("The query parameter at fault (400 only).")
    return obj("An error.", {"error": detail})


def schemas() -> dict:
    return {
        "Version": _version(),
        "Extension": _extension(),
        "CommentPeriod": _period(),
        "Policy": obj("A surveillance use policy.", _policy_properties()),
        "PolicyDetail": _policy_detail(),
        "DataSharing": _sharing(),
        "ReportEntry": _entry(),
        "AnnualReport": _report(),
        "PageMeta": _page_meta(),
        "PageLinks": _page_links(),
        "PolicyList": _list_of("Policy"),
        "AnnualReportList": _list_of("AnnualReport"),
        "Comment": _comment(),
        "CommentList": _list_of("Comment"),
        "Campaign": _campaign(),
        "CampaignList": _list_of("Campaign"),
        "Organization": _organization(),
        "OrganizationList": _list_of("Organization"),
        **_event_schemas(),
        **_summary_schemas(),
        "Error": _error(),
    }


def _event_schemas() -> dict:
    from engage.api.events import event_schema  # it builds on this module's helpers

    return {"Event": event_schema(), "EventList": _list_of("Event")}


def _summary_schemas() -> dict:
    from engage.api import summaries  # it builds on this module's helpers

    return {
        "Summary": summaries.summary_schema(),
        "SummaryCounts": summaries.counts_schema(),
        "SummaryList": _list_of("Summary"),
    }
