"""Creating, editing and cancelling listening sessions (services)."""

import base64
from datetime import timedelta

import pytest

from engage.audit import AuditEntry
from engage.events import services
from engage.events.models import Event, EventStatus, RegistrationStatus
from engage.extensions import db
from engage.orgs.models import OrgStatus
from engage.types import utcnow
from tests import factories
from tests.events.helpers_events import make_org, make_session, session_data, sign_up_people


def _audit(action: str) -> list[AuditEntry]:
    return db.session.scalars(db.select(AuditEntry).where(AuditEntry.action == action)).all()


def _count_events() -> int:
    return db.session.scalar(db.select(db.func.count(Event.id)))


@pytest.fixture
def member(ctx):
    return factories.make_user(display_name="Dana Organizer")


@pytest.fixture
def org(member):
    return make_org(members=[member])


@pytest.fixture
def policies(ctx):
    return [factories.make_policy(title="Cameras"), factories.make_policy(title="Drones")]


def test_member_of_verified_org_creates_a_session(member, org, policies):
    event = services.create_session(member, org, session_data(policies))
    assert event.id and event.organization is org
    assert {p.title for p in event.policies} == {"Cameras", "Drones"}
    assert event.description_html == "<p>Bring your <strong>questions</strong>.</p>"
    assert event.starts_at.tzinfo is not None
    assert event.registration_deadline == event.starts_at
    assert event.accommodation_deadline == event.starts_at - timedelta(days=14)
    assert event.sequence == 0 and event.status == EventStatus.SCHEDULED
    assert event.languages == ["en", "es"] and event.interpretation == ["asl", "ht"]
    [entry] = _audit("event.create")
    assert entry.actor_id == member.id and entry.target_id == str(event.id)


def test_online_session_keeps_its_https_link(member, org, policies):
    event = services.create_session(
        member,
        org,
        session_data(policies, in_person=False, online=True, meeting_link="https://meet.example/x"),
    )
    assert event.online and not event.in_person
    assert event.meeting_link == "https://meet.example/x"
    assert event.venue == "" and event.address == "" and event.neighborhood is None


def test_unlimited_capacity(member, org, policies):
    event = services.create_session(member, org, session_data(policies, capacity=None))
    assert event.capacity is None


def _later(days=30, hours=0):
    return (utcnow() + timedelta(days=days, hours=hours)).replace(microsecond=0)


BAD_INPUT = [
    ({"starts_at": utcnow() - timedelta(hours=1)}, "starts_at", "future"),
    ({"starts_at": None}, "starts_at", "starts"),
    ({"ends_at": _later(29)}, "ends_at", "after the start"),
    ({"ends_at": None}, "ends_at", "ends"),
    ({"capacity": 0}, "capacity", "1 or more"),
    ({"capacity": -5}, "capacity", "1 or more"),
    ({"registration_deadline": _later(31)}, "registration_deadline", "start"),
    ({"registration_deadline": utcnow() - timedelta(days=1)}, "registration_deadline", "future"),
    ({"accommodation_deadline": _later(31)}, "accommodation_deadline", "start"),
    ({"in_person": False, "online": False}, "in_person", "in person, online"),
    ({"online": True, "meeting_link": "http://meet.example/x"}, "meeting_link", "https"),
    ({"online": True, "meeting_link": "javascript:alert(1)"}, "meeting_link", "https"),
    ({"online": True, "meeting_link": ""}, "meeting_link", "https"),
    ({"address": ""}, "address", "address"),
    ({"title": "   "}, "title", "title"),
    ({"policy_ids": []}, "policy_ids", "at least one"),
    ({"policy_ids": [999_999]}, "policy_ids", "does not exist"),
    ({"languages": []}, "languages", "language"),
    ({"languages": ["xx"]}, "languages", "list"),
    ({"interpretation": ["klingon"]}, "interpretation", "list"),
    ({"neighborhood": "Atlantis"}, "neighborhood", "list"),
]


@pytest.mark.parametrize(("overrides", "field", "words"), BAD_INPUT)
def test_bad_input_is_refused_with_a_message_on_the_field(
    member, org, policies, overrides, field, words
):
    data = session_data(policies)
    for name, value in overrides.items():
        setattr(data, name, value)
    before = _count_events()
    with pytest.raises(services.EventError) as refused:
        services.create_session(member, org, data)
    assert refused.value.field == field
    assert words in str(refused.value)
    assert _count_events() == before
    assert not _audit("event.create")


def test_unverified_organization_cannot_post(member, policies):
    for status in (OrgStatus.PENDING.value, OrgStatus.REJECTED.value):
        pending = make_org(status=status, members=[member])
        with pytest.raises(services.EventError) as refused:
            services.create_session(member, pending, session_data(policies))
        assert refused.value.code == "unverified"
        assert "verified" in str(refused.value)
    assert _count_events() == 0


def test_non_member_cannot_post(org, policies):
    outsider = factories.make_user()
    with pytest.raises(services.EventError):
        services.create_session(outsider, org, session_data(policies))
    assert _count_events() == 0


# Editing ------------------------------------------------------------------------------------


def test_edit_without_time_or_place_change_bumps_sequence_and_mails_nobody(
    member, org, policies, outbox
):
    event = services.create_session(member, org, session_data(policies))
    sign_up_people(event, 2)
    before = len(outbox())
    data = session_data(policies, title="Cameras on our streets: part two")
    data.starts_at, data.ends_at = event.starts_at, event.ends_at
    changed = services.update_session(member, event, data)
    assert changed == ["title"]
    assert event.sequence == 1 and event.title.endswith("part two")
    assert len(outbox()) == before
    [entry] = _audit("event.update")
    assert entry.detail == {"changed": ["title"]}


def test_saving_the_same_values_changes_nothing(member, org, policies):
    event = services.create_session(member, org, session_data(policies))
    data = session_data(policies)
    data.starts_at, data.ends_at = event.starts_at, event.ends_at
    assert services.update_session(member, event, data) == []
    assert event.sequence == 0
    assert not _audit("event.update")


def test_new_time_emails_confirmed_and_waitlisted_with_the_new_calendar(
    member, org, policies, outbox
):
    event = services.create_session(member, org, session_data(policies, capacity=1))
    seated, waiting = sign_up_people(event, 2)
    assert waiting.status == RegistrationStatus.WAITLISTED
    moved = event.starts_at + timedelta(days=1)
    changed = services.update_session(
        member,
        event,
        session_data(policies, capacity=1, starts_at=moved, ends_at=moved + timedelta(hours=2)),
    )
    assert "starts_at" in changed and event.sequence == 1
    mails = outbox("event_changed")
    assert {m.to_address for m in mails} == {seated.user.email, waiting.user.email}
    for mail in mails:
        assert "Changed: Cameras on our streets" in mail.subject
        [attachment] = mail.attachments
        ics = base64.b64decode(attachment["data"]).decode()
        assert "SEQUENCE:1" in ics
        assert moved.strftime("%Y%m%dT%H%M%SZ") in ics


def test_new_venue_is_a_change_of_place(member, org, policies, outbox):
    event = services.create_session(member, org, session_data(policies))
    sign_up_people(event, 1)
    data = session_data(policies, venue="Fields Corner Library")
    data.starts_at, data.ends_at = event.starts_at, event.ends_at
    assert services.update_session(member, event, data) == ["venue"]
    [mail] = outbox("event_changed")
    assert "Fields Corner Library" in mail.body_text


def test_past_start_refused_on_edit_and_nothing_changes(member, org, policies, outbox):
    event = services.create_session(member, org, session_data(policies))
    title = event.title
    with pytest.raises(services.EventError) as refused:
        services.update_session(
            member,
            event,
            session_data(policies, title="New", starts_at=utcnow() - timedelta(days=1)),
        )
    assert refused.value.field == "starts_at"
    db.session.refresh(event)
    assert event.title == title and event.sequence == 0
    assert not outbox("event_changed")


def test_capacity_cannot_drop_below_the_seats_taken(member, org, policies):
    event = services.create_session(member, org, session_data(policies, capacity=5))
    sign_up_people(event, 3)
    data = session_data(policies, capacity=2)
    data.starts_at, data.ends_at = event.starts_at, event.ends_at
    with pytest.raises(services.EventError) as refused:
        services.update_session(member, event, data)
    assert refused.value.field == "capacity"
    assert "3 people" in str(refused.value)


def test_more_seats_promote_the_waitlist_in_order(member, org, policies, outbox):
    event = services.create_session(member, org, session_data(policies, capacity=1))
    _, first, second, third = sign_up_people(event, 4)
    data = session_data(policies, capacity=3)
    data.starts_at, data.ends_at = event.starts_at, event.ends_at
    services.update_session(member, event, data)
    assert first.status == second.status == RegistrationStatus.CONFIRMED
    assert third.status == RegistrationStatus.WAITLISTED
    assert {m.to_address for m in outbox("event_promoted")} == {
        first.user.email,
        second.user.email,
    }


# Cancelling ---------------------------------------------------------------------------------


def test_cancel_emails_everyone_a_cancelled_calendar(member, org, policies, outbox):
    event = services.create_session(member, org, session_data(policies, capacity=1))
    people = sign_up_people(event, 2)
    services.cancel_session(member, event, "The library flooded.")
    assert event.status == EventStatus.CANCELLED and event.sequence == 1
    assert event.cancel_reason == "The library flooded."
    mails = outbox("event_cancelled")
    assert {m.to_address for m in mails} == {r.user.email for r in people}
    for mail in mails:
        assert "The library flooded." in mail.body_text
        ics = base64.b64decode(mail.attachments[0]["data"]).decode()
        assert "STATUS:CANCELLED" in ics and "METHOD:CANCEL" in ics
    [entry] = _audit("event.cancel")
    assert entry.reason == "The library flooded."


def test_cancel_needs_a_reason_and_happens_once(member, org, policies):
    event = services.create_session(member, org, session_data(policies))
    with pytest.raises(services.EventError) as refused:
        services.cancel_session(member, event, "  ")
    assert refused.value.field == "reason"
    assert event.status == EventStatus.SCHEDULED
    services.cancel_session(member, event, "Snow")
    with pytest.raises(services.EventError):
        services.cancel_session(member, event, "Again")
    with pytest.raises(services.EventError):
        services.update_session(member, event, session_data(policies))


def test_make_session_helper_gives_a_public_session(ctx):
    event = make_session()
    assert event.organization.is_verified


def test_a_past_session_cannot_be_cancelled(member, org, policies):
    event = services.create_session(member, org, session_data(policies))
    event.starts_at = utcnow() - timedelta(hours=1)
    with pytest.raises(services.EventError, match="already taken place"):
        services.cancel_session(member, event, "Too late")
    assert event.status == EventStatus.SCHEDULED
