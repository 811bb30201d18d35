"""The character counter: the hint that states a text box's limit counts down as the resident
types, in the page's language, and says how far over the limit a comment is (the text is never
cut short). Without JavaScript the hint states the limit."""

from playwright.sync_api import expect

from tests import factories
from tests.browser.helpers import assert_accessible


def open_policy(live_data) -> str:
    with live_data():
        return factories.make_policy(period="open").slug


def test_the_count_follows_the_typing_and_shows_what_is_over(page, live_data):
    page.goto(f"/policies/{open_policy(live_data)}")
    box, count = page.locator("#body"), page.locator("#body-count")
    expect(count).to_have_text("Characters left: 5,000")
    box.fill("Ten chars.\n\n")  # surrounding space and line breaks count as the server counts
    expect(count).to_have_text("Characters left: 4,990")
    box.fill("x" * 5003)
    expect(count).to_have_text("Characters over the limit: 3")
    expect(count).to_have_class("usa-hint engage-count engage-count--over")
    assert box.input_value() == "x" * 5003  # nothing was cut
    expect(page.locator("#body-count-status")).to_have_text("Characters over the limit: 3")
    assert_accessible(page)


def test_the_count_speaks_the_page_language(page, live_data):
    page.goto(f"/policies/{open_policy(live_data)}?lang=es")
    page.locator("#body").fill("Hola")
    count = page.locator("#body-count")
    expect(count).to_contain_text("4.996")
    expect(count).not_to_contain_text("Characters")


def test_without_javascript_the_hint_states_the_limit(new_page, live_data):
    page = new_page(java_script_enabled=False)
    page.goto(f"/policies/{open_policy(live_data)}")
    expect(page.locator("#body-count")).to_have_text("You can enter up to 5,000 characters")
