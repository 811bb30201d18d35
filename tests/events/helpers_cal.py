"""Test data for calendars, reports, meetings and the events API (the CALENDARS helper's).

Objects are built directly, so these tests don't depend on the session services.
"""

import itertools
from datetime import timedelta

from engage.events.models import Event, EventKind, Registration
from engage.extensions import db
from engage.orgs.models import Membership, Organization
from engage.sanitize import render_markdown
from engage.types import utcnow
from tests import factories

_seq = itertools.count(1)


def make_org(status: str = "verified", members=(), admins=(), **fields) -> Organization:
    n = next(_seq)
    organization = Organization(
        slug=fields.pop("slug", f"org-{n}"),
        name=fields.pop("name", f"Neighborhood Group {n}"),
        status=status,
        neighborhoods=fields.pop("neighborhoods", ["Dorchester"]),
        languages=fields.pop("languages", ["en", "es"]),
        **fields,
    )
    db.session.add(organization)
    db.session.flush()
    for user in members:
        db.session.add(Membership(organization=organization, user_id=user.id, role="member"))
    for user in admins:
        db.session.add(Membership(organization=organization, user_id=user.id, role="admin"))
    db.session.flush()
    return organization


def make_event(organization=None, policies=(), starts_in=timedelta(days=7), **fields) -> Event:
    """A listening session of `organization` (or a city meeting when kind says so)."""
    n = next(_seq)
    starts = fields.pop("starts_at", utcnow().replace(microsecond=0) + starts_in)
    description = fields.pop("description", "We will talk about **cameras**.")
    event = Event(
        kind=fields.pop("kind", EventKind.LISTENING_SESSION.value),
        organization=organization,
        title=fields.pop("title", f"Session {n}"),
        description_md=description,
        description_html=render_markdown(description),
        starts_at=starts,
        ends_at=fields.pop("ends_at", starts + timedelta(hours=2)),
        venue=fields.pop("venue", "Fields Corner Library"),
        address=fields.pop("address", "1520 Dorchester Ave, Boston, MA 02122"),
        languages=fields.pop("languages", ["en"]),
        interpretation=fields.pop("interpretation", []),
        meeting_link=fields.pop("meeting_link", "https://meet.example.org/secret-room-42"),
        **fields,
    )
    event.policies = list(policies)
    db.session.add(event)
    db.session.flush()
    return event


def make_meeting(policies=(), reports=(), kind=EventKind.HEARING.value, **fields) -> Event:
    fields.setdefault("title", "Committee hearing")
    fields.setdefault("testimony_open", True)
    event = make_event(None, policies, kind=kind, **fields)
    event.annual_reports = list(reports)
    db.session.flush()
    return event


def past_event(organization, policies=(), **fields) -> Event:
    return make_event(organization, policies, starts_in=timedelta(days=-3), **fields)


def register(event: Event, user=None, status: str = "confirmed") -> Registration:
    user = user or factories.make_user()
    registration = Registration(
        event=event,
        user_id=user.id,
        status=status,
        waitlisted_at=utcnow() if status == "waitlisted" else None,
        needs_asl=True,
        accommodation_other="Wheelchair seating please",
    )
    db.session.add(registration)
    db.session.flush()
    return registration


def browser_seed(staff, policy) -> dict:
    """For the axe pages: a city meeting taking testimony (one speaker) and a filed report."""
    from engage.events.services import meetings, reports

    meeting = make_meeting([policy], title="Council hearing on body-worn cameras", online=True)
    meetings.sign_up_to_speak(factories.make_user(), meeting, "in_person", "Retention")
    session = past_event(make_org(), [policy], title="Cameras: what we heard")
    data = reports.ReportData(
        attendance=12,
        themes="retention, cost",
        findings={policy.id: "People asked how long footage is kept."},
        quotes=[reports.QuoteData("Who watches the tapes?", "A resident", True)],
    )
    reports.file_report(staff, session, data)
    return {"meeting_id": meeting.id, "report_event_id": session.id}
