"""Calendar files: RFC 5545 as two independent parsers read it, served as text/calendar."""

from datetime import UTC, datetime, timedelta
from zoneinfo import ZoneInfo

import icalendar
import pytest
import vobject
from flask_wtf import FlaskForm

from engage.events.models import EventKind
from engage.events.services.calendars import event_ics, events_ics
from engage.extensions import db
from engage.forms import LocalDateTimeField
from engage.types import utcnow
from tests import factories
from tests.events.helpers_cal import make_event, make_meeting, make_org

NASTY = 'Cameras, drones; and "ALPRs"\\ in Roxbury — what\'s next?\nSecond line ñ 中文 ' + "x" * 40
NASTY_TEXT = "First, point; then\nsecond line with a backslash \\ and ümlauts: " + "é" * 50
SECRET = "https://meet.example.org/secret-room-42"


def lines_of(data: bytes) -> list[bytes]:
    assert data.endswith(b"\r\n")
    return data[:-2].split(b"\r\n")


def check_rfc5545(data: bytes) -> tuple[icalendar.Calendar, list]:
    """CRLF only, folded at 75 octets, no meeting link; parsed by icalendar and by vobject."""
    assert data.count(b"\n") == data.count(b"\r\n"), "a bare LF"
    assert data.count(b"\r") == data.count(b"\r\n"), "a bare CR"
    assert all(len(line) <= 75 for line in lines_of(data)), "a line over 75 octets"
    unfolded = data.replace(b"\r\n ", b"").replace(b"\r\n\t", b"")
    assert SECRET.encode() not in unfolded
    assert b"secret-room" not in unfolded
    parsed = icalendar.Calendar.from_ical(data)
    other = list(vobject.readComponents(data.decode("utf-8")))
    assert len(other) == 1
    return parsed, other[0]


def vevents(parsed: icalendar.Calendar) -> list:
    return list(parsed.walk("VEVENT"))


@pytest.fixture
def verified(ctx):
    return make_org(name="Roxbury Residents, United")


@pytest.fixture
def policy(ctx):
    return factories.make_policy(title="Automated license plate readers", period="open")


def test_one_event_parses_in_both_parsers_with_every_field(client, ctx, verified, policy):
    event = make_event(
        verified,
        [policy],
        title=NASTY,
        description=NASTY_TEXT,
        venue="Dudley Branch Library; Room 2",
        address="65 Warren St, Roxbury, MA",
        online=True,
        sequence=3,
    )
    response = client.get(f"/events/{event.id}.ics")
    assert response.status_code == 200
    assert response.headers["Content-Type"] == "text/calendar; charset=utf-8"
    assert f'filename="event-{event.id}.ics"' in response.headers["Content-Disposition"]
    parsed, other = check_rfc5545(response.data)
    assert parsed["METHOD"] == "PUBLISH"
    assert parsed["VERSION"] == "2.0"
    assert "PRODID" in parsed
    (vevent,) = vevents(parsed)
    assert str(vevent["UID"]) == f"event-{event.id}@engage.test"
    assert str(vevent["SUMMARY"]) == NASTY
    assert str(vevent["STATUS"]) == "CONFIRMED"
    assert int(vevent["SEQUENCE"]) == 3
    assert (
        str(vevent["LOCATION"])
        == "Dudley Branch Library; Room 2, 65 Warren St, Roxbury, MA, Online"
    )
    assert str(vevent["URL"]) == f"http://engage.test/events/{event.id}"
    description = str(vevent["DESCRIPTION"])
    assert NASTY_TEXT.replace("\n", " ") in description.replace("\n", " ")
    assert description.endswith(f"http://engage.test/events/{event.id}")
    assert vevent.decoded("DTSTAMP").tzinfo is not None
    assert vevent.decoded("DTSTAMP").utcoffset() == timedelta(0)
    # vobject reads the same values.
    assert other.vevent.summary.value == NASTY
    assert other.vevent.uid.value == f"event-{event.id}@engage.test"
    assert other.vevent.location.value.startswith("Dudley Branch Library; Room 2")
    assert other.vevent.dtstart.value == event.starts_at


def test_text_is_escaped_on_the_wire(ctx, verified):
    event = make_event(verified, title="Hearing; cameras, drones\nand more", description="a,b;c")
    unfolded = event_ics(event).replace(b"\r\n ", b"")
    assert b"SUMMARY:Hearing\\; cameras\\, drones\\nand more\r\n" in unfolded
    assert b"DESCRIPTION:a\\,b\\;c\\n\\nhttp://engage.test/events/" in unfolded


def test_the_meeting_link_is_in_no_calendar(client, ctx, verified, policy):
    event = make_event(verified, [policy], online=True, meeting_link=SECRET)
    meeting = make_meeting([policy], online=True, meeting_link=SECRET)
    for url in (
        f"/events/{event.id}.ics",
        f"/events/{meeting.id}.ics",
        "/events.ics",
        f"/organizations/{verified.slug}/events.ics",
        f"/policies/{policy.slug}/events.ics",
    ):
        response = client.get(url)
        assert response.status_code == 200, url
        check_rfc5545(response.data)


def test_the_uid_is_stable_and_the_sequence_follows_edits(client, ctx, verified):
    event = make_event(verified, title="Before")
    first = vevents(check_rfc5545(client.get(f"/events/{event.id}.ics").data)[0])[0]
    event.title, event.starts_at = "After", event.starts_at + timedelta(hours=1)
    event.ends_at += timedelta(hours=1)
    event.sequence += 1
    db.session.flush()
    second = vevents(check_rfc5545(client.get(f"/events/{event.id}.ics").data)[0])[0]
    assert second["UID"] == first["UID"]
    assert int(second["SEQUENCE"]) == int(first["SEQUENCE"]) + 1
    assert str(second["SUMMARY"]) == "After"
    assert second.decoded("DTSTART") == first.decoded("DTSTART") + timedelta(hours=1)


def test_a_cancelled_event_is_still_served_as_cancelled(client, ctx, verified):
    event = make_event(verified, status="cancelled", sequence=2)
    parsed, other = check_rfc5545(client.get(f"/events/{event.id}.ics").data)
    assert str(vevents(parsed)[0]["STATUS"]) == "CANCELLED"
    assert other.vevent.status.value == "CANCELLED"
    feed = check_rfc5545(client.get("/events.ics").data)[0]
    statuses = {str(v["UID"]): str(v["STATUS"]) for v in vevents(feed)}
    assert statuses[f"event-{event.id}@engage.test"] == "CANCELLED"


class WhenForm(FlaskForm):
    class Meta:
        csrf = False

    starts_at = LocalDateTimeField()


@pytest.mark.parametrize(
    ("typed", "utc"),
    [
        ("2027-03-13T18:30", "20270313T233000Z"),  # the day before clocks go forward: EST
        ("2027-03-14T18:30", "20270314T223000Z"),  # the day they do: EDT
        ("2027-11-06T18:30", "20271106T223000Z"),  # the day before they go back: EDT
        ("2027-11-07T18:30", "20271107T233000Z"),  # the day they do: EST
    ],
)
def test_times_typed_in_city_time_are_written_in_utc(app, ctx, verified, typed, utc):
    with app.test_request_context(method="POST", data={"starts_at": typed}):
        starts = WhenForm().starts_at.data
    event = make_event(verified, starts_at=starts, ends_at=starts + timedelta(hours=2))
    data = event_ics(event)
    assert f"DTSTART:{utc}\r\n".encode() in data
    parsed, other = check_rfc5545(data)
    local = vevents(parsed)[0].decoded("DTSTART").astimezone(ZoneInfo("America/New_York"))
    assert local.strftime("%Y-%m-%dT%H:%M") == typed
    assert other.vevent.dtstart.value.astimezone(UTC) == starts


def test_dtstamp_and_times_are_utc(ctx, verified):
    event = make_event(verified)
    data = event_ics(event)
    for name in (b"DTSTAMP", b"DTSTART", b"DTEND"):
        (line,) = [line for line in lines_of(data) if line.startswith(name + b":")]
        assert line.endswith(b"Z"), line
    assert b"BEGIN:VTIMEZONE" not in data


def test_the_feed_lists_public_events_only(client, ctx, verified, policy):
    pending = make_org(status="pending")
    hidden = make_event(pending, [policy], title="Not public yet")
    shown = make_event(verified, [policy], title="Public session")
    meeting = make_meeting([policy], title="Council hearing", kind=EventKind.HEARING.value)
    old = make_event(verified, starts_in=timedelta(days=-60), title="Long ago")
    response = client.get("/events.ics")
    assert response.status_code == 200
    assert response.headers["Content-Type"] == "text/calendar; charset=utf-8"
    parsed, other = check_rfc5545(response.data)
    assert "listening sessions" in str(parsed["X-WR-CALNAME"])
    uids = {str(v["UID"]) for v in vevents(parsed)}
    assert f"event-{shown.id}@engage.test" in uids
    assert f"event-{meeting.id}@engage.test" in uids
    assert f"event-{hidden.id}@engage.test" not in uids
    assert f"event-{old.id}@engage.test" not in uids
    assert len(other.contents["vevent"]) == len(uids)
    meeting_url = {str(v["UID"]): str(v["URL"]) for v in vevents(parsed)}
    assert meeting_url[f"event-{meeting.id}@engage.test"].endswith(f"/meetings/{meeting.id}")


def test_an_unverified_organizations_event_has_no_calendar(client, ctx):
    event = make_event(make_org(status="pending"))
    assert client.get(f"/events/{event.id}.ics").status_code == 404
    assert client.get("/events/999999.ics").status_code == 404


def test_the_organization_feed(client, ctx, verified):
    other_org = make_org()
    mine = make_event(verified, title="Ours")
    theirs = make_event(other_org, title="Theirs")
    response = client.get(f"/organizations/{verified.slug}/events.ics")
    assert response.status_code == 200
    parsed, other = check_rfc5545(response.data)
    name = other.contents["x-wr-calname"][0].value
    assert name == "Roxbury Residents, United: listening sessions"
    assert b"X-WR-CALNAME:Roxbury Residents\\, United" in response.data
    uids = {str(v["UID"]) for v in vevents(parsed)}
    assert uids == {f"event-{mine.id}@engage.test"}
    assert f"event-{theirs.id}" not in response.get_data(as_text=True)


def test_an_unverified_or_unknown_organization_has_no_feed(client, ctx):
    pending = make_org(status="pending")
    assert client.get(f"/organizations/{pending.slug}/events.ics").status_code == 404
    assert client.get("/organizations/nobody/events.ics").status_code == 404


def test_the_policy_feed(client, ctx, verified, policy):
    linked = make_event(verified, [policy])
    meeting = make_meeting([policy])
    unrelated = make_event(verified, [factories.make_policy()])
    response = client.get(f"/policies/{policy.slug}/events.ics")
    assert response.status_code == 200
    parsed, _ = check_rfc5545(response.data)
    uids = {str(v["UID"]) for v in vevents(parsed)}
    assert uids == {f"event-{linked.id}@engage.test", f"event-{meeting.id}@engage.test"}
    assert f"event-{unrelated.id}@" not in response.get_data(as_text=True)
    assert client.get("/policies/no-such-policy/events.ics").status_code == 404


def test_an_empty_feed_is_still_a_valid_calendar(ctx):
    data = events_ics([], "Nothing yet")
    parsed, other = check_rfc5545(data)
    assert vevents(parsed) == []
    assert other.name == "VCALENDAR"


def test_a_request_method_can_be_chosen_for_mail(ctx, verified):
    event = make_event(verified)
    parsed, _ = check_rfc5545(event_ics(event, method="REQUEST"))
    assert parsed["METHOD"] == "REQUEST"
    stamp = vevents(parsed)[0].decoded("DTSTAMP")
    assert abs(stamp - utcnow()) < timedelta(minutes=1)
    assert stamp.tzinfo is not None
    assert isinstance(stamp, datetime)
