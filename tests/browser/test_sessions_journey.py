"""A listening session fills up, in the browser: a resident signs up from the policy page
asking for an interpreter, the session is full for the next one, who joins the waitlist; the
first cancels and the second is promoted and emailed; the organizer checks them in at the
door. axe-core on every page on the way."""

from playwright.sync_api import expect

from tests import factories
from tests.browser.helpers import assert_accessible, mailed_text, sign_in
from tests.events.helpers_events import make_org, make_session


def follow(page, link) -> None:
    with page.expect_navigation():
        link.click()


def seed(live_data) -> dict:
    with live_data():
        organizer = factories.make_user(display_name="Dana Organizer")
        org = make_org(admins=[organizer])
        policy = factories.make_policy(title="Gunshot detection sensors")
        event = make_session(org, organizer, [policy], title="Sensors on our street", capacity=1)
        first = factories.make_user(display_name="Ana First")
        second = factories.make_user(display_name="Ben Second")
        return {
            "policy": policy.slug,
            "event": event.id,
            "organizer": organizer.email,
            "first": first.email,
            "second": second.email,
        }


def first_signs_up_from_the_policy_page(page, data) -> None:
    page.goto(f"/policies/{data['policy']}")
    follow(page, page.locator("#sessions").get_by_role("link", name="Sensors on our street"))
    expect(page.locator("h1")).to_have_text("Sensors on our street")
    assert_accessible(page)
    page.locator("#interpretation_language").select_option("es")
    follow(page, page.get_by_role("button", name="Sign up for this session"))
    expect(page.locator("#your-place h2")).to_have_text("You have a seat")
    expect(page.locator("main")).to_contain_text("An interpreter for Spanish")
    assert_accessible(page)


def second_joins_the_waitlist(page, data) -> None:
    page.goto(f"/events/{data['event']}")
    expect(page.locator("#your-place")).to_contain_text("This session is full.")
    assert_accessible(page)
    page.locator("label[for=join_waitlist]").click()
    follow(page, page.get_by_role("button", name="Join the waitlist"))
    expect(page.locator("#your-place")).to_contain_text("You are number 1 on the waitlist.")
    assert_accessible(page)


def first_cancels_from_the_account_page(page) -> None:
    page.goto("/account")
    assert_accessible(page)
    follow(page, page.locator("#sessions").get_by_role("link", name="Cancel"))
    expect(page.locator("h1")).to_contain_text("Cancel your sign-up")
    assert_accessible(page)
    follow(page, page.get_by_role("button", name="Yes, cancel my sign-up"))
    expect(page.locator("main")).to_contain_text("Your sign-up is cancelled.")
    assert_accessible(page)


def organizer_checks_in(page, data) -> None:
    page.goto(f"/events/{data['event']}")
    follow(page, page.get_by_role("link", name="Attendees and accommodation requests"))
    expect(page.locator("table").first).to_contain_text("Ben Second")
    expect(page.locator("main")).not_to_contain_text("Ana First")
    assert_accessible(page)
    follow(page, page.get_by_role("button", name="Check in Ben Second"))
    expect(page.locator("#checked-in-count")).to_contain_text("1")
    assert_accessible(page)


def test_session_fills_waitlist_and_promotion(new_page, live_data):
    data = seed(live_data)
    first, second = new_page(), new_page()
    sign_in(first, data["first"])
    sign_in(second, data["second"])
    first_signs_up_from_the_policy_page(first, data)
    assert "Sensors on our street" in mailed_text(live_data, data["first"], "event_confirmed")
    second_joins_the_waitlist(second, data)
    first_cancels_from_the_account_page(first)
    assert "You now have a seat" in mailed_text(live_data, data["second"], "event_promoted")
    second.reload()
    expect(second.locator("#your-place h2")).to_have_text("You have a seat")
    organizer = new_page()
    sign_in(organizer, data["organizer"])
    organizer_checks_in(organizer, data)
