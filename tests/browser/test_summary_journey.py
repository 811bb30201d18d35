"""The summary in the browser: staff open the draft, add a theme and tag a comment with it,
write "you said, we did", send it to the board; a board member follows the mailed link, reads
the summary and opens the comments behind a theme's number. axe-core runs on every page."""

import itertools
import re

from playwright.sync_api import expect

from tests import factories
from tests.board.staff_helpers import add_comment
from tests.browser.helpers import assert_accessible, mailed_links, sign_in

_runs = itertools.count(1)
TAGGED = "Who else receives the plate reads? The policy never names the agencies."


def main(page):
    return page.locator("main")


def click(page, control) -> None:
    with page.expect_navigation():
        control.click()


def seed(live_data) -> dict:
    """A closed comment period with three comments, a staff member and a board member."""
    run = next(_runs)
    with live_data():
        staff = factories.make_user(role="staff", display_name="Sam Staff")
        board = factories.make_user(role="board", display_name="Imani Castellano")
        policy = factories.make_policy(title=f"Plate readers {run}", period="closed")
        period = policy.current_version.periods[-1]
        tagged = add_comment(policy, period, TAGGED, stance="concerns")
        add_comment(policy, period, "Keep reads for a day, no more.", stance="oppose")
        add_comment(policy, period, "The readers found my stolen car.", stance="support")
        return {
            "staff": staff.email,
            "board": board.email,
            "slug": policy.slug,
            "title": policy.title,
            "comment_id": tagged.id,
        }


def open_draft(page, seeded) -> None:
    page.goto(f"/staff/summaries?policy={seeded['slug']}")
    expect(page.locator("h1")).to_have_text(f"Summaries of {seeded['title']}")
    assert_accessible(page)
    click(page, main(page).get_by_role("button", name=re.compile("^Open a summary")))
    expect(page.locator("h1")).to_have_text(f"Summary of comments on {seeded['title']}")
    expect(main(page)).to_contain_text("Draft: not sent to the board yet")
    expect(main(page)).to_contain_text("individual comments")
    assert_accessible(page)


def add_theme(page) -> None:
    click(page, main(page).get_by_role("link", name="Themes and tagging"))
    assert_accessible(page)
    page.locator("#name").fill("Data sharing")
    click(page, page.get_by_role("button", name="Add the theme"))
    expect(main(page)).to_contain_text("“Data sharing” is added")
    expect(page.locator("table")).to_contain_text("Data sharing")


def tag_comment(page, seeded) -> None:
    page.goto(f"/comments/{seeded['comment_id']}")
    assert_accessible(page)
    page.locator("summary", has_text="Tag with themes").click()
    page.locator("label", has_text="Data sharing").click()
    click(page, page.get_by_role("button", name=re.compile("^Save the themes")))
    expect(main(page)).to_contain_text("The comment's themes are saved.")
    expect(page.locator("summary", has_text="Themes: Data sharing")).to_be_visible()


def write_and_send(page, draft_url: str) -> None:
    page.goto(draft_url)
    click(page, page.get_by_role("button", name="Refresh now"))
    expect(main(page)).to_contain_text("The numbers are computed again")
    page.locator("#narrative").fill("Residents asked **who receives** the plate reads.")
    page.get_by_label("The department's response to “Data sharing”").fill(
        "The policy now lists every agency that receives reads."
    )
    page.locator("label", has_text="The policy changed because of “Data sharing”").click()
    click(page, page.get_by_role("button", name="Save the draft"))
    expect(main(page)).to_contain_text("The draft is saved.")
    expect(main(page)).to_contain_text("1 comment counted.")
    assert_accessible(page)
    click(page, main(page).get_by_role("link", name="Send version 1 to the board"))
    expect(page.locator("h1")).to_have_text("Send version 1 of the summary to the board")
    assert_accessible(page)
    click(page, main(page).get_by_role("button", name="Send version 1 to the board"))
    expect(main(page)).to_contain_text("Version 1 is sent to the board")
    expect(main(page)).to_contain_text("Sent to the board as version 1")


def board_reads(page, seeded, link: str) -> None:
    page.goto("/board")
    assert_accessible(page)
    expect(main(page).get_by_role("link", name=f"Summary: {seeded['title']}")).to_be_visible()
    page.goto(link)
    expect(main(page)).to_contain_text("Version 1, sent to the board")
    expect(main(page)).to_contain_text("The policy now lists every agency that receives reads.")
    assert_accessible(page)
    theme = main(page).get_by_role("link", name="1 comment about “Data sharing”")
    click(page, theme)
    expect(page.locator("h1")).to_have_text("1 comment about “Data sharing”")
    expect(main(page)).to_contain_text(TAGGED)
    assert_accessible(page)


def test_staff_draft_tag_and_send_then_the_board_drills_down(new_page, live_data):
    seeded = seed(live_data)
    staff = new_page()
    sign_in(staff, seeded["staff"])
    open_draft(staff, seeded)
    draft_url = staff.url
    add_theme(staff)
    tag_comment(staff, seeded)
    write_and_send(staff, draft_url)

    link, public_link = mailed_links(live_data, seeded["board"], "summary_sent")[:2]
    assert "/board/summaries/" in link and "/summary?version=1" in public_link
    board = new_page()
    sign_in(board, seeded["board"])
    board_reads(board, seeded, link)

    visitor = new_page()
    visitor.goto(f"/policies/{seeded['slug']}")
    click(visitor, visitor.get_by_role("link", name=re.compile("Read the summary of comments")))
    expect(visitor.locator("h1")).to_have_text(f"What residents said about {seeded['title']}")
    expect(main(visitor)).to_contain_text("Residents asked who receives the plate reads.")
    assert_accessible(visitor)
