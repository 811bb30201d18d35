"""The reminder the day before: once per person, safe to run again."""

from datetime import timedelta

import pytest

from engage.events import services
from engage.extensions import db
from engage.types import utcnow
from tests import factories
from tests.events.helpers_events import make_session, sign_up_people


def _starting_in(hours: float, **fields):
    start = utcnow() + timedelta(hours=hours)
    return make_session(starts_at=start, ends_at=start + timedelta(hours=1), **fields)


@pytest.fixture
def tomorrow(ctx):
    return _starting_in(20, capacity=2)


def test_confirmed_attendees_get_one_reminder(tomorrow, outbox):
    seated, other, waiting = sign_up_people(tomorrow, 3)
    counts = services.send_reminders()
    assert counts == {"sent": 2, "skipped": 0}
    mails = outbox("event_reminder")
    assert {m.to_address for m in mails} == {seated.user.email, other.user.email}
    assert "Tomorrow: Cameras on our streets" in mails[0].subject
    assert "690 Washington St" in mails[0].body_text
    assert seated.reminder_sent_at is not None and waiting.reminder_sent_at is None
    assert services.send_reminders() == {"sent": 0, "skipped": 0}
    assert len(outbox("event_reminder")) == 2


def test_online_sessions_include_the_link(ctx, outbox):
    event = _starting_in(5, online=True, meeting_link="https://meet.example/room")
    sign_up_people(event, 1)
    services.send_reminders()
    [mail] = outbox("event_reminder")
    assert "https://meet.example/room" in mail.body_text


def test_only_sessions_in_the_next_24_hours(ctx, outbox):
    later = _starting_in(30)
    sign_up_people(later, 1)
    assert services.send_reminders() == {"sent": 0, "skipped": 0}
    # The job runs again later: now the session is within 24 hours.
    assert services.send_reminders(now=utcnow() + timedelta(hours=7))["sent"] == 1
    # Once it has started, nobody is reminded.
    started = _starting_in(2)
    sign_up_people(started, 1)
    assert services.send_reminders(now=utcnow() + timedelta(hours=3)) == {"sent": 0, "skipped": 0}


def test_cancelled_sessions_and_sign_ups_get_nothing(ctx, outbox):
    cancelled = _starting_in(10)
    sign_up_people(cancelled, 1)
    services.cancel_session(None, cancelled, "Storm")
    event = _starting_in(10)
    [gone] = sign_up_people(event, 1)
    services.cancel_sign_up(gone.user, gone)
    assert services.send_reminders() == {"sent": 0, "skipped": 0}
    assert outbox("event_reminder") == []


def test_accounts_that_cannot_receive_mail_are_marked(tomorrow, outbox):
    [registration] = sign_up_people(tomorrow, 1)
    registration.user.disabled_at = utcnow()
    db.session.flush()
    assert services.send_reminders() == {"sent": 0, "skipped": 1}
    assert registration.reminder_sent_at is not None
    assert outbox("event_reminder") == []


def test_a_promoted_person_is_reminded_too(tomorrow, outbox):
    seated, _, waiting = sign_up_people(tomorrow, 3)
    services.send_reminders()
    services.cancel_sign_up(seated.user, seated)
    assert waiting.status == "confirmed"
    assert services.send_reminders()["sent"] == 1
    assert outbox("event_reminder")[-1].to_address == waiting.user.email


def test_the_command(app, tomorrow):
    sign_up_people(tomorrow, 1)
    db.session.flush()
    result = app.test_cli_runner().invoke(args=["engage", "send-reminders"])
    assert result.exit_code == 0, result.output
    assert "reminders queued 1" in result.output


def test_signed_up_person_in_another_language(ctx, outbox):
    event = _starting_in(12)
    person = factories.make_user(preferred_language="es")
    services.sign_up(person, event)
    services.send_reminders()
    assert outbox("event_reminder")[0].to_address == person.email
