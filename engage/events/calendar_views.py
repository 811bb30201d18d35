"""Calendar files (RFC 5545) for sessions, organizations and policies."""

from flask import Blueprint, Response, abort
from flask_babel import gettext as _

from engage.events.models import Event
from engage.events.services import calendars
from engage.extensions import db
from engage.orgs.models import Organization, OrgStatus
from engage.permissions import public
from engage.policies.models import Policy

bp = Blueprint("event_calendars", __name__)

CONTENT_TYPE = "text/calendar; charset=utf-8"


def _calendar(data: bytes, filename: str, disposition: str = "inline") -> Response:
    response = Response(data, content_type=CONTENT_TYPE)
    response.headers["Content-Disposition"] = f'{disposition}; filename="{filename}"'
    response.cache_control.no_cache = True
    return response


def _slug(slug: str) -> str:
    if "\x00" in slug or len(slug) > 120:
        abort(404)
    return slug


@bp.route("/events/<int:event_id>.ics")
@public
def event_ics(event_id: int):
    """One event; a cancelled one is still served, with STATUS:CANCELLED."""
    event = db.get_or_404(Event, event_id)
    if not calendars.is_public(event):
        abort(404)
    return _calendar(calendars.event_ics(event), f"event-{event.id}.ics", "attachment")


@bp.route("/events.ics")
@public
def events_ics():
    name = _("%(city)s: listening sessions and public meetings", city=calendars.city_name())
    return _calendar(calendars.events_ics(calendars.feed_events(), name), "events.ics")


@bp.route("/organizations/<slug>/events.ics")
@public
def organization_ics(slug: str):
    organization = db.first_or_404(
        db.select(Organization).where(
            Organization.slug == _slug(slug), Organization.status == OrgStatus.VERIFIED.value
        )
    )
    events = calendars.organization_feed(organization)
    name = _("%(organization)s: listening sessions", organization=organization.name)
    return _calendar(calendars.events_ics(events, name), f"{organization.slug}-events.ics")


@bp.route("/policies/<slug>/events.ics")
@public
def policy_ics(slug: str):
    policy = db.first_or_404(db.select(Policy).where(Policy.slug == _slug(slug)))
    events = calendars.policy_feed(policy)
    name = _("Sessions and meetings about %(policy)s", policy=policy.title)
    return _calendar(calendars.events_ics(events, name), f"{policy.slug}-events.ics")
