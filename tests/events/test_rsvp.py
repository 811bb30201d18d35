"""Signing up, the waitlist, cancelling and promotion (services)."""

import base64
from datetime import timedelta

import pytest

from engage.audit import AuditEntry
from engage.events import services
from engage.events.models import Registration, RegistrationStatus
from engage.extensions import db
from engage.types import utcnow
from tests import factories
from tests.events.helpers_events import make_session, sign_up_people

CONFIRMED, WAITLISTED, CANCELLED = "confirmed", "waitlisted", "cancelled"


def _registrations(event) -> list[Registration]:
    return db.session.scalars(
        db.select(Registration).where(Registration.event_id == event.id).order_by(Registration.id)
    ).all()


@pytest.fixture
def event(ctx):
    return make_session(capacity=2)


def test_sign_up_takes_a_seat_and_mails_the_calendar(event, resident, outbox):
    registration = services.sign_up(resident, event)
    assert registration.status == CONFIRMED and registration.waitlisted_at is None
    [mail] = outbox("event_confirmed")
    assert mail.to_address == resident.email
    assert "You're signed up: Cameras on our streets" in mail.subject
    assert "690 Washington St" in mail.body_text
    [attachment] = mail.attachments
    assert attachment["filename"].endswith(".ics")
    assert attachment["content_type"].startswith("text/calendar")
    ics = base64.b64decode(attachment["data"]).decode()
    assert "BEGIN:VEVENT" in ics and "Cameras on our streets" in ics
    entry = db.session.scalar(db.select(AuditEntry).where(AuditEntry.action == "event.sign_up"))
    assert entry.actor_id == resident.id and entry.detail["status"] == CONFIRMED


def test_online_link_in_confirmation_only(ctx, outbox):
    online = make_session(in_person=False, online=True, meeting_link="https://meet.example/abc")
    person = factories.make_user()
    services.sign_up(person, online)
    [mail] = outbox("event_confirmed")
    assert "https://meet.example/abc" in mail.body_text
    ics = base64.b64decode(mail.attachments[0]["data"]).decode()
    assert "meet.example" not in ics


def test_full_session_refuses_unless_the_person_asks_for_the_waitlist(event, outbox):
    sign_up_people(event, 2)
    late = factories.make_user()
    with pytest.raises(services.EventError) as refused:
        services.sign_up(late, event)
    assert refused.value.code == "full" and refused.value.field == "join_waitlist"
    assert "waitlist" in str(refused.value)
    assert len(_registrations(event)) == 2
    registration = services.sign_up(late, event, waitlist=True)
    assert registration.status == WAITLISTED and registration.waitlisted_at is not None
    [mail] = outbox("event_waitlisted")
    assert mail.to_address == late.email and "number 1" in mail.body_text
    assert mail.attachments == []
    assert services.waitlist_position(registration) == 1


def test_waitlist_flag_is_ignored_while_seats_are_free(event, resident):
    assert services.sign_up(resident, event, waitlist=True).status == CONFIRMED


def test_signing_up_twice_is_refused(event, resident):
    services.sign_up(resident, event)
    with pytest.raises(services.EventError) as refused:
        services.sign_up(resident, event)
    assert refused.value.code == "twice"
    assert "already signed up" in str(refused.value)
    assert len(_registrations(event)) == 1


def test_waitlisted_twice_says_so(event):
    sign_up_people(event, 2)
    person = factories.make_user()
    services.sign_up(person, event, waitlist=True)
    with pytest.raises(services.EventError, match="already on the waitlist"):
        services.sign_up(person, event, waitlist=True)


def test_cancelled_sign_up_is_reactivated_not_duplicated(event, resident):
    first = services.sign_up(resident, event)
    services.cancel_sign_up(resident, first)
    again = services.sign_up(resident, event)
    assert again.id == first.id and again.status == CONFIRMED
    assert len(_registrations(event)) == 1


def test_after_the_registration_deadline(ctx, resident):
    event = make_session()
    event.registration_deadline = utcnow() - timedelta(minutes=1)
    with pytest.raises(services.EventError) as refused:
        services.sign_up(resident, event)
    assert refused.value.code == "closed" and "closed" in str(refused.value)
    assert _registrations(event) == []


def test_cancelled_and_past_sessions(ctx, resident):
    cancelled = make_session()
    services.cancel_session(None, cancelled, "Rain")
    with pytest.raises(services.EventError, match="cancelled"):
        services.sign_up(resident, cancelled)
    past = make_session()
    past.starts_at = utcnow() - timedelta(hours=1)
    with pytest.raises(services.EventError, match="already taken place"):
        services.sign_up(resident, past)


def test_unconfirmed_email_is_asked_to_confirm(event):
    person = factories.make_user(confirmed=False)
    with pytest.raises(services.EventError) as refused:
        services.sign_up(person, event)
    assert refused.value.code == "unconfirmed"
    assert _registrations(event) == []


def test_accommodation_requests_are_stored_for_the_organizers(event, resident, outbox):
    asked = services.Accommodations("vi", needs_asl=True, needs_cart=True, other="Step-free seat")
    registration = services.sign_up(resident, event, asked)
    assert registration.interpretation_language == "vi"
    assert registration.needs_asl and registration.needs_cart
    assert registration.accommodation_other == "Step-free seat"
    [mail] = outbox("event_confirmed")
    assert "Vietnamese" in mail.body_text and "Step-free seat" in mail.body_text
    assert "can't guarantee" not in mail.body_text
    entry = db.session.scalar(db.select(AuditEntry).where(AuditEntry.action == "event.sign_up"))
    assert "Step-free" not in str(entry.detail)


def test_requests_after_their_deadline_are_kept_but_not_guaranteed(ctx, resident, outbox):
    soon = utcnow() + timedelta(days=5)
    event = make_session(starts_at=soon, ends_at=soon + timedelta(hours=1))
    assert not services.accommodations_open(event)  # 14 days' notice: already past
    registration = services.sign_up(resident, event, services.Accommodations(needs_asl=True))
    assert registration.status == CONFIRMED and registration.needs_asl
    [mail] = outbox("event_confirmed")
    assert "can't guarantee" in mail.body_text


def test_unknown_interpreter_language_is_refused(event, resident):
    with pytest.raises(services.EventError) as refused:
        services.sign_up(resident, event, services.Accommodations("tlh"))
    assert refused.value.field == "interpretation_language"
    assert _registrations(event) == []


# Cancelling and promotion ---------------------------------------------------------------


def test_cancelling_a_seat_promotes_the_first_waitlisted_and_emails_them(event, outbox):
    seated, _, first, second = sign_up_people(event, 4)
    # Same moment on the waitlist: the earlier sign-up (lower id) goes first.
    second.waitlisted_at = first.waitlisted_at
    services.cancel_sign_up(seated.user, seated)
    assert seated.status == CANCELLED
    assert first.status == CONFIRMED and first.waitlisted_at is None
    assert second.status == WAITLISTED and services.waitlist_position(second) == 1
    [mail] = outbox("event_promoted")
    assert mail.to_address == first.user.email
    assert "you're in" in mail.subject
    assert mail.attachments[0]["filename"].endswith(".ics")
    actions = db.session.scalars(db.select(AuditEntry.action).order_by(AuditEntry.id)).all()
    assert actions[-2:] == ["event.cancel_sign_up", "event.promote"]


def test_waitlist_order_follows_the_time_people_joined(event):
    sign_up_people(event, 2)
    first, second = sign_up_people(event, 2)
    first.waitlisted_at, second.waitlisted_at = utcnow(), utcnow() - timedelta(minutes=5)
    seated = _registrations(event)[0]
    services.cancel_sign_up(seated.user, seated)
    assert second.status == CONFIRMED and first.status == WAITLISTED


def test_leaving_the_waitlist_promotes_nobody(event, outbox):
    _, _, waiting, behind = sign_up_people(event, 4)
    services.cancel_sign_up(waiting.user, waiting)
    assert behind.status == WAITLISTED and services.waitlist_position(behind) == 1
    assert outbox("event_promoted") == []


def test_cannot_cancel_someone_elses_sign_up(event, resident):
    [other] = sign_up_people(event, 1)
    with pytest.raises(services.EventError) as refused:
        services.cancel_sign_up(resident, other)
    assert refused.value.code == "forbidden"
    assert other.status == CONFIRMED


def test_cannot_cancel_twice(event, resident):
    registration = services.sign_up(resident, event)
    services.cancel_sign_up(resident, registration)
    with pytest.raises(services.EventError, match="already cancelled"):
        services.cancel_sign_up(resident, registration)


def test_seats_left_and_counts(event):
    assert services.seats_left(event) == 2
    sign_up_people(event, 3)
    assert services.seats_left(event) == 0
    assert services.confirmed_count(event) == 2
    assert services.waitlist_count(event) == 1


def test_check_in_only_for_seat_holders(event):
    seated, _, waiting = sign_up_people(event, 3)
    services.check_in(None, seated)
    assert seated.checked_in_at is not None
    services.check_in(None, seated, present=False)
    assert seated.checked_in_at is None
    with pytest.raises(services.EventError):
        services.check_in(None, waiting)
    assert waiting.status == RegistrationStatus.WAITLISTED
