"""Moderation in the browser: a resident flags a comment, a moderator hides it with a reason,
the author appeals from the link in the decision mail, and a second moderator restores it.
axe-core runs on every page the journey visits; the CSP is watched."""

import re

from playwright.sync_api import expect

from engage.comments.models import Comment
from engage.extensions import db
from engage.moderation.models import Appeal
from engage.moderation.services.guidelines import current_guidelines, publish_guidelines
from tests import factories
from tests.browser.helpers import assert_accessible, mailed_links, mailed_text, sign_in
from tests.moderation.appeal_helpers import GUIDELINES, comment

TEXT = "Whoever wrote the retention section is clueless; ninety days is a surveillance archive."
APPEAL = "I criticised the policy, not a person: please read my comment again."


def main(page):
    return page.locator("main")


def click(page, control) -> None:
    with page.expect_navigation():
        control.click()


def choose(page, label: str) -> None:
    """Tick a USWDS radio button by its label (the input itself is visually hidden)."""
    page.locator("label", has_text=label).click()
    expect(page.get_by_label(label)).to_be_checked()


def seed(live_data) -> dict:
    """An open policy with one published comment, its author, a neighbour, two moderators."""
    with live_data():
        if current_guidelines() is None:
            publish_guidelines(factories.make_user(role="admin"), "Be kind.", GUIDELINES, "v1")
        keys = {g.key: g.title for g in current_guidelines().guidelines}
        key = "harassment" if "harassment" in keys else next(iter(keys))
        people = {
            "author": factories.make_user(display_name="Rosa Author"),
            "neighbour": factories.make_user(display_name="Sam Neighbour"),
            "first": factories.make_user(role="moderator", display_name="Marcus First"),
            "second": factories.make_user(role="moderator", display_name="Maya Second"),
        }
        policy = factories.make_policy(period="open")
        target = comment(policy, people["author"], body=TEXT, minutes_ago=30)
        seeded = {name: user.email for name, user in people.items()}
        seeded.update(comment_id=target.id, number=target.tracking_number, key=key)
        return seeded


def flag_it(page, seeded) -> None:
    sign_in(page, seeded["neighbour"])
    page.goto(f"/comments/{seeded['comment_id']}")
    article = page.locator(f"#comment-{seeded['comment_id']}")
    click(page, article.get_by_role("link", name=re.compile("^Flag")))
    expect(page.locator("h1")).to_have_text("Flag a comment for moderators")
    assert_accessible(page)
    choose(page, "Harassment or threats")
    page.locator("#note").fill("It insults the people who wrote the policy.")
    click(page, page.get_by_role("button", name="Send to moderators"))
    expect(main(page)).to_contain_text("Moderators will review this comment")


def hide_it(page, seeded) -> None:
    sign_in(page, seeded["first"])
    page.goto("/moderation?tab=flagged")
    assert_accessible(page)
    click(page, main(page).get_by_role("link", name=seeded["number"], exact=True))
    expect(page.locator("h1")).to_contain_text(seeded["number"])
    assert_accessible(page)
    page.locator("label[for=action-hide]").click()
    page.locator("#guideline").select_option(seeded["key"])
    page.locator("#note").fill("Argue with the policy, not with the people who wrote it.")
    click(page, page.get_by_role("button", name="Apply the decision"))
    assert_accessible(page)


def appeal_it(page, live_data, seeded) -> None:
    """The author follows the appeal link in the decision mail, signs in, and appeals."""
    text = mailed_text(live_data, seeded["author"], "moderation_decision")
    assert "Argue with the policy" in text
    link = next(
        url
        for url in mailed_links(live_data, seeded["author"], "moderation_decision")
        if url.endswith("/appeal")
    )
    page.goto(link)
    page.wait_for_url(re.compile(r"/auth/login\?next="))
    page.locator("#email").fill(seeded["author"])
    page.locator("#password").fill(factories.PASSWORD)
    with page.expect_navigation():
        page.locator("#password").press("Enter")
    page.wait_for_url(re.compile(r"/appeal$"))
    expect(page.locator("h1")).to_have_text("Appeal a moderation decision")
    expect(main(page)).to_contain_text("Argue with the policy")
    assert_accessible(page)
    page.locator("#body").fill(APPEAL)
    click(page, page.get_by_role("button", name="Send my appeal"))
    expect(main(page)).to_contain_text("Your appeal is filed")
    expect(page.locator("#appeal-status")).to_contain_text("Waiting for a moderator")
    assert_accessible(page)


def first_moderator_cannot_take_it(page) -> None:
    page.goto("/moderation/appeals")
    expect(main(page)).to_contain_text("You made the original decision")
    expect(main(page).get_by_role("link", name=re.compile("^Review appeal"))).to_have_count(0)
    assert_accessible(page)


def restore_it(page, seeded) -> None:
    sign_in(page, seeded["second"])
    page.goto("/moderation/appeals")
    assert_accessible(page)
    click(page, main(page).get_by_role("link", name=f"Review appeal {seeded['number']}"))
    expect(main(page)).to_contain_text(APPEAL)
    assert_accessible(page)
    choose(page, "Reverse: restore the comment")
    page.locator("#note").fill("Sharp, but about the policy. Restored.")
    click(page, page.get_by_role("button", name="Record the outcome"))
    expect(main(page)).to_contain_text("the decision is reversed and the comment restored")
    assert_accessible(page)


def test_flag_hide_appeal_restore(new_page, live_data):
    seeded = seed(live_data)
    flag_it(new_page(), seeded)
    first = new_page()
    hide_it(first, seeded)
    with live_data():
        assert db.session.get(Comment, seeded["comment_id"]).status == "hidden"
    appeal_it(new_page(), live_data, seeded)
    first_moderator_cannot_take_it(first)
    restore_it(new_page(), seeded)
    with live_data():
        assert db.session.get(Comment, seeded["comment_id"]).status == "published"
        appeal = db.session.scalars(db.select(Appeal).where(Appeal.body == APPEAL)).one()
        assert appeal.outcome == "reversed"
    assert "restored" in mailed_text(live_data, seeded["author"], "appeal_outcome")


def test_the_public_report_is_accessible(page):
    page.goto("/moderation/report")
    expect(page.locator("h1")).to_have_text("Moderation report")
    expect(page.locator("#table-appeals")).to_be_visible()
    assert_accessible(page)


def test_a_moderator_suspends_an_account_and_locks_a_thread(new_page, live_data):
    seeded = seed(live_data)
    with live_data():
        author_id = db.session.get(Comment, seeded["comment_id"]).author_id
    page = new_page()
    sign_in(page, seeded["first"])
    page.goto(f"/moderation/users/{author_id}/suspend")
    expect(page.locator("h1")).to_contain_text("Rosa Author")
    assert_accessible(page)
    page.locator("#guideline_key").select_option(seeded["key"])
    page.locator("#days").fill("14")
    page.locator("#note").fill("Insults in three threads.")
    click(page, page.get_by_role("button", name="Suspend the account"))
    expect(main(page)).to_contain_text("we emailed them why and until when")
    expect(page.locator("#current-suspension")).to_contain_text("Suspended until")
    assert_accessible(page)
    assert "Insults in three threads." in mailed_text(
        live_data, seeded["author"], "account_suspended"
    )
    page.goto("/moderation/suspensions")
    expect(main(page)).to_contain_text("Rosa Author")
    assert_accessible(page)
    page.goto(f"/moderation/comments/{seeded['comment_id']}/lock")
    assert_accessible(page)
    page.locator("#guideline_key").select_option(seeded["key"])
    click(page, page.get_by_role("button", name="Lock the thread"))
    expect(main(page)).to_contain_text("The thread is locked")
    page.goto(f"/moderation/comments/{seeded['comment_id']}/unlock")
    expect(page.locator("h1")).to_have_text("Unlock this thread")
    assert_accessible(page)
