"""/api/v1/summaries: the summaries sent to the oversight board, as they were frozen.

Read from SummaryVersion.data (the numbers the summary job stored, engage/board/compute.py),
never recomputed. A summary appears once a version was sent; drafts never do. Only counts,
ids and theme names: never a quote (a quoted comment may have been hidden since).
Kept apart from the other API modules, like events.py; views.py, openapi.py and schemas.py
refer to it.
"""

from dataclasses import dataclass
from datetime import UTC, datetime

from flask import url_for
from flask_babel import gettext
from flask_babel import lazy_gettext as _l
from sqlalchemy import Select, func
from sqlalchemy.orm import selectinload
from werkzeug.datastructures import MultiDict

from engage.api.pagination import absolute_url
from engage.api.params import MAX_ID, ApiError, int_param, text_param
from engage.api.schemas import integer, link, moment, nullable, obj, ref, string
from engage.api.serializers import timestamp
from engage.board.models import Summary, SummaryVersion
from engage.extensions import db
from engage.policies.models import Policy

TALLIES = ("by_stance", "by_section", "by_neighborhood", "by_channel", "by_language")
TOTALS = ("comments", "commenters", "replies", "official_responses")


# Parameters --------------------------------------------------------------------------------


@dataclass(frozen=True)
class SummaryFilters:
    policy: str = ""


def summary_filters(args: MultiDict) -> SummaryFilters:
    return SummaryFilters(policy=text_param(args, "policy"))


def version_param(args: MultiDict) -> int | None:
    """`version`: a version number; None (the latest sent) when absent."""
    return int_param(args, "version", 1, MAX_ID)


def not_found(summary_id: int) -> ApiError:
    detail = gettext("No summary sent to the board has the id %(id)d.", id=summary_id)
    return ApiError(404, _l("Not found"), detail)


# Queries -----------------------------------------------------------------------------------


def _loaded(statement: Select) -> Select:
    return statement.options(selectinload(SummaryVersion.summary).selectinload(Summary.policy))


def summaries_statement(filters: SummaryFilters) -> Select:
    """Each sent summary once, as its latest version: the latest sent first."""
    latest = (
        db.select(func.max(SummaryVersion.number))
        .where(SummaryVersion.summary_id == Summary.id)
        .correlate(Summary)
        .scalar_subquery()
    )
    statement = (
        db.select(SummaryVersion)
        .join(Summary, Summary.id == SummaryVersion.summary_id)
        .where(SummaryVersion.number == latest)
    )
    if filters.policy:
        policies = db.select(Policy.id).where(Policy.slug == filters.policy)
        statement = statement.where(Summary.policy_id.in_(policies))
    return _loaded(statement.order_by(SummaryVersion.sent_at.desc(), SummaryVersion.id.desc()))


def summary_version(summary_id: int, number: int | None) -> SummaryVersion | None:
    """Version `number` of the summary (the latest sent when None); None if it was not sent."""
    if not 0 < summary_id <= MAX_ID:
        return None  # beyond any id, and beyond what SQLite can compare
    statement = db.select(SummaryVersion).where(SummaryVersion.summary_id == summary_id)
    if number is not None:
        statement = statement.where(SummaryVersion.number == number)
    statement = statement.order_by(SummaryVersion.number.desc()).limit(1)
    return db.session.scalar(_loaded(statement))


# Serializers -------------------------------------------------------------------------------


def _moment(value: str | None) -> str | None:
    """A stored ISO 8601 moment as RFC 3339 UTC (stored moments are UTC)."""
    if not value:
        return None
    parsed = datetime.fromisoformat(value)
    return timestamp(parsed if parsed.tzinfo else parsed.replace(tzinfo=UTC))


def _period(summary: Summary, data: dict) -> dict:
    """The period as it was when the version was frozen (the live one if the data lacks it)."""
    stored = data.get("period") or {}
    period = summary.period
    return {
        "opens_at": _moment(stored.get("opens_at")) or timestamp(period.opens_at),
        "closes_at": _moment(stored.get("closes_at")) or timestamp(period.closes_at),
    }


def _counts(counts: dict) -> dict:
    numbers = {name: int(counts.get(name) or 0) for name in TOTALS}
    tallies = {name: dict(counts.get(name) or {}) for name in TALLIES}
    days = [{"date": day, "count": count} for day, count in counts.get("by_day") or []]
    return {**numbers, **tallies, "by_day": days}


def summary_url(summary: Summary, number: int) -> str:
    path = url_for("board.summary", slug=summary.policy.slug, summary=summary.id, version=number)
    return absolute_url(path)


def summary_item(version: SummaryVersion) -> dict:
    """One frozen version: ids, counts and names only."""
    summary, data = version.summary, version.data or {}
    return {
        "id": summary.id,
        "policy": summary.policy.slug,
        "version": version.number,
        "sent_at": timestamp(version.sent_at),
        "period": _period(summary, data),
        "counts": _counts(data.get("counts") or {}),
        "campaigns": [{"id": c["id"], "size": c["size"]} for c in data.get("campaigns") or []],
        "themes": [{"name": t["name"], "count": t["count"]} for t in data.get("themes") or []],
        "sessions": [
            {"id": s["id"], "attendance": s.get("attendance")} for s in data.get("sessions") or []
        ],
        "url": summary_url(summary, version.number),
    }


def summary_items(versions: list[SummaryVersion]) -> list[dict]:
    return [summary_item(version) for version in versions]


# Schemas and parameters for the OpenAPI document ---------------------------------------------


def _tally(description: str) -> dict:
    return {
        "type": "object",
        "description": description,
        "additionalProperties": {"type": "integer", "minimum": 0},
    }


def _count(description: str) -> dict:
    return integer(description, minimum=0)


def counts_schema() -> dict:
    day = obj(
        "The comments received on one day.",
        {
            "date": string("The day, in the city's time zone.", format="date"),
            "count": _count("Comments received that day."),
        },
    )
    return obj(
        "What the summary counted.",
        {
            "comments": _count(
                "Every published comment on that version, replies included, official responses not."
            ),
            "commenters": _count(
                "Distinct people: each account once; each comment entered for someone without "
                "an account, once."
            ),
            "replies": _count("Published replies (among `comments`)."),
            "official_responses": _count("The city's official responses."),
            "by_stance": _tally("Comments per stance; `none`: no stance given."),
            "by_section": _tally("Comments per section key; `general`: the whole policy."),
            "by_neighborhood": _tally("Comments per neighborhood; `not given`: none given."),
            "by_channel": _tally("Comments per channel: web, email, letter, phone, meeting."),
            "by_language": _tally("Comments per language code; `unknown`: not known."),
            "by_day": {
                "type": "array",
                "description": "Every day of the period, oldest first, zeros included.",
                "items": day,
            },
        },
    )


def summary_schema() -> dict:
    period = obj(
        "The comment period summarized, as it stood when the version was sent.",
        {"opens_at": moment("When comment opened"), "closes_at": moment("The deadline")},
    )
    campaign = obj(
        "A campaign (copies of one form letter): one voice with `size` signatures.",
        {
            "id": integer("The campaign's number.", minimum=1),
            "size": _count("Its published copies in the period."),
        },
    )
    theme = obj(
        "A theme staff tagged comments with.",
        {"name": string("The theme's name."), "count": _count("Comments tagged with it.")},
    )
    session = obj(
        "A listening session that informed the period (its report is public).",
        {
            "id": integer("The event's number (/api/v1/events/{id}).", minimum=1),
            "attendance": nullable(_count("People who attended, as the report says.")),
        },
    )
    return obj(
        "A summary sent to the oversight board, as frozen in one version (drafts never appear).",
        {
            "id": integer("The summary's number (one per comment period).", minimum=1),
            "policy": string("The policy's slug."),
            "version": integer("The version number; later changes make a new one.", minimum=1),
            "sent_at": moment("When this version was sent to the board"),
            "period": period,
            "counts": ref("SummaryCounts"),
            "campaigns": {"type": "array", "description": "Largest first.", "items": campaign},
            "themes": {"type": "array", "description": "Most tagged first.", "items": theme},
            "sessions": {"type": "array", "description": "Oldest first.", "items": session},
            "url": link("The summary's public page (this version)."),
        },
    )


def parameters(text_query, query) -> dict:
    """The summaries endpoints' parameters, built with openapi.py's helpers."""
    return {
        "summary_policy": text_query("policy", "A policy's slug: that policy's summaries."),
        "summary_version": query(
            "version",
            "A version number; the latest sent when absent.",
            {"type": "integer", "minimum": 1, "maximum": MAX_ID},
        ),
        "summary_id": {
            "name": "summary_id",
            "in": "path",
            "required": True,
            "description": "The summary's number.",
            "schema": {"type": "integer", "minimum": 1},
        },
    }
