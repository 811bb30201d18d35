"""/api/v1/events: listening sessions and city meetings, public fields only.

Never an attendee's name, an accommodation request, or a meeting link: seats are counts.
Kept apart from the other API modules; views.py, openapi.py and schemas.py refer to it.
"""

from dataclasses import dataclass

from flask import url_for
from flask_babel import gettext
from flask_babel import lazy_gettext as _l
from sqlalchemy import Select, String, cast
from sqlalchemy.orm import selectinload
from werkzeug.datastructures import MultiDict

from engage.api.pagination import absolute_url
from engage.api.params import ApiError, choice_param, text_param
from engage.api.schemas import integer, link, moment, nullable, obj, string
from engage.api.serializers import timestamp
from engage.events.models import Event, EventKind, EventStatus, event_policies
from engage.events.services.calendars import event_path, public_events
from engage.events.session_queries import seat_counts
from engage.extensions import db
from engage.orgs.models import Organization
from engage.policies.models import Policy
from engage.reference import language_codes
from engage.types import utcnow

KINDS = tuple(kind.value for kind in EventKind)
EVENT_STATUSES = tuple(status.value for status in EventStatus)
WHEN = ("upcoming", "past", "all")


# Parameters --------------------------------------------------------------------------------


@dataclass(frozen=True)
class EventFilters:
    policy: str = ""
    organization: str = ""
    language: str = ""
    when: str = "upcoming"


def event_filters(args: MultiDict) -> EventFilters:
    return EventFilters(
        policy=text_param(args, "policy"),
        organization=text_param(args, "organization"),
        language=choice_param(args, "language", tuple(sorted(language_codes()))),
        when=choice_param(args, "when", WHEN) or "upcoming",
    )


def not_found(event_id: int) -> ApiError:
    detail = gettext("No public event has the id %(id)d.", id=event_id)
    return ApiError(404, _l("Not found"), detail)


# Queries -----------------------------------------------------------------------------------


def _loaded(statement: Select) -> Select:
    return statement.options(selectinload(Event.organization), selectinload(Event.policies))


def events_statement(filters: EventFilters) -> Select:
    """Public events matching `filters`: upcoming soonest first, past latest first."""
    statement = public_events()
    if filters.policy:
        linked = db.select(event_policies.c.event_id).join(
            Policy, Policy.id == event_policies.c.policy_id
        )
        statement = statement.where(Event.id.in_(linked.where(Policy.slug == filters.policy)))
    if filters.organization:
        ids = db.select(Organization.id).where(Organization.slug == filters.organization)
        statement = statement.where(Event.organization_id.in_(ids))
    if filters.language:
        # JSON lists: match the quoted code, which works on SQLite and PostgreSQL alike.
        statement = statement.where(cast(Event.languages, String).like(f'%"{filters.language}"%'))
    now = utcnow()
    if filters.when == "past":
        statement = statement.where(Event.ends_at <= now)
        return _loaded(statement.order_by(Event.starts_at.desc(), Event.id.desc()))
    if filters.when == "upcoming":
        statement = statement.where(Event.ends_at > now)
    return _loaded(statement.order_by(Event.starts_at, Event.id))


def event_statement(event_id: int) -> Select:
    return _loaded(public_events().where(Event.id == event_id))


# Serializers -------------------------------------------------------------------------------


def public_status(event: Event) -> str:
    """Scheduled, cancelled, or completed once it has ended."""
    if event.status == EventStatus.SCHEDULED and event.ends_at <= utcnow():
        return EventStatus.COMPLETED.value
    return event.status


def event_item(event: Event, counts: dict[str, int]) -> dict:
    confirmed, waitlisted = counts.get("confirmed", 0), counts.get("waitlisted", 0)
    seats_left = None if event.capacity is None else max(event.capacity - confirmed, 0)
    place = {"venue": event.venue, "address": event.address} if event.in_person else None
    return {
        "id": event.id,
        "title": event.title,
        "kind": event.kind,
        "organization": event.organization.slug if event.organization else None,
        "policies": [policy.slug for policy in event.policies],
        "starts_at": timestamp(event.starts_at),
        "ends_at": timestamp(event.ends_at),
        "in_person": place,
        "online": bool(event.online),
        "languages": list(event.languages or []),
        "interpretation": list(event.interpretation or []),
        "capacity": event.capacity,
        "seats_left": seats_left,
        "waitlist_count": waitlisted,
        "status": public_status(event),
        "url": absolute_url(event_path(event)),
        "ics_url": absolute_url(url_for("event_calendars.event_ics", event_id=event.id)),
    }


def event_items(events: list[Event]) -> list[dict]:
    counts = seat_counts(events)  # one grouped query for the page
    return [event_item(event, counts[event.id]) for event in events]


# Schemas and parameters for the OpenAPI document ---------------------------------------------


def _strings(description: str) -> dict:
    return {"type": "array", "description": description, "items": {"type": "string"}}


def event_schema() -> dict:
    place = obj(
        "Where it happens in person.",
        {"venue": string("The venue's name."), "address": string("The street address.")},
    )
    return obj(
        "A listening session or a city meeting (attendees and meeting links are never public).",
        {
            "id": integer("The event's number; its calendar file is /events/{id}.ics.", minimum=1),
            "title": string("The event's title."),
            "kind": string("What kind of event it is.", enum=list(KINDS)),
            "organization": nullable(
                string("The hosting organization's slug; null for the city's own meetings.")
            ),
            "policies": _strings("Slugs of the policies it is about."),
            "starts_at": moment("When it starts"),
            "ends_at": moment("When it ends"),
            "in_person": nullable(place),
            "online": {
                "type": "boolean",
                "description": "Whether people can join online (the link goes to attendees only).",
            },
            "languages": _strings("Codes of the languages spoken."),
            "interpretation": _strings("Interpretation offered: `asl`, `cart`, language codes."),
            "capacity": nullable(integer("Seats in all; null: no limit.", minimum=1)),
            "seats_left": nullable(integer("Seats still free; null: no limit.", minimum=0)),
            "waitlist_count": integer("People on the waitlist.", minimum=0),
            "status": string("Where it stands.", enum=list(EVENT_STATUSES)),
            "url": link("The event's page on the site."),
            "ics_url": link("Its calendar file (iCalendar, RFC 5545)."),
        },
    )


def parameters(text_query, query) -> dict:
    """The events endpoints' parameters, built with openapi.py's helpers."""
    return {
        "event_policy": text_query("policy", "A policy's slug: events about that policy."),
        "event_organization": text_query(
            "organization", "An organization's slug: the sessions it hosts."
        ),
        "event_language": text_query(
            "language", "A language code: events where it is spoken.", enum=sorted(language_codes())
        ),
        "event_when": text_query(
            "when",
            "`upcoming` (the default: not yet ended, soonest first), `past` (latest first) "
            "or `all`.",
            enum=list(WHEN),
        ),
        "event_id": {
            "name": "event_id",
            "in": "path",
            "required": True,
            "description": "The event's number.",
            "schema": {"type": "integer", "minimum": 1},
        },
    }
