"""Organizers' pages: post, edit and cancel sessions; attendees, CSV, check-in at the door."""

import csv
import io
from datetime import UTC, datetime

import pytest

from engage.audit import AuditEntry
from engage.events import services
from engage.events.models import Event
from engage.extensions import db
from engage.types import utcnow
from tests import factories
from tests.events.helpers_events import make_org, make_session, sign_up_people

NEXT_YEAR = utcnow().year + 1


@pytest.fixture
def member(ctx):
    return factories.make_user(display_name="Dana Organizer")


@pytest.fixture
def org(member):
    return make_org(members=[member])


@pytest.fixture
def policy(ctx):
    return factories.make_policy(title="Cameras")


@pytest.fixture
def event(org, member, policy):
    return make_session(org, member, [policy], capacity=3)


def _form(policy, **overrides) -> dict:
    form = {
        "title": "Drones over the harbor",
        "description": "Questions welcome.",
        "policy_ids": str(policy.id),
        "starts_at": f"{NEXT_YEAR}-01-15T18:00",
        "ends_at": f"{NEXT_YEAR}-01-15T19:30",
        "in_person": "y",
        "venue": "East Boston Library",
        "address": "365 Bremen St",
        "neighborhood": "East Boston",
        "accessibility_notes": "Elevator to the community room.",
        "meeting_link": "",
        "languages": ["en", "es"],
        "interpretation": ["asl"],
        "capacity": "40",
        "registration_deadline": "",
        "accommodation_deadline": "",
    }
    form.update(overrides)
    return {k: v for k, v in form.items() if v is not None}


def _events() -> list[Event]:
    return db.session.scalars(db.select(Event).order_by(Event.id)).all()


# Posting --------------------------------------------------------------------------------------


def test_member_posts_a_session_in_city_time(client, login, member, org, policy):
    login(member)
    page = client.get(f"/organizations/{org.slug}/events/new")
    assert page.status_code == 200 and "Post a listening session" in page.get_data(as_text=True)
    response = client.post_form(f"/organizations/{org.slug}/events/new", _form(policy))
    assert response.status_code == 302
    [event] = _events()
    assert response.headers["Location"].endswith(f"/events/{event.id}")
    # 6 pm in Boston in January (EST, UTC-5) is 23:00 UTC.
    assert event.starts_at == datetime(NEXT_YEAR, 1, 15, 23, 0, tzinfo=UTC)
    assert event.capacity == 40 and event.interpretation == ["asl"]
    assert event.neighborhood == "East Boston" and event.created_by_id == member.id
    shown = client.get(f"/events/{event.id}").get_data(as_text=True)
    assert "Your session is posted." in shown
    assert "6:00\u202fPM to 7:30\u202fPM" in shown or "6:00 PM to 7:30 PM" in shown


BAD_FORMS = [
    ({"starts_at": "2020-01-01T10:00", "ends_at": "2020-01-01T11:00"}, "The start must be in"),
    ({"ends_at": f"{NEXT_YEAR}-01-15T17:00"}, "The end must be after the start."),
    ({"capacity": "0"}, "Capacity must be a whole number of seats"),
    ({"capacity": "-3"}, "Capacity must be a whole number of seats"),
    ({"capacity": "lots"}, "Not a valid integer value"),
    ({"registration_deadline": f"{NEXT_YEAR}-01-16T09:00"}, "Registration must close at the"),
    ({"accommodation_deadline": f"{NEXT_YEAR}-01-16T09:00"}, "Accommodation requests must"),
    ({"in_person": None}, "Say whether the session is in person, online, or both."),
    ({"online": "y", "meeting_link": "http://x.example"}, "full https:// address"),
    ({"starts_at": "next tuesday"}, "Enter a date and time like"),
    ({"ends_at": "9999-12-31T23:59"}, "Enter a date and time like"),
    ({"policy_ids": None}, "Choose at least one policy"),
]


@pytest.mark.parametrize(("changes", "message"), BAD_FORMS)
def test_bad_input_shows_a_message_and_keeps_the_input(
    client, login, member, org, policy, changes, message
):
    login(member)
    response = client.post_form(f"/organizations/{org.slug}/events/new", _form(policy, **changes))
    assert response.status_code == 400
    page = response.get_data(as_text=True)
    assert "Please correct the following" in page and message in page
    assert 'value="Drones over the harbor"' in page
    assert _events() == []


def test_unverified_organization_gets_a_clear_refusal(client, login, member, policy):
    pending = make_org(status="pending", members=[member])
    login(member)
    for response in (
        client.get(f"/organizations/{pending.slug}/events/new"),
        client.post_form(f"/organizations/{pending.slug}/events/new", _form(policy)),
    ):
        assert response.status_code == 403
        assert "Your organization is not verified yet" in response.get_data(as_text=True)
    assert _events() == []


def test_outsiders_cannot_post(client, login, org, policy, resident):
    anonymous = client.get(f"/organizations/{org.slug}/events/new")
    assert anonymous.status_code == 302 and "/auth/login" in anonymous.headers["Location"]
    login(resident)
    assert client.get(f"/organizations/{org.slug}/events/new").status_code == 403
    response = client.post_form(f"/organizations/{org.slug}/events/new", _form(policy))
    assert response.status_code == 403
    assert _events() == []


def test_unknown_organization_and_event_ids(client, login, member, event):
    login(member)
    assert client.get("/organizations/no-such-org/events/new").status_code == 404
    for path in ("edit", "cancel", "attendees", "attendees.csv"):
        assert client.get(f"/events/999999/{path}").status_code == 404
    assert client.post_form("/events/999999/attendees/1/check-in").status_code == 404
    huge = "99999999999999999999"
    assert client.get(f"/events/{huge}/edit").status_code == 404
    assert client.post_form(f"/events/{event.id}/attendees/{huge}/check-in").status_code == 404
    assert client.post_form(f"/events/{event.id}/attendees/999999/check-in").status_code == 404


def test_no_csrf_is_refused(client, login, member, org, policy):
    login(member)
    response = client.post(f"/organizations/{org.slug}/events/new", data=_form(policy))
    assert response.status_code == 400
    assert _events() == []


# Editing and cancelling -------------------------------------------------------------------------


def test_edit_time_emails_the_people_signed_up(client, login, member, event, policy, outbox):
    seated = sign_up_people(event, 1)[0]
    login(member)
    page = client.get(f"/events/{event.id}/edit").get_data(as_text=True)
    assert 'value="Cameras on our streets"' in page and 'value="Codman Square Library"' in page
    response = client.post_form(
        f"/events/{event.id}/edit",
        _form(policy, title="Cameras on our streets", capacity="3", venue="Codman Square Library"),
    )
    assert response.status_code == 302
    assert event.starts_at == datetime(NEXT_YEAR, 1, 15, 23, 0, tzinfo=UTC)
    assert event.sequence == 1
    [mail] = outbox("event_changed")
    assert mail.to_address == seated.user.email
    page = client.get(f"/events/{event.id}").get_data(as_text=True)
    assert "Everyone signed up was emailed the new time or place." in page


def test_edit_refusal_changes_nothing(client, login, member, event, policy):
    login(member)
    response = client.post_form(f"/events/{event.id}/edit", _form(policy, capacity="0"))
    assert response.status_code == 400
    db.session.refresh(event)
    assert event.capacity == 3 and event.sequence == 0


def test_member_of_another_org_cannot_touch_the_session(client, login, event, policy):
    rival = factories.make_user()
    make_org(members=[rival])
    login(rival)
    assert client.get(f"/events/{event.id}/edit").status_code == 403
    assert client.post_form(f"/events/{event.id}/edit", _form(policy)).status_code == 403
    assert client.get(f"/events/{event.id}/cancel").status_code == 403
    response = client.post_form(f"/events/{event.id}/cancel", {"reason": "Mine now"})
    assert response.status_code == 403
    assert client.get(f"/events/{event.id}/attendees").status_code == 403
    assert client.get(f"/events/{event.id}/attendees.csv").status_code == 403
    db.session.refresh(event)
    assert event.title == "Cameras on our streets" and event.status == "scheduled"


def test_cancel_asks_for_a_reason_on_its_own_page(client, login, member, event, outbox):
    sign_up_people(event, 2)
    login(member)
    page = client.get(f"/events/{event.id}/cancel").get_data(as_text=True)
    assert "Cancel Cameras on our streets?" in page and "2 people are signed up" in page
    refused = client.post_form(f"/events/{event.id}/cancel", {"reason": ""})
    assert refused.status_code == 400 and "Say why the session is cancelled." in refused.get_data(
        as_text=True
    )
    assert event.status == "scheduled"
    response = client.post_form(f"/events/{event.id}/cancel", {"reason": "Power cut"})
    assert response.status_code == 302
    assert event.status == "cancelled" and len(outbox("event_cancelled")) == 2
    page = client.get(f"/events/{event.id}").get_data(as_text=True)
    assert "This session is cancelled" in page and "Power cut" in page


def test_organizer_tools_only_for_organizers(client, login, member, event, resident):
    login(resident)
    assert "For the organizers" not in client.get(f"/events/{event.id}").get_data(as_text=True)
    client.post_form("/auth/logout")
    login(member)
    page = client.get(f"/events/{event.id}").get_data(as_text=True)
    assert "For the organizers" in page and f"/events/{event.id}/attendees" in page


# Attendees ------------------------------------------------------------------------------------


def test_attendee_list_shows_requests_to_organizers_only(client, login, member, event, resident):
    asked = services.Accommodations("so", needs_asl=True, other="Wheelchair space")
    person = factories.make_user(display_name="Amina Reader")
    services.sign_up(person, event, asked)
    sign_up_people(event, 3)
    login(resident)
    assert client.get(f"/events/{event.id}/attendees").status_code == 403
    assert client.get(f"/events/{event.id}/attendees.csv").status_code == 403
    client.post_form("/auth/logout")
    login(member)
    page = client.get(f"/events/{event.id}/attendees").get_data(as_text=True)
    assert "Amina Reader" in page and "Interpreter: Somali" in page
    assert "ASL interpreter" in page and "Wheelchair space" in page
    assert "People with a seat" in page and "Waitlist, in order" in page
    assert "0</span> checked in" in page


def test_staff_may_see_the_attendee_list(client, login, event, staff):
    login(staff)
    assert client.get(f"/events/{event.id}/attendees").status_code == 200


def test_csv_export(client, login, member, event):
    person = factories.make_user(display_name="=HYPERLINK(evil)")
    services.sign_up(person, event, services.Accommodations(needs_cart=True, other="Large print"))
    login(member)
    response = client.get(f"/events/{event.id}/attendees.csv")
    assert response.status_code == 200 and response.mimetype == "text/csv"
    assert "attachment" in response.headers["Content-Disposition"]
    rows = list(csv.reader(io.StringIO(response.get_data(as_text=True))))
    assert rows[0][:3] == ["name", "status", "waitlist_position"]
    assert rows[1][0] == "'=HYPERLINK(evil)"
    assert rows[1][1] == "confirmed" and rows[1][6] == "yes" and rows[1][7] == "Large print"
    assert "@" not in response.get_data(as_text=True)


def test_check_in_at_the_door(client, login, member, event):
    seated, other = sign_up_people(event, 2)
    login(member)
    url = f"/events/{event.id}/attendees/{seated.id}/check-in"
    assert client.post(url, data={"present": "1"}).status_code == 400
    assert seated.checked_in_at is None
    response = client.post_form(url, {"present": "1"})
    assert response.status_code == 302
    assert response.headers["Location"].endswith(f"#attendee-{seated.id}")
    assert seated.checked_in_at is not None and other.checked_in_at is None
    page = client.get(f"/events/{event.id}/attendees").get_data(as_text=True)
    assert "is checked in." in page and "1</span> checked in" in page
    client.post_form(url, {"present": "0"})
    assert seated.checked_in_at is None
    actions = db.session.scalars(db.select(AuditEntry.action)).all()
    assert "event.check_in" in actions and "event.undo_check_in" in actions


def test_check_in_guards(client, login, member, event, resident, policy):
    [seated] = sign_up_people(event, 1)
    other_event = make_session(event.organization, member, [policy])
    [elsewhere] = sign_up_people(other_event, 1)
    login(resident)
    url = f"/events/{event.id}/attendees/{seated.id}/check-in"
    assert client.post_form(url, {"present": "1"}).status_code == 403
    client.post_form("/auth/logout")
    login(member)
    wrong = f"/events/{event.id}/attendees/{elsewhere.id}/check-in"
    assert client.post_form(wrong, {"present": "1"}).status_code == 404
    assert seated.checked_in_at is None and elsewhere.checked_in_at is None
