"""Calendar files (RFC 5545) for sessions, city meetings, and feeds.

Times are written in UTC (``DTSTART:20260310T230000Z``), so no VTIMEZONE is needed and
every calendar shows them in its own zone. The meeting link is never written: calendar
files are public and get forwarded.
"""

import html
import re
from datetime import UTC, datetime, timedelta
from urllib.parse import urlsplit

from flask import current_app
from flask_babel import gettext as _
from icalendar import Calendar, vText
from icalendar import Event as VEvent
from sqlalchemy import Select, or_
from sqlalchemy.orm import selectinload

from engage.events.models import CITY_MEETING_KINDS, Event, EventStatus
from engage.extensions import db
from engage.orgs.models import Organization, OrgStatus
from engage.policies.models import Policy
from engage.types import utcnow

PRODID = "-//Engage//Surveillance technology policies//EN"

_BREAKS = re.compile(r"<br\s*/?>|</(p|li|h[1-6]|blockquote|pre)>", re.IGNORECASE)
_TAGS = re.compile(r"<[^>]+>")
_BLANKS = re.compile(r"\n{3,}")


def _base_url() -> str:
    return current_app.config["ENGAGE_BASE_URL"].rstrip("/")


def event_path(event: Event) -> str:
    """The public page of an event: /meetings/<id> for city meetings, else /events/<id>."""
    if event.kind in CITY_MEETING_KINDS:
        return f"/meetings/{event.id}"
    return f"/events/{event.id}"


def event_url(event: Event) -> str:
    return _base_url() + event_path(event)


def event_uid(event: Event) -> str:
    """Stable across edits: only the id and the site's host."""
    host = urlsplit(_base_url()).hostname or "engage.local"
    return f"event-{event.id}@{host}"


def html_to_text(markup: str) -> str:
    """Plain text of sanitized HTML, keeping paragraph breaks."""
    text = _BREAKS.sub("\n", markup or "")
    text = html.unescape(_TAGS.sub("", text))
    lines = [re.sub(r"[ \t]+", " ", line).strip() for line in text.split("\n")]
    return _BLANKS.sub("\n\n", "\n".join(lines)).strip()


def _location(event: Event) -> str:
    parts = []
    if event.in_person:
        parts = [p.strip() for p in (event.venue, event.address) if p and p.strip()]
    if event.online:
        parts.append(_("Online"))  # in the reader's language, like the rest of the file
    return ", ".join(parts)


def _description(event: Event) -> str:
    text = html_to_text(event.description_html)
    url = event_url(event)
    return f"{text}\n\n{url}" if text else url


def _utc(value: datetime) -> datetime:
    return value.astimezone(UTC)


def _vevent(event: Event, stamp: datetime) -> VEvent:
    cancelled = event.status == EventStatus.CANCELLED
    vevent = VEvent()
    vevent.add("uid", event_uid(event))
    vevent.add("dtstamp", stamp)
    vevent.add("dtstart", _utc(event.starts_at))
    vevent.add("dtend", _utc(event.ends_at))
    vevent.add("sequence", event.sequence or 0)
    vevent.add("status", "CANCELLED" if cancelled else "CONFIRMED")
    vevent.add("summary", event.title)
    vevent.add("description", _description(event))
    location = _location(event)
    if location:
        vevent.add("location", location)
    vevent.add("url", event_url(event))
    if event.updated_at:
        vevent.add("last-modified", _utc(event.updated_at))
    return vevent


def _calendar(method: str | None = None, name: str | None = None) -> Calendar:
    cal = Calendar()
    cal.add("prodid", PRODID)
    cal.add("version", "2.0")
    cal.add("calscale", "GREGORIAN")
    if method:
        cal.add("method", method)
    if name:
        cal.add("x-wr-calname", vText(name))
    return cal


def event_ics(event: Event, *, method: str = "PUBLISH") -> bytes:
    """One event as an iCalendar file (bytes, UTF-8, CRLF, folded at 75 octets)."""
    cal = _calendar(method=method)
    cal.add_component(_vevent(event, utcnow().replace(microsecond=0)))
    return cal.to_ical()


def events_ics(events, name: str) -> bytes:
    """A feed of events, named `name` in calendar apps (X-WR-CALNAME)."""
    cal = _calendar(method="PUBLISH", name=name)
    stamp = utcnow().replace(microsecond=0)
    for event in events:
        cal.add_component(_vevent(event, stamp))
    return cal.to_ical()


# The name the EVENTS helper's confirmation mail may use.
def calendar_for(event: Event) -> bytes:
    return event_ics(event, method="PUBLISH")


# What the feeds list ---------------------------------------------------------------------

# Feeds keep a month of past events, so a subscribed calendar doesn't lose last week's session.
FEED_HISTORY = timedelta(days=30)


def is_public(event: Event) -> bool:
    """City meetings and sessions of verified organizations are public; nothing else is."""
    if event.organization_id is None:
        return True
    return event.organization is not None and event.organization.status == OrgStatus.VERIFIED


def public_events() -> Select:
    """Events anyone may see: the city's meetings and verified organizations' sessions."""
    verified = db.select(Organization.id).where(Organization.status == OrgStatus.VERIFIED.value)
    return db.select(Event).where(
        or_(Event.organization_id.is_(None), Event.organization_id.in_(verified))
    )


def feed_events(statement: Select | None = None) -> list[Event]:
    """Recent and upcoming public events (cancelled ones too, so calendars drop them)."""
    statement = public_events() if statement is None else statement
    return list(
        db.session.scalars(
            statement.where(Event.ends_at >= utcnow() - FEED_HISTORY)
            .options(selectinload(Event.organization))
            .order_by(Event.starts_at, Event.id)
        )
    )


def organization_feed(organization: Organization) -> list[Event]:
    return feed_events(public_events().where(Event.organization_id == organization.id))


def policy_feed(policy: Policy) -> list[Event]:
    return feed_events(public_events().where(Event.policies.any(Policy.id == policy.id)))


def city_name() -> str:
    return current_app.config["ENGAGE_CITY_NAME"]
