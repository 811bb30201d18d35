"""The core journeys with a keyboard alone (Tab, Enter, Space, arrow keys in a list, typing),
with the focus visible at every stop; and the same journeys with JavaScript turned off.

Keyboard: comment on a section of a policy; sign up for a listening session; hide a comment
in the moderation queue. Without JavaScript: sign up for a session and switch the language
(commenting with a preview is tests/browser/test_comments_journey.py)."""

import re

from playwright.sync_api import expect

from engage.accounts.models import User
from engage.comments.models import Comment
from engage.events.models import Registration
from engage.extensions import db
from engage.moderation.services.guidelines import current_guidelines, publish_guidelines
from tests import factories
from tests.browser.helpers import sign_in
from tests.events.helpers_events import make_org, make_session
from tests.moderation.appeal_helpers import GUIDELINES, comment, flag

# What has the focus, and whether a sighted keyboard user can see where it is: an outline or
# a focus shadow on the element, or on the box USWDS draws for a visually hidden checkbox.
_FOCUS = """() => {
  const e = document.activeElement;
  if (!e || e === document.body) return null;
  const ring = s => (s.outlineStyle !== 'none' && parseFloat(s.outlineWidth) > 0)
                    || (s.boxShadow && s.boxShadow !== 'none');
  let seen = ring(getComputedStyle(e));
  if (!seen && e.labels && e.labels[0]) seen = ring(getComputedStyle(e.labels[0], '::before'));
  const r = e.getBoundingClientRect();
  return {
    tag: e.tagName.toLowerCase(), id: e.id,
    text: (e.innerText || e.value || '').trim().slice(0, 60),
    href: e.getAttribute('href') || '', visible: seen && r.width > 0 && r.height > 0,
  };
}"""


def tab_to(page, wanted, limit: int = 250) -> dict:
    """Press Tab until `wanted(focus)` holds; every stop on the way must show its focus."""
    for _ in range(limit):
        page.keyboard.press("Tab")
        focus = page.evaluate(_FOCUS)
        if focus is None:
            continue
        assert focus["visible"], f"no visible focus on {focus} at {page.url}"
        if wanted(focus):
            return focus
    raise AssertionError(f"{limit} presses of Tab never reached the control on {page.url}")


def by_id(element_id: str):
    return lambda focus: focus["id"] == element_id


def by_text(text: str):
    return lambda focus: focus["text"].startswith(text)


def press_enter(page) -> None:
    with page.expect_navigation():
        page.keyboard.press("Enter")


def choose_option(page, select_id: str, value: str) -> None:
    """Move through a focused <select> with the arrow keys until `value` is chosen."""
    select = page.locator(f"#{select_id}")
    for _ in range(40):
        if select.input_value() == value:
            return
        page.keyboard.press("ArrowDown")
    raise AssertionError(f"{value!r} is not among the options of #{select_id}")


# Keyboard: comment on a section -------------------------------------------------------------


def test_keyboard_only_a_resident_comments_on_a_section(new_page, live_data):
    with live_data():
        slug = factories.make_policy(period="open").slug
        email = factories.make_user(display_name="Kay Board").email
    page = new_page()
    sign_in(page, email)
    page.goto(f"/policies/{slug}")
    tab_to(page, lambda f: "comment_on=data_retention" in f["href"])
    press_enter(page)
    expect(page.locator("#section_key")).to_have_value("data_retention")
    tab_to(page, by_id("body"))
    page.keyboard.type("Thirty days is long enough to keep footage of people who did nothing.")
    tab_to(page, by_text("Post comment"))
    press_enter(page)
    expect(page.locator("h1")).to_have_text("Your comment is posted")
    with live_data():
        stored = db.session.scalars(db.select(Comment).filter_by(section_key="data_retention"))
        assert any(c.body_md.startswith("Thirty days is long enough") for c in stored)


# Keyboard: sign up for a listening session ---------------------------------------------------


def _session(live_data, title: str) -> tuple[int, str]:
    with live_data():
        organizer = factories.make_user()
        event = make_session(make_org(admins=[organizer]), organizer, title=title)
        return event.id, factories.make_user().email


def _requests(live_data, event_id: int, email: str) -> tuple[str | None, bool] | None:
    """(interpreter language, ASL) of `email`'s sign-up for the event, None without one."""
    with live_data():
        found = db.session.scalars(db.select(Registration).filter_by(event_id=event_id)).all()
        mine = next((r for r in found if r.user.email == email), None)
        return (mine.interpretation_language, mine.needs_asl) if mine else None


def test_keyboard_only_a_resident_signs_up_with_an_interpreter(new_page, live_data):
    event_id, email = _session(live_data, "Keyboard session")
    page = new_page()
    sign_in(page, email)
    page.goto(f"/events/{event_id}")
    tab_to(page, by_id("interpretation_language"))
    choose_option(page, "interpretation_language", "es")
    tab_to(page, by_id("needs_asl"))
    page.keyboard.press("Space")
    expect(page.locator("#needs_asl")).to_be_checked()
    tab_to(page, by_text("Sign up for this session"))
    press_enter(page)
    expect(page.locator("#your-place h2")).to_have_text("You have a seat")
    assert _requests(live_data, event_id, email) == ("es", True)


# Keyboard: hide a comment in the moderation queue ----------------------------------------------


def _flagged_comment(live_data) -> dict:
    with live_data():
        if current_guidelines() is None:
            publish_guidelines(factories.make_user(role="admin"), "Be kind.", GUIDELINES, "v1")
        key = next(iter(g.key for g in current_guidelines().guidelines))
        policy = factories.make_policy(period="open")
        target = comment(policy, body="The people who wrote this are idiots.", minutes_ago=20)
        flag(target)
        moderator = factories.make_user(role="moderator")
        return {
            "policy_id": policy.id,
            "comment_id": target.id,
            "key": key,
            "email": moderator.email,
        }


def test_keyboard_only_a_moderator_hides_a_flagged_comment(new_page, live_data):
    seeded = _flagged_comment(live_data)
    page = new_page()
    sign_in(page, seeded["email"])
    page.goto(f"/moderation?tab=flagged&policy={seeded['policy_id']}")
    number = seeded["comment_id"]
    tab_to(page, by_id(f"action-{number}"))
    choose_option(page, f"action-{number}", "hide")
    tab_to(page, by_id(f"guideline-{number}"))
    choose_option(page, f"guideline-{number}", seeded["key"])
    tab_to(page, by_id(f"note-{number}"))
    page.keyboard.type("Argue with the policy, not with its authors.")
    tab_to(page, by_text("Apply"))
    press_enter(page)
    with live_data():
        hidden = db.session.get(Comment, seeded["comment_id"])
        assert (hidden.status, hidden.moderation_reason) == ("hidden", seeded["key"])


# Without JavaScript ----------------------------------------------------------------------------


def test_without_javascript_a_resident_signs_up_for_a_session(new_page, live_data):
    event_id, email = _session(live_data, "Session without script")
    page = new_page(java_script_enabled=False)
    sign_in(page, email)
    page.goto(f"/events/{event_id}")
    page.locator("#interpretation_language").select_option("ht")
    with page.expect_navigation():
        page.get_by_role("button", name="Sign up for this session").click()
    expect(page.locator("#your-place h2")).to_have_text("You have a seat")
    assert _requests(live_data, event_id, email) == ("ht", False)


def test_without_javascript_the_language_switcher_works_and_is_kept(new_page, live_data):
    page = new_page(java_script_enabled=False, locale="en-US")
    page.goto("/policies")
    expect(page.locator("html")).to_have_attribute("lang", "en")
    page.locator("#language-switcher").select_option("ar")
    with page.expect_navigation():
        page.locator(".engage-language-form button[type=submit]").click()
    assert re.search(r"/policies\?lang=ar$", page.url)
    expect(page.locator("html")).to_have_attribute("dir", "rtl")
    expect(page.locator("#language-switcher")).to_have_value("ar")
    page.goto("/events")  # the cookie keeps the choice
    expect(page.locator("html")).to_have_attribute("lang", "ar")
    # Signed in, the choice goes into the profile.
    with live_data():
        email = factories.make_user().email
    sign_in(page, email)
    page.locator("#language-switcher").select_option("es")
    with page.expect_navigation():
        page.locator(".engage-language-form button[type=submit]").click()
    expect(page.locator("html")).to_have_attribute("lang", "es")
    with live_data():
        user = db.session.scalars(db.select(User).filter_by(email=email)).one()
        assert user.preferred_language == "es"
