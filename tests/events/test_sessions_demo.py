"""The demo's listening sessions: several languages, a full one with a waitlist, past ones."""

from engage.demo import load_demo
from engage.demo.events import load_events
from engage.events.models import Event, EventKind, Registration
from engage.extensions import db
from engage.types import utcnow


def _sessions() -> list[Event]:
    return list(
        db.session.scalars(db.select(Event).where(Event.kind == EventKind.LISTENING_SESSION.value))
    )


def test_demo_sessions(ctx):
    lines = load_demo()
    assert any(line.startswith("listening sessions: 10 added") for line in lines)
    sessions = _sessions()
    now = utcnow()
    upcoming = [e for e in sessions if e.starts_at > now]
    past = [e for e in sessions if e.ends_at <= now]
    assert len(upcoming) >= 6 and 2 <= len(past) <= 3
    assert all(e.organization.is_verified for e in sessions)
    assert len({code for e in sessions for code in e.languages}) >= 5
    assert any("asl" in e.interpretation for e in sessions)
    assert any(e.online and not e.in_person for e in upcoming)
    assert any(e.in_person and not e.online for e in upcoming)
    assert all(e.meeting_link.startswith("https://") for e in sessions if e.online)
    registrations = db.session.scalars(db.select(Registration)).all()
    assert any(
        r.interpretation_language or r.needs_asl or r.accommodation_other for r in registrations
    )
    full = [e for e in upcoming if e.capacity and _count(e, "confirmed") == e.capacity]
    assert full and _count(full[0], "waitlisted") >= 2
    assert all(_count(e, "confirmed") for e in past)
    assert load_events() == [
        "listening sessions: 0 added, 0 sign-ups, 0 residents added for sign-ups"
    ]
    assert len(_sessions()) == len(sessions)


def _count(event: Event, status: str) -> int:
    return sum(1 for r in event.registrations if r.status == status)


def test_without_demo_organizations_nothing_is_added(ctx):
    assert load_events() == [
        "listening sessions: no verified demo organization yet, so none were added"
    ]
    assert _sessions() == []
