"""A resident's account, end to end in the browser: register, confirm, profile, export,
forgotten password, sign in again, delete; axe-core on every page on the way."""

import json
from pathlib import Path

from playwright.sync_api import expect

from engage.accounts.models import User
from engage.extensions import db
from engage.reference import neighborhoods
from tests import factories
from tests.browser.helpers import assert_accessible, mailed_link, sign_in, sign_out

PASSWORD = "a long first password"
NEW_PASSWORD = "a longer second password"


def header_link(page, name: str):
    return page.get_by_role("navigation", name="Primary navigation").get_by_role("link", name=name)


def main_link(page, name: str):
    return page.locator("main").get_by_role("link", name=name)


def follow(page, link) -> None:
    """Click `link` and wait for the page it opens (checking the old page would race)."""
    with page.expect_navigation():
        link.click()


def stored_user(live_data, user_id: int) -> User:
    with live_data():
        user = db.session.get(User, user_id)
        db.session.expunge(user)
        return user


def user_id_for(live_data, email: str) -> int:
    with live_data():
        return db.session.scalar(db.select(User.id).where(User.email == email))


def register_with_keyboard(page, email: str, name: str) -> None:
    """Type into the form field by field with Tab, and send it with Enter."""
    page.locator("#email").focus()
    for value in (email, name, PASSWORD):
        page.keyboard.type(value)
        page.keyboard.press("Tab")
    page.keyboard.type(PASSWORD)
    expect(page.locator("#confirm")).to_be_focused()
    with page.expect_navigation():
        page.keyboard.press("Enter")


def register_and_confirm(page, live_data, email: str) -> int:
    page.goto("/")
    assert_accessible(page)
    follow(page, header_link(page, "Sign in"))
    assert_accessible(page)
    follow(page, main_link(page, "Create an account"))
    expect(page.locator("h1")).to_have_text("Create an account")
    assert_accessible(page)
    register_with_keyboard(page, email, "Dana from Dorchester")
    expect(page.locator("h1")).to_have_text("Check your email")
    expect(page.locator("main")).to_contain_text(email)
    assert_accessible(page)
    # The link signs the resident in and returns to where registration started.
    page.goto(mailed_link(live_data, email, "confirm_email"))
    expect(page.locator("main")).to_contain_text("your email address is confirmed")
    assert_accessible(page)
    follow(page, header_link(page, "Your account"))
    expect(page.locator("h1")).to_have_text("Your account")
    assert_accessible(page)
    return user_id_for(live_data, email)


def edit_profile(page, neighborhood: str) -> None:
    page.locator("#neighborhood").select_option(neighborhood)
    page.locator("#preferred_language").select_option("es")
    with page.expect_navigation():
        page.get_by_role("button", name="Save profile").press("Enter")
    page.wait_for_url("**/account")
    # The saved language now serves the pages; the header's switcher brings English back.
    expect(page.locator("html")).to_have_attribute("lang", "es")
    expect(page.locator("#neighborhood")).to_have_value(neighborhood)
    page.locator("#language-switcher").select_option("en")
    with page.expect_navigation():
        page.locator(".engage-language-form button[type=submit]").press("Enter")
    expect(page.locator("html")).to_have_attribute("lang", "en")
    assert_accessible(page)


def download_data(page) -> dict:
    with page.expect_download() as download:
        main_link(page, "Download everything we hold about you (JSON)").click()
    assert download.value.suggested_filename == "engage-my-data.json"
    return json.loads(Path(download.value.path()).read_text())


def reset_forgotten_password(page, live_data, email: str) -> None:
    follow(page, header_link(page, "Sign in"))
    follow(page, main_link(page, "Forgot your password?"))
    expect(page.locator("h1")).to_have_text("Reset your password")
    assert_accessible(page)
    page.locator("#email").fill(email)
    with page.expect_navigation():
        page.locator("#email").press("Enter")
    expect(page.locator("main")).to_contain_text("we sent it a link to choose a new password")
    assert_accessible(page)
    page.goto(mailed_link(live_data, email, "reset_password"))
    expect(page.locator("h1")).to_have_text("Choose a new password")
    assert_accessible(page)
    page.locator("#password").fill(NEW_PASSWORD)
    page.locator("#confirm").fill(NEW_PASSWORD)
    page.locator("#confirm").press("Enter")
    page.wait_for_url("**/account")
    expect(page.locator("main")).to_contain_text("Your password is changed.")


def delete_account(page) -> None:
    follow(page, main_link(page, "Delete your account"))
    expect(page.locator("h1")).to_have_text("Delete your account")
    assert_accessible(page)
    page.locator("#password").fill(NEW_PASSWORD)
    with page.expect_navigation():
        page.get_by_role("button", name="Delete my account").click()
    expect(page.locator("main")).to_contain_text("Your account is deleted.")


def test_resident_registers_confirms_edits_exports_resets_and_deletes(page, live_data):
    email = "dana.journey@example.org"
    user_id = register_and_confirm(page, live_data, email)
    neighborhood = neighborhoods()[1]

    edit_profile(page, neighborhood)
    user = stored_user(live_data, user_id)
    # Saved as Spanish, then switched back to English in the header: the profile follows.
    assert (user.neighborhood, user.preferred_language) == (neighborhood, "en")

    account = download_data(page)["account"]
    assert account["email"] == email
    assert (account["neighborhood"], account["preferred_language"]) == (neighborhood, "en")

    sign_out(page)
    expect(page.locator("main")).to_contain_text("You are signed out.")
    reset_forgotten_password(page, live_data, email)
    sign_out(page)
    sign_in(page, email, NEW_PASSWORD)
    assert_accessible(page)

    delete_account(page)
    assert stored_user(live_data, user_id).deleted_at is not None
    expect(header_link(page, "Sign in")).to_be_visible()


def test_without_javascript_a_resident_can_register_confirm_and_sign_in(new_page, live_data):
    page = new_page(java_script_enabled=False)
    email = "no-script@example.org"
    page.goto("/auth/register")
    page.locator("#email").fill(email)
    page.locator("#display_name").fill("No Script")
    page.locator("#password").fill(PASSWORD)
    page.locator("#confirm").fill(PASSWORD)
    with page.expect_navigation():
        page.get_by_role("button", name="Create account").click()
    expect(page.locator("h1")).to_have_text("Check your email")

    page.goto(mailed_link(live_data, email, "confirm_email"))
    expect(page.locator("main")).to_contain_text("your email address is confirmed")
    sign_out(page)
    expect(page.locator("main")).to_contain_text("You are signed out.")
    sign_in(page, email, PASSWORD)
    expect(page.locator("h1")).to_have_text("Your account")


def test_a_wrong_password_shows_the_error_summary_and_keeps_the_email(page, live_users):
    page.goto("/auth/login")
    page.locator("#email").fill(live_users["resident"])
    page.locator("#password").fill("not the password")
    with page.expect_navigation():
        page.locator("#password").press("Enter")
    summary = page.locator("#error-summary")
    expect(summary).to_contain_text("don't match an account")
    expect(summary).to_be_focused()
    expect(page.locator("#email")).to_have_value(live_users["resident"])
    assert_accessible(page)


def test_a_broken_reset_link_explains_itself(page):
    page.goto("/auth/reset/not-a-real-token")
    page.locator("#password").fill(NEW_PASSWORD)
    page.locator("#confirm").fill(NEW_PASSWORD)
    with page.expect_navigation() as navigation:
        page.locator("#confirm").press("Enter")
    assert navigation.value.status == 400
    expect(page.locator("h1")).to_have_count(1)
    assert_accessible(page)


def test_an_unconfirmed_account_page_offers_the_link_again(page, live_data):
    with live_data():
        email = factories.make_user(confirmed=False).email
    sign_in(page, email)
    expect(page.get_by_role("button", name="Send the link again")).to_be_visible()
    assert_accessible(page)
