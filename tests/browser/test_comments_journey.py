"""Comment threads in the browser: a new resident registers, confirms and comments on a
section; a neighbour replies, endorses and follows; the reply notice's unsubscribe link works
signed out. Then the same without JavaScript, and the error and read-only states.
axe-core runs on every page the journeys visit (with JavaScript on); the CSP is watched."""

import re

import pytest
from playwright.sync_api import expect

from engage.accounts.models import User
from engage.comments import services as commenting
from engage.comments.models import Comment, Endorsement, Subscription
from engage.extensions import db
from tests import factories
from tests.browser.helpers import (
    assert_accessible,
    mailed_link,
    mailed_links,
    mailed_text,
    sign_in,
)

PASSWORD = "a long first password"
TRACKING = re.compile(r"C-[2-9A-HJ-NP-Z]{4}-[2-9A-HJ-NP-Z]{4}")
FIRST_COMMENT = "Ninety days is too long to keep footage of people who did nothing wrong."
REPLY = "I agree: thirty days would be plenty for most cases."


def press(page, control, key: str = "Enter") -> None:
    """Focus a control and press a key on it, as a keyboard user would."""
    control.focus()
    expect(control).to_be_focused()
    with page.expect_navigation():
        page.keyboard.press(key)


def main(page):
    return page.locator("main")


def open_policy(live_data, **options) -> str:
    """A policy with the default sections (purpose, data retention); returns its slug."""
    with live_data():
        return factories.make_policy(**options).slug


def stored_comment(live_data, **where) -> Comment:
    with live_data():
        comment = db.session.scalars(db.select(Comment).filter_by(**where)).one()
        db.session.expunge(comment)
        return comment


# Journey 1: register, confirm, comment on a section -----------------------------------------


def draft_a_section_comment(page, slug: str) -> None:
    """Signed out: pick 'Comment on this section' for Data retention and write a comment."""
    page.goto(f"/policies/{slug}")
    assert_accessible(page)
    link = main(page).get_by_role(
        "link", name=re.compile(r"^Comment on this section ?: Data retention$")
    )
    press(page, link)
    assert "comment_on=data_retention" in page.url
    expect(page.locator("#section_key")).to_have_value("data_retention")
    assert_accessible(page)
    page.locator("#body").focus()
    page.keyboard.type(FIRST_COMMENT)
    page.get_by_label("I have concerns").focus()
    page.keyboard.press("Space")
    press(page, page.get_by_role("button", name="Post comment"))


def register_from_sign_in(page, live_data, email: str) -> None:
    """The comment waits while the visitor creates an account and confirms it."""
    page.wait_for_url(re.compile(r"/auth/login\?next="))
    expect(main(page)).to_contain_text("We kept what you wrote")
    assert_accessible(page)
    press(page, main(page).get_by_role("link", name="Create an account"))
    expect(page.locator("h1")).to_have_text("Create an account")
    assert_accessible(page)
    page.locator("#email").focus()
    for value in (email, "Rosa from Roxbury", PASSWORD):
        page.keyboard.type(value)
        page.keyboard.press("Tab")
    page.keyboard.type(PASSWORD)
    with page.expect_navigation():
        page.keyboard.press("Enter")
    expect(page.locator("h1")).to_have_text("Check your email")
    assert_accessible(page)
    page.goto(mailed_link(live_data, email, "confirm_email"))


def post_restored_draft(page, live_data, slug: str, email: str) -> Comment:
    """Back on the policy page with the draft in the form: post it, read the receipt."""
    page.wait_for_url(re.compile(f"/policies/{slug}"))
    expect(main(page)).to_contain_text("your email address is confirmed")
    expect(main(page)).to_contain_text("Your comment is below; post it when ready.")
    expect(page.locator("#body")).to_have_value(FIRST_COMMENT)
    expect(page.locator("#section_key")).to_have_value("data_retention")
    expect(page.get_by_label("I have concerns")).to_be_checked()
    assert_accessible(page)
    press(page, page.get_by_role("button", name="Post comment"))
    page.wait_for_url(re.compile(r"/comments/\d+/posted"))
    expect(page.locator("h1")).to_have_text("Your comment is posted")
    number = TRACKING.search(page.locator("#receipt + .usa-alert").inner_text()).group(0)
    assert_accessible(page)
    comment = stored_comment(live_data, tracking_number=number)
    assert (comment.section_key, comment.stance, comment.body_md) == (
        "data_retention",
        "concerns",
        FIRST_COMMENT,
    )
    assert number in mailed_text(live_data, email, "comment_receipt")
    return comment


def see_it_under_the_section(page, slug: str, comment: Comment) -> None:
    page.goto(f"/policies/{slug}")
    count = main(page).get_by_role("link", name="1 comment on Data retention")
    press(page, count)
    assert "section=data_retention" in page.url
    expect(page.locator("#thread-section")).to_have_value("data_retention")
    expect(main(page)).to_contain_text("1 conversation matches.")
    article = page.locator(f"#comment-{comment.id}")
    expect(article).to_contain_text(FIRST_COMMENT)
    expect(article).to_contain_text("Rosa from Roxbury")
    expect(article).to_contain_text("Concerns")
    assert_accessible(page)


# Journey 2: a neighbour replies, endorses and follows -------------------------------------


def reply_from_permalink(page, live_data, comment: Comment) -> Comment:
    page.goto(f"/comments/{comment.id}")
    expect(page.locator("h1")).to_contain_text("A comment on")
    expect(page.locator(f"#comment-{comment.id}")).to_have_attribute("aria-current", "location")
    assert_accessible(page)
    page.locator("#body").focus()
    page.keyboard.type(REPLY)
    press(page, page.get_by_role("button", name="Post reply"))
    page.wait_for_url(re.compile(r"/comments/\d+/posted"))
    expect(page.locator("h1")).to_have_text("Your comment is posted")
    assert_accessible(page)
    reply = stored_comment(live_data, parent_id=comment.id)
    assert reply.body_md == REPLY
    return reply


def endorse_it(page, comment: Comment) -> None:
    page.goto(f"/comments/{comment.id}")
    article = page.locator(f"#comment-{comment.id}")
    expect(page.locator(f"#comment-{comment.id} + .engage-replies")).to_contain_text(REPLY)
    expect(article).to_contain_text("0 endorsements")
    press(page, article.get_by_role("button", name="Endorse this comment"))
    expect(main(page)).to_contain_text("You endorsed this comment.")
    expect(article).to_contain_text("1 endorsement")
    expect(article.get_by_role("button", name="Undo endorsement of this comment")).to_be_visible()
    assert_accessible(page)


def follow_the_policy(page, slug: str) -> None:
    page.goto(f"/policies/{slug}")
    press(page, main(page).get_by_role("button", name="Follow this policy"))
    expect(main(page)).to_contain_text("You are following")
    expect(main(page).get_by_role("button", name="Stop following this policy")).to_be_visible()
    assert_accessible(page)


def unsubscribe_signed_out(page, live_data, email: str, reply: Comment) -> None:
    """The reply notice names the reply; its unsubscribe link works in a fresh browser."""
    links = mailed_links(live_data, email, "comment_reply")
    assert REPLY in mailed_text(live_data, email, "comment_reply")
    assert links[0].endswith(f"/comments/{reply.id}")
    unsubscribe = next(link for link in links if "/unsubscribe/replies/" in link)
    page.goto(unsubscribe)
    expect(page.locator("h1")).to_have_text("Stop emails about replies?")
    assert_accessible(page)
    press(page, page.get_by_role("button", name="Unsubscribe"))
    expect(page.locator("h1")).to_have_text("You are unsubscribed")
    expect(main(page)).to_contain_text("We will no longer email you about replies")
    assert_accessible(page)


def test_register_confirm_comment_on_a_section_reply_endorse_follow(new_page, live_data):
    slug = open_policy(live_data, title="Licence plate readers policy", period="open")
    email = "rosa.comments@example.org"
    rosa = new_page()
    draft_a_section_comment(rosa, slug)
    register_from_sign_in(rosa, live_data, email)
    comment = post_restored_draft(rosa, live_data, slug, email)
    see_it_under_the_section(rosa, slug, comment)

    with live_data():
        neighbour = factories.make_user(display_name="Sam from Southie")
        neighbour_id, neighbour_email = neighbour.id, neighbour.email
    sam = new_page()
    sign_in(sam, neighbour_email)
    reply = reply_from_permalink(sam, live_data, comment)
    endorse_it(sam, comment)
    follow_the_policy(sam, slug)
    with live_data():
        assert db.session.scalar(
            db.select(Endorsement).filter_by(comment_id=comment.id, user_id=neighbour_id)
        )
        assert db.session.scalar(db.select(Subscription).filter_by(user_id=neighbour_id))

    unsubscribe_signed_out(new_page(), live_data, email, reply)
    with live_data():
        rosa_user = db.session.scalars(db.select(User).filter_by(email=email)).one()
        assert rosa_user.notify_replies is False


# Journey 3: without JavaScript -------------------------------------------------------------


def test_without_javascript_a_resident_previews_then_posts(new_page, live_data):
    slug = open_policy(live_data, period="open")
    with live_data():
        email = factories.make_user(display_name="No Script Nell").email
    page = new_page(java_script_enabled=False)
    sign_in(page, email)
    page.goto(f"/policies/{slug}")
    page.locator("#body").fill("Please publish **every** audit of this system.")
    page.locator("#section_key").select_option("purpose")
    with page.expect_navigation():
        page.get_by_role("button", name="Preview").click()
    preview = page.locator(".engage-preview")
    expect(preview).to_contain_text("Preview: this is how your comment will look")
    expect(preview.locator("strong")).to_have_text("every")
    expect(page.locator("#body")).to_have_value("Please publish **every** audit of this system.")
    expect(page.locator("#section_key")).to_have_value("purpose")
    with page.expect_navigation():
        page.get_by_role("button", name="Post comment").click()
    expect(page.locator("h1")).to_have_text("Your comment is posted")
    expect(main(page)).to_contain_text("Your tracking number is C-")
    with page.expect_navigation():
        main(page).get_by_role("link", name="See your comment in the conversation").click()
    comment = stored_comment(live_data, body_md="Please publish **every** audit of this system.")
    expect(page.locator(f"#comment-{comment.id}")).to_contain_text("No Script Nell")
    page.goto(f"/policies/{slug}")
    expect(page.locator(f"#comment-{comment.id} .engage-comment-body strong")).to_have_text("every")


# Journey 4: errors and a closed period -------------------------------------------------------


def _policy_with_a_comment(live_data) -> tuple[str, int]:
    with live_data():
        policy = factories.make_policy(period="open")
        author = factories.make_user()
        comment = commenting.post_comment(author, policy, commenting.CommentData(body="Hello."))
        return policy.slug, comment.id


@pytest.mark.parametrize("where", ["policy page", "reply on a permalink"])
def test_an_empty_comment_shows_the_error_summary_linked_to_the_field(where, new_page, live_data):
    slug, comment_id = _policy_with_a_comment(live_data)
    page = new_page("resident")
    reply = where.startswith("reply")
    page.goto(f"/comments/{comment_id}" if reply else f"/policies/{slug}")
    page.locator("#body").fill("   ")
    with page.expect_navigation() as navigation:
        page.get_by_role("button", name="Post reply" if reply else "Post comment").click()
    assert navigation.value.status == 400
    summary = page.locator("#error-summary")
    expect(summary).to_be_focused()
    expect(summary).to_contain_text("Write your comment.")
    expect(summary.get_by_role("link")).to_have_attribute("href", "#body")
    expect(page.locator("#body")).to_have_attribute("aria-describedby", re.compile("body-error"))
    assert_accessible(page)
    summary.get_by_role("link").press("Enter")
    expect(page.locator("#body")).to_be_focused()
    with live_data():
        stored = db.session.scalars(db.select(Comment.id).join(Comment.policy).filter_by(slug=slug))
        assert list(stored) == [comment_id]


def test_a_closed_policy_shows_a_read_only_thread(page, live_data):
    slug = open_policy(live_data, period="closed")
    page.goto(f"/policies/{slug}")
    expect(main(page)).to_contain_text("The thread is read-only.")
    expect(page.locator("#body")).to_have_count(0)
    expect(
        main(page).get_by_role("link", name=re.compile("Comment on this section"))
    ).to_have_count(0)
    assert_accessible(page)
