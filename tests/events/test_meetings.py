"""City meetings: staff post them, residents sign up to speak or send written testimony."""

from datetime import timedelta

import pytest

from engage.audit import AuditEntry
from engage.events.models import Event, EventKind, SpeakerSignup
from engage.events.services import meetings
from engage.extensions import db
from engage.types import utcnow
from tests import factories
from tests.events.helpers_cal import make_meeting, make_org

SECRET = "https://meet.example.org/secret-room-42"


def local(moment) -> str:
    """A moment as the form takes it: city time, 'YYYY-MM-DDTHH:MM'."""
    from zoneinfo import ZoneInfo

    return moment.astimezone(ZoneInfo("America/New_York")).strftime("%Y-%m-%dT%H:%M")


@pytest.fixture
def policy(ctx):
    return factories.make_policy(title="Automated license plate readers", period="open")


def meeting_form(policy=None, report=None, **overrides) -> dict:
    starts = utcnow() + timedelta(days=10)
    data = {
        "kind": "hearing",
        "title": "Committee on Public Safety: license plate readers",
        "description": "Public hearing on the **ALPR** policy.",
        "starts_at": local(starts),
        "ends_at": local(starts + timedelta(hours=3)),
        "in_person": "y",
        "venue": "Boston City Hall, Iannella Chamber",
        "address": "1 City Hall Square, Boston, MA 02201",
        "online": "y",
        "meeting_link": SECRET,
        "languages": ["en", "es"],
        "interpretation": ["asl", "cart"],
        "testimony_open": "y",
        "speaker_minutes": "3",
    }
    if policy is not None:
        data["policy_ids"] = [str(policy.id)]
    if report is not None:
        data["report_ids"] = [str(report.id)]
    data.update(overrides)
    return {key: value for key, value in data.items() if value is not None}


# Staff post meetings ----------------------------------------------------------------------


def test_staff_post_a_hearing_linked_to_a_policy_and_a_report(client, login, staff, policy):
    report = factories.make_report(year=2025)
    login(staff)
    assert client.get("/staff/meetings/new").status_code == 200
    response = client.post_form("/staff/meetings/new", meeting_form(policy, report))
    assert response.status_code == 302, response.get_data(as_text=True)[:3000]
    event = db.session.scalar(db.select(Event).order_by(Event.id.desc()))
    assert response.headers["Location"].endswith(f"/meetings/{event.id}")
    assert event.organization_id is None
    assert event.kind == EventKind.HEARING
    assert event.speaker_minutes == 3 and event.testimony_open
    assert [p.id for p in event.policies] == [policy.id]
    assert [r.id for r in event.annual_reports] == [report.id]
    assert event.languages == ["en", "es"] and event.interpretation == ["asl", "cart"]
    assert db.session.scalar(
        db.select(AuditEntry).where(AuditEntry.action == "meeting.create")
    ).target_id == str(event.id)
    page = client.get(f"/meetings/{event.id}").get_data(as_text=True)
    assert "Committee on Public Safety" in page
    assert "City Council committee hearing" in page
    assert "3 minutes per speaker" in page
    assert SECRET not in page
    listed = client.get("/meetings").get_data(as_text=True)
    assert event.title.replace("'", "&#39;") in listed


def test_the_default_is_two_minutes_and_a_board_meeting_needs_no_policy(client, login, staff):
    login(staff)
    data = meeting_form(kind="board_meeting", speaker_minutes="2", title="Advisory Board meeting")
    response = client.post_form("/staff/meetings/new", data)
    assert response.status_code == 302
    event = db.session.scalar(db.select(Event).order_by(Event.id.desc()))
    assert event.kind == "board_meeting" and event.speaker_minutes == 2
    assert Event(kind="hearing").speaker_minutes in (None, 2)


@pytest.mark.parametrize(
    ("overrides", "message"),
    [
        ({"title": ""}, "Give the session a title."),
        ({"starts_at": "2020-01-01T10:00", "ends_at": "2020-01-01T12:00"}, "in the future"),
        ({"ends_at": "2020-01-01T10:00"}, "after the start"),
        ({"starts_at": "tomorrow"}, "Enter a date and time"),
        ({"speaker_minutes": "0"}, "from 1 to 15 minutes"),
        ({"speaker_minutes": "-2"}, "from 1 to 15 minutes"),
        ({"speaker_minutes": "99"}, "from 1 to 15 minutes"),
        ({"kind": "listening_session"}, "Not a valid choice"),
        ({"in_person": None, "online": None}, "in person, online, or both"),
        ({"meeting_link": "javascript:alert(1)"}, "https://"),
        ({"languages": []}, "language"),
        ({"interpretation": ["klingon"]}, "interpretation"),
        ({"policy_ids": ["999999"]}, "not a valid choice"),
    ],
)
def test_bad_meetings_are_refused_with_a_message(client, login, staff, overrides, message):
    login(staff)
    before = db.session.scalar(db.select(db.func.count(Event.id)))
    response = client.post_form("/staff/meetings/new", meeting_form(**overrides))
    assert response.status_code == 400
    page = response.get_data(as_text=True)
    assert "Please correct the following" in page
    assert message in page.replace("&#39;", "'")
    assert db.session.scalar(db.select(db.func.count(Event.id))) == before


def test_only_staff_post_and_manage_meetings(client, login, resident, policy):
    event = make_meeting([policy])
    assert client.get("/staff/meetings/new").status_code == 302  # to sign in
    login(resident)
    assert client.get("/staff/meetings").status_code == 403
    assert client.get("/staff/meetings/new").status_code == 403
    assert client.post_form("/staff/meetings/new", meeting_form()).status_code == 403
    assert client.get(f"/staff/meetings/{event.id}/edit").status_code == 403
    assert client.get(f"/staff/meetings/{event.id}/speakers").status_code == 403
    assert (
        client.post_form(f"/staff/meetings/{event.id}/cancel", {"reason": "x"}).status_code == 403
    )
    assert db.session.get(Event, event.id).status == "scheduled"


def test_an_org_member_cannot_run_city_meetings(client, login, policy):
    member = factories.make_user()
    make_org(members=[member])
    event = make_meeting([policy])
    login(member)
    assert client.get(f"/staff/meetings/{event.id}/edit").status_code == 403


def test_a_listening_session_is_not_a_meeting_page(client, ctx):
    from tests.events.helpers_cal import make_event

    session = make_event(make_org())
    assert client.get(f"/meetings/{session.id}").status_code == 404
    assert client.get("/meetings/999999").status_code == 404


def test_editing_bumps_the_sequence_and_tells_speakers_of_a_new_time(
    client, login, staff, policy, outbox
):
    event = make_meeting([policy], online=True, sequence=0)
    speaker = factories.make_user()
    meetings.sign_up_to_speak(speaker, event, "in_person")
    login(staff)
    page = client.get(f"/staff/meetings/{event.id}/edit").get_data(as_text=True)
    assert event.title in page
    later = event.starts_at + timedelta(days=1)
    data = meeting_form(
        policy,
        title=event.title,
        starts_at=local(later),
        ends_at=local(later + timedelta(hours=2)),
    )
    response = client.post_form(f"/staff/meetings/{event.id}/edit", data)
    assert response.status_code == 302, response.get_data(as_text=True)[:2000]
    db.session.refresh(event)
    assert event.sequence == 1
    assert event.starts_at == later.replace(second=0, microsecond=0)
    changed = outbox("meeting_changed")
    assert [m.to_address for m in changed] == [speaker.email]
    assert changed[0].attachments[0]["filename"].endswith(".ics")


def test_cancelling_a_meeting_needs_a_reason_and_emails_the_speakers(
    client, login, staff, policy, outbox
):
    event = make_meeting([policy])
    speaker = factories.make_user()
    meetings.sign_up_to_speak(speaker, event, "in_person")
    login(staff)
    assert client.get(f"/staff/meetings/{event.id}/cancel").status_code == 200
    response = client.post_form(f"/staff/meetings/{event.id}/cancel", {"reason": ""})
    assert response.status_code == 400
    assert db.session.get(Event, event.id).status == "scheduled"
    response = client.post_form(f"/staff/meetings/{event.id}/cancel", {"reason": "No quorum."})
    assert response.status_code == 302
    db.session.refresh(event)
    assert event.status == "cancelled" and event.sequence == 1
    assert [m.to_address for m in outbox("meeting_cancelled")] == [speaker.email]
    ics = client.get(f"/events/{event.id}.ics").data
    assert b"STATUS:CANCELLED" in ics
    assert "This meeting is cancelled" in client.get(f"/meetings/{event.id}").get_data(as_text=True)


# Speakers ---------------------------------------------------------------------------------


def test_residents_sign_up_to_speak_in_order(client, login, policy, outbox):
    event = make_meeting([policy], online=True, meeting_link=SECRET)
    first, second = factories.make_user(), factories.make_user()
    meetings.sign_up_to_speak(first, event, "in_person")
    login(second)
    response = client.post_form(
        f"/meetings/{event.id}/speakers", {"mode": "virtual", "topic": "Retention"}
    )
    assert response.status_code == 302
    signup = db.session.scalar(db.select(SpeakerSignup).where(SpeakerSignup.user_id == second.id))
    assert signup.mode == "virtual" and signup.topic == "Retention"
    assert meetings.speaker_position(signup) == 2
    page = client.get(f"/meetings/{event.id}").get_data(as_text=True)
    assert "You are number 2 on the speaker list, speaking online" in page
    assert SECRET not in page
    (mail,) = [m for m in outbox("meeting_speaker") if m.to_address == second.email]
    assert SECRET in mail.body_text  # the virtual speaker gets the link, by email only
    assert "number 2" in mail.body_text
    assert db.session.scalar(
        db.select(AuditEntry).where(AuditEntry.action == "meeting.speaker").limit(1)
    )


def test_signing_up_twice_is_refused(client, login, resident, policy):
    event = make_meeting([policy])
    login(resident)
    assert (
        client.post_form(f"/meetings/{event.id}/speakers", {"mode": "in_person"}).status_code == 302
    )
    response = client.post_form(f"/meetings/{event.id}/speakers", {"mode": "in_person"})
    assert response.status_code == 400
    assert "already on the speaker list (number 1)" in response.get_data(as_text=True)
    count = db.session.scalar(
        db.select(db.func.count(SpeakerSignup.id)).where(SpeakerSignup.event_id == event.id)
    )
    assert count == 1


@pytest.mark.parametrize(
    ("fields", "message"),
    [
        ({"testimony_open": False}, "not taking public testimony"),
        ({"status": "cancelled"}, "cancelled"),
        (
            {
                "starts_at": utcnow() - timedelta(days=2),
                "ends_at": utcnow() - timedelta(days=2, hours=-2),
            },
            "has ended",
        ),
    ],
)
def test_no_speaking_when_testimony_is_not_taken(client, login, resident, policy, fields, message):
    event = make_meeting([policy], **fields)
    login(resident)
    response = client.post_form(f"/meetings/{event.id}/speakers", {"mode": "in_person"})
    assert response.status_code == 400
    assert message in response.get_data(as_text=True)
    assert not db.session.scalars(db.select(SpeakerSignup)).all()


def test_a_mode_the_meeting_does_not_offer_is_refused(client, login, resident, policy):
    event = make_meeting([policy], online=False)
    login(resident)
    response = client.post_form(f"/meetings/{event.id}/speakers", {"mode": "virtual"})
    assert response.status_code == 400
    assert "Not a valid choice" in response.get_data(as_text=True)
    with pytest.raises(meetings.EventError, match="no online participation"):
        meetings.sign_up_to_speak(resident, event, "virtual")
    assert not db.session.scalars(db.select(SpeakerSignup)).all()


def test_signing_up_needs_an_account(client, policy):
    event = make_meeting([policy])
    response = client.post_form(f"/meetings/{event.id}/speakers", {"mode": "in_person"})
    assert response.status_code == 302 and "/auth/login" in response.headers["Location"]
    assert "Sign in to sign up to speak" in client.get(f"/meetings/{event.id}").get_data(
        as_text=True
    )


def test_a_speaker_cancels_and_the_next_move_up(client, login, policy):
    event = make_meeting([policy])
    first, second = factories.make_user(), factories.make_user()
    meetings.sign_up_to_speak(first, event, "in_person")
    later = meetings.sign_up_to_speak(second, event, "in_person")
    login(first)
    response = client.post_form(f"/meetings/{event.id}/speakers/cancel", {})
    assert response.status_code == 302
    assert meetings.speaker_position(later) == 1
    assert [s.user_id for s in meetings.active_signups(event)] == [second.id]
    # Signing up again puts you at the end of the list.
    assert (
        client.post_form(f"/meetings/{event.id}/speakers", {"mode": "in_person"}).status_code == 302
    )
    assert [s.user_id for s in meetings.active_signups(event)] == [second.id, first.id]


def test_nobody_cancels_someone_elses_place(ctx, policy):
    event = make_meeting([policy])
    owner, other = factories.make_user(), factories.make_user()
    signup = meetings.sign_up_to_speak(owner, event, "in_person")
    with pytest.raises(meetings.EventError, match="your own"):
        meetings.cancel_speaking(other, signup)
    assert signup.cancelled_at is None


def test_cancelling_without_a_place_is_a_clear_400(client, login, resident, policy):
    event = make_meeting([policy])
    login(resident)
    assert client.post_form(f"/meetings/{event.id}/speakers/cancel", {}).status_code == 400
    assert client.post(f"/meetings/{event.id}/speakers/cancel").status_code == 400  # no token


def test_staff_print_the_speaker_list_with_running_time(client, login, staff, policy):
    event = make_meeting([policy], speaker_minutes=3, online=True)
    people = [factories.make_user(display_name=f"Speaker {n}") for n in range(3)]
    for person, mode in zip(people, ("in_person", "virtual", "in_person"), strict=True):
        meetings.sign_up_to_speak(person, event, mode)
    meetings.cancel_speaking(people[1], meetings.signup_for(people[1], event))
    login(staff)
    response = client.get(f"/staff/meetings/{event.id}/speakers")
    assert response.status_code == 200
    page = response.get_data(as_text=True)
    assert page.index("Speaker 0") < page.index("Speaker 2")
    assert "Speaker 1" not in page
    assert "0:00 to 0:03" in page and "0:03 to 0:06" in page
    assert "3 minutes per speaker" in page
    slots = meetings.speaker_list(event)
    assert [(s.number, s.minutes) for s in slots] == [(1, 3), (2, 3)]
    listing = client.get("/staff/meetings").get_data(as_text=True)
    assert "2 speakers" in listing


# Public list ------------------------------------------------------------------------------


def test_the_meetings_list_shows_upcoming_and_past(client, ctx, policy):
    upcoming = make_meeting([policy], title="Upcoming hearing")
    past = make_meeting(
        [policy],
        title="Last month's board meeting",
        starts_at=utcnow() - timedelta(days=30),
        ends_at=utcnow() - timedelta(days=30, hours=-2),
        kind="board_meeting",
    )
    page = client.get("/meetings").get_data(as_text=True)
    assert "Upcoming hearing" in page and "board meeting" not in page.split("results-heading")[1]
    past_page = client.get("/meetings?when=past").get_data(as_text=True)
    assert "Last month" in past_page and "Upcoming hearing" not in past_page
    assert past.id and upcoming.id
