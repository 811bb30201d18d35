"""The session page and its sign-up form: /events/<id> and POST /events/<id>/rsvp."""

import json
from datetime import timedelta

import pytest

from engage.events import services
from engage.events.models import Registration
from engage.extensions import db
from engage.types import utcnow
from tests import factories
from tests.events.helpers_events import make_session, sign_up_people

LINK = "https://meet.example/secret-room"


def _rsvp(event) -> str:
    return f"/events/{event.id}/rsvp"


def _registrations(event) -> list[Registration]:
    return db.session.scalars(
        db.select(Registration).where(Registration.event_id == event.id).order_by(Registration.id)
    ).all()


@pytest.fixture
def event(ctx):
    return make_session(capacity=2)


@pytest.fixture
def online(ctx):
    return make_session(online=True, meeting_link=LINK, capacity=1)


def test_page_shows_everything_public(client, event):
    page = client.get(f"/events/{event.id}").get_data(as_text=True)
    assert "Cameras on our streets" in page
    assert event.organization.name in page
    assert "690 Washington St, Dorchester" in page and "(Dorchester)" in page
    assert "Step-free entrance on Norfolk St." in page
    assert "American Sign Language (ASL)" in page and "Haitian Creole" in page
    assert "English, Spanish" in page
    assert "2 seats left of 2." in page
    assert "1 hour and 30 minutes" in page
    assert "No, in person only." in page
    for policy in event.policies:
        assert f"/policies/{policy.slug}" in page
    assert "Sign in to sign up" in page
    assert f"/auth/login?next=/events/{event.id}" in page


def test_meeting_link_only_for_people_with_a_seat(client, login, online):
    assert LINK not in client.get(f"/events/{online.id}").get_data(as_text=True)
    seated = factories.make_user()
    waiting = factories.make_user()
    stranger = factories.make_user()
    services.sign_up(seated, online)
    services.sign_up(waiting, online, waitlist=True)
    login(stranger)
    page = client.get(f"/events/{online.id}").get_data(as_text=True)
    assert LINK not in page and "meet.example" not in page
    assert "The link to join is emailed to people with a seat" in page
    client.post_form("/auth/logout")
    login(waiting)
    page = client.get(f"/events/{online.id}").get_data(as_text=True)
    assert "You are on the waitlist" in page and LINK not in page
    client.post_form("/auth/logout")
    login(seated)
    page = client.get(f"/events/{online.id}").get_data(as_text=True)
    assert "You have a seat" in page and LINK in page


def test_meeting_link_never_in_lists_or_policy_pages(client, online):
    assert LINK not in client.get("/events").get_data(as_text=True)
    policy = online.policies[0]
    page = client.get(f"/policies/{policy.slug}").get_data(as_text=True)
    assert "Cameras on our streets" in page and LINK not in page


def test_signed_in_resident_signs_up_with_requests(client, login, event, resident, outbox):
    login(resident)
    form = {"interpretation_language": "zh-Hant", "needs_cart": "y", "accommodation_other": "Ramp"}
    page = client.get(f"/events/{event.id}").get_data(as_text=True)
    assert "Only the organizers see this" in page
    response = client.post_form(_rsvp(event), form)
    assert response.status_code == 302
    assert response.headers["Location"].endswith(f"/events/{event.id}#your-place")
    [registration] = _registrations(event)
    assert registration.user_id == resident.id and registration.status == "confirmed"
    assert registration.interpretation_language == "zh-Hant" and registration.needs_cart
    assert registration.accommodation_other == "Ramp"
    page = client.get(f"/events/{event.id}").get_data(as_text=True)
    assert "You are signed up. We emailed your confirmation" in page
    assert "You have a seat" in page and "Ramp" in page
    assert len(outbox("event_confirmed")) == 1


def test_requests_are_never_shown_to_others(client, login, event, resident):
    other = factories.make_user()
    services.sign_up(other, event, services.Accommodations(other="Hearing loop please"))
    login(resident)
    assert "Hearing loop" not in client.get(f"/events/{event.id}").get_data(as_text=True)


def test_anonymous_sign_up_goes_to_sign_in_and_back(client, event):
    response = client.post_form(_rsvp(event), {})
    assert response.status_code == 302
    assert f"/auth/login?next=/events/{event.id}" in response.headers["Location"]
    assert _registrations(event) == []


def test_no_csrf_token_is_refused(client, login, event, resident):
    login(resident)
    assert client.post(_rsvp(event), data={}).status_code == 400
    assert _registrations(event) == []


def test_unknown_ids_are_404(client, login, event, resident):
    assert client.get("/events/999999").status_code == 404
    login(resident)
    assert client.post_form("/events/999999/rsvp", {}).status_code == 404
    assert client.get("/events/999999/rsvp/cancel").status_code == 404
    bad = {"action": "cancel", "registration": "999999"}
    assert client.post_form(_rsvp(event), bad).status_code == 404
    huge = "99999999999999999999"  # beyond the id column: still a 404, never an error
    assert client.get(f"/events/{huge}").status_code == 404
    assert client.post_form(f"/events/{huge}/rsvp", {}).status_code == 404
    bad = {"action": "cancel", "registration": huge}
    assert client.post_form(_rsvp(event), bad).status_code == 404


def test_signing_up_twice_shows_a_message(client, login, event, resident):
    services.sign_up(resident, event)
    login(resident)
    response = client.post_form(_rsvp(event), {})
    assert response.status_code == 400
    assert "You are already signed up for this session." in response.get_data(as_text=True)
    assert len(_registrations(event)) == 1


def test_full_session_offers_the_waitlist(client, login, event, resident, outbox):
    sign_up_people(event, 2)
    login(resident)
    page = client.get(f"/events/{event.id}").get_data(as_text=True)
    assert "This session is full." in page and "Join the waitlist" in page
    assert 'name="join_waitlist"' in page
    refused = client.post_form(_rsvp(event), {})
    assert refused.status_code == 400
    assert "This session is full. You can join the waitlist instead." in refused.get_data(
        as_text=True
    )
    assert len(_registrations(event)) == 2
    assert client.post_form(_rsvp(event), {"join_waitlist": "y"}).status_code == 302
    page = client.get(f"/events/{event.id}").get_data(as_text=True)
    assert "You are number 1 on the waitlist." in page
    assert len(outbox("event_waitlisted")) == 1


def test_after_the_deadline_the_page_says_closed(client, login, event, resident):
    event.registration_deadline = utcnow() - timedelta(minutes=5)
    db.session.flush()
    login(resident)
    page = client.get(f"/events/{event.id}").get_data(as_text=True)
    assert "Registration for this session has closed." in page
    response = client.post_form(_rsvp(event), {})
    assert response.status_code == 400
    assert "Registration for this session has closed." in response.get_data(as_text=True)
    assert _registrations(event) == []


def test_late_accommodation_warning(client, login, resident):
    soon = utcnow() + timedelta(days=3)
    event = make_session(starts_at=soon, ends_at=soon + timedelta(hours=1))
    login(resident)
    page = client.get(f"/events/{event.id}").get_data(as_text=True)
    assert "they can't guarantee it this late" in page


def test_cancel_through_the_confirmation_page_promotes(client, login, event, resident, outbox):
    mine = services.sign_up(resident, event)
    _, waiting = sign_up_people(event, 2)
    login(resident)
    page = client.get(f"/events/{event.id}/rsvp/cancel").get_data(as_text=True)
    assert "Cancel your sign-up for Cameras on our streets?" in page
    response = client.post_form(_rsvp(event), {"action": "cancel", "registration": str(mine.id)})
    assert response.status_code == 302
    assert mine.status == "cancelled" and waiting.status == "confirmed"
    assert [m.to_address for m in outbox("event_promoted")] == [waiting.user.email]
    assert "Your sign-up is cancelled" in client.get(f"/events/{event.id}").get_data(as_text=True)


def test_cancelling_someone_elses_sign_up_is_forbidden(client, login, event, resident):
    services.sign_up(resident, event)
    [other] = sign_up_people(event, 1)
    login(resident)
    response = client.post_form(_rsvp(event), {"action": "cancel", "registration": str(other.id)})
    assert response.status_code == 403
    assert other.status == "confirmed"


def test_cancel_page_without_a_sign_up_redirects(client, login, event, resident):
    login(resident)
    response = client.get(f"/events/{event.id}/rsvp/cancel")
    assert response.status_code == 302
    page = client.get(f"/events/{event.id}").get_data(as_text=True)
    assert "You are not signed up for this session." in page


def test_cancelled_session_says_so(client, event):
    services.cancel_session(None, event, "The hall is closed for repairs.")
    page = client.get(f"/events/{event.id}").get_data(as_text=True)
    assert "This session is cancelled" in page
    assert "The hall is closed for repairs." in page
    assert "Sign in to sign up" not in page


def test_unverified_organizations_sessions_are_hidden(client, event):
    event.organization.status = "pending"
    db.session.flush()
    assert client.get(f"/events/{event.id}").status_code == 404
    assert "Cameras on our streets" not in client.get("/events").get_data(as_text=True)


def test_account_page_lists_sign_ups_with_cancel_links(client, login, event, resident):
    services.sign_up(resident, event)
    login(resident)
    page = client.get("/account").get_data(as_text=True)
    assert "Your listening sessions" in page and "Cameras on our streets" in page
    assert "You have a seat" in page
    assert f"/events/{event.id}/rsvp/cancel" in page


def test_the_data_download_includes_sign_ups_and_requests(client, login, event, resident):
    services.sign_up(resident, event, services.Accommodations("vi", other="Ramp"))
    login(resident)
    data = json.loads(client.get("/account/export.json").get_data(as_text=True))
    [row] = data["listening_sessions"]
    assert row["session"] == "Cameras on our streets" and row["status"] == "confirmed"
    assert row["interpretation_language"] == "vi" and row["other_request"] == "Ramp"
