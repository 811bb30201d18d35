"""Small factories for the listening-session tests (organizations, sessions, sign-ups)."""

import itertools
from datetime import timedelta

from engage.events import services
from engage.events.models import Event, EventKind
from engage.extensions import db
from engage.orgs.models import Membership, Organization, OrgStatus
from engage.types import utcnow
from tests import factories

_seq = itertools.count(1)


def make_org(status: str = OrgStatus.VERIFIED.value, members=(), admins=()) -> Organization:
    n = next(_seq)
    org = Organization(
        slug=f"test-org-{n}",
        name=f"Test Neighbors {n}",
        status=status,
        neighborhoods=["Dorchester"],
        languages=["en", "es"],
    )
    db.session.add(org)
    db.session.flush()
    for user in members:
        db.session.add(Membership(organization_id=org.id, user_id=user.id, role="member"))
    for user in admins:
        db.session.add(Membership(organization_id=org.id, user_id=user.id, role="admin"))
    db.session.flush()
    return org


def session_data(policies, **overrides) -> services.SessionData:
    """A valid session a month from now, in person in Dorchester, for `policies`."""
    start = (utcnow() + timedelta(days=30)).replace(microsecond=0, second=0)
    values = {
        "title": "Cameras on our streets",
        "description": "Bring your **questions**.",
        "policy_ids": [p.id for p in policies],
        "starts_at": start,
        "ends_at": start + timedelta(minutes=90),
        "in_person": True,
        "venue": "Codman Square Library",
        "address": "690 Washington St, Dorchester",
        "neighborhood": "Dorchester",
        "accessibility_notes": "Step-free entrance on Norfolk St.",
        "online": False,
        "meeting_link": "",
        "languages": ["en", "es"],
        "interpretation": ["asl", "ht"],
        "capacity": 20,
    }
    values.update(overrides)
    return services.SessionData(**values)


def make_session(org=None, actor=None, policies=None, **overrides) -> Event:
    """A session posted through the service by a member of a verified organization."""
    actor = actor or factories.make_user()
    org = org or make_org(members=[actor])
    policies = policies or [factories.make_policy()]
    return services.create_session(actor, org, session_data(policies, **overrides))


def make_past_session(org, policies, days_ago: int = 10, **fields) -> Event:
    """A session that already happened, written directly (the service refuses past starts)."""
    start = utcnow() - timedelta(days=days_ago)
    event = Event(
        kind=EventKind.LISTENING_SESSION.value,
        organization=org,
        title=fields.pop("title", "What we heard last time"),
        starts_at=start,
        ends_at=start + timedelta(hours=2),
        in_person=True,
        venue="Library",
        address="1 Main St",
        languages=["en"],
        interpretation=[],
        **fields,
    )
    event.policies = list(policies)
    db.session.add(event)
    db.session.flush()
    return event


def sign_up_people(event, count: int, waitlist: bool = True) -> list:
    """`count` new residents signed up for `event`, in order."""
    people = [factories.make_user() for _ in range(count)]
    return [services.sign_up(person, event, waitlist=waitlist) for person in people]


def events_browser_seed(staff, policy, resident) -> dict:
    """Sessions for the axe pages: an online one where `resident` has a seat, a full one
    with a waitlist, and a past one; `staff` is a member of the hosting organization."""
    org = make_org(admins=[staff])
    org.name = "Dorchester Listening Circle"
    online = make_session(
        org,
        staff,
        [policy],
        title="Body cameras: an evening online and in person",
        online=True,
        meeting_link="https://meet.example.org/axe-room",
        capacity=10,
    )
    services.sign_up(
        resident, online, services.Accommodations("es", needs_cart=True, other="Large print")
    )
    full = make_session(org, staff, [policy], title="A small tenants' session", capacity=1)
    sign_up_people(full, 3)
    make_past_session(org, [policy], title="Our first body-camera session")
    return {"session_id": online.id, "full_session_id": full.id, "session_org": org.slug}
