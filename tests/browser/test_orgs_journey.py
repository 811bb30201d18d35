"""An organization joins, in the browser: a resident applies (a bad website first, a logo),
staff verify it from the workspace, the applicant is emailed and invites a member, who accepts
the emailed link after signing in and finds the way to post a session. axe-core on every page."""

import re
from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

from playwright.sync_api import expect

from tests import factories
from tests.browser.helpers import assert_accessible, mailed_link, sign_in, sign_out
from tests.orgs.helpers_orgs import image_bytes

ORG = "Jamaica Plain Neighbors for Privacy"
POLICY = "Neighborhood cameras in Jamaica Plain"


def follow(page, link) -> None:
    with page.expect_navigation():
        link.click()


def people(live_data) -> dict:
    with live_data():
        return {
            "applicant": factories.make_user(display_name="Jo Applicant").email,
            "staff": factories.make_user(role="staff").email,
            "member": factories.make_user(display_name="Mo Member").email,
            "policy": factories.make_policy(title=POLICY, period="open").slug,
        }


def tick(page, text: str) -> None:
    """Check a USWDS checkbox by its label (the input itself is drawn off-screen)."""
    labels = page.locator("label.usa-checkbox__label")
    labels.filter(has_text=re.compile(f"^{re.escape(text)}$")).click()


def submit(page) -> None:
    follow(page, page.locator("main form.engage-org-form button[type=submit]"))


def apply(page, logo_path) -> str:
    page.goto("/")
    follow(page, page.get_by_role("link", name="Organizations", exact=True).first)
    assert_accessible(page)
    follow(page, page.get_by_role("link", name="Register your organization"))
    expect(page.locator("h1")).to_have_text("Register an organization")
    assert_accessible(page)
    page.locator("#name").fill(ORG)
    page.locator("#mission").fill("Neighbors in **Jamaica Plain** asking about cameras.")
    for choice in ("Jamaica Plain", "Roxbury", "English", "Español"):
        tick(page, choice)
    page.locator("#website").fill("jp-neighbors.example.org")
    page.locator("#contact_email").fill("hello@jp-neighbors.example.org")
    submit(page)
    expect(page.locator("#error-summary")).to_contain_text("starts with https://")
    expect(page.locator("#name")).to_have_value(ORG)  # what was typed is kept
    assert_accessible(page)
    page.locator("#website").fill("https://jp-neighbors.example.org")
    page.locator("#logo").set_input_files(str(logo_path))
    submit(page)
    expect(page.locator("h1")).to_have_text(ORG)
    expect(page.locator("main")).to_contain_text("Waiting for review")
    expect(page.get_by_alt_text(f"{ORG} logo")).to_be_visible()
    assert_accessible(page)
    return page.url


def staff_verify(page) -> None:
    page.goto("/staff")
    follow(page, page.get_by_role("link", name="Review organization applications"))
    assert_accessible(page)
    follow(page, page.get_by_role("link", name=f"Review {ORG}"))
    assert_accessible(page)
    follow(page, page.locator("main").get_by_role("link", name="Verify", exact=True))
    assert_accessible(page)
    follow(page, page.get_by_role("button", name=f"Verify {ORG}"))
    expect(page.locator("main")).to_contain_text("is verified and public")


def invite(page, live_data, applicant: str, member: str) -> None:
    page.goto(mailed_link(live_data, applicant, "org_verified"))
    expect(page.locator("h1")).to_have_text(ORG)
    follow(page, page.get_by_role("link", name="Members and invitations"))
    assert_accessible(page)
    page.locator("#email").fill(member)
    follow(page, page.get_by_role("button", name="Send the invitation"))
    expect(page.locator("main")).to_contain_text(f"We emailed an invitation to {member}")
    assert_accessible(page)


def accept(page, live_data, member: str) -> None:
    page.goto(mailed_link(live_data, member, "org_invitation"))
    expect(page.locator("main")).to_contain_text(f"The invitation was sent to {member}")
    assert_accessible(page)
    follow(page, page.get_by_role("link", name="Sign in to accept"))
    page.locator("#email").fill(member)
    page.locator("#password").fill(factories.PASSWORD)
    follow(page, page.locator("main form button[type=submit]"))
    expect(page.locator("h1")).to_have_text(f"Join {ORG}")
    follow(page, page.get_by_role("button", name=f"Join {ORG}"))
    expect(page.locator("main")).to_contain_text(f"Welcome to {ORG}")
    assert_accessible(page)


def test_an_organization_applies_is_verified_and_gains_a_member(
    new_page, live_data, live_app, tmp_path
):
    who = people(live_data)
    logo = tmp_path / "logo.jpg"
    logo.write_bytes(image_bytes("JPEG", size=(800, 400)))

    page = new_page()
    sign_in(page, who["applicant"])
    org_url = apply(page, logo)

    anonymous = new_page()
    assert anonymous.goto(org_url).status == 404

    staff = new_page()
    sign_in(staff, who["staff"])
    staff_verify(staff)
    assert anonymous.goto(org_url).status == 200

    invite(page, live_data, who["applicant"], who["member"])
    sign_out(page)
    accept(page, live_data, who["member"])
    follow(page, page.get_by_role("link", name="Post a listening session"))
    assert_accessible(page)
    post_session(page)


def post_session(page) -> None:
    """The new member posts a session about a policy; it is public at once."""
    start = (datetime.now(ZoneInfo("America/New_York")) + timedelta(days=21)).replace(
        hour=18, minute=0
    )
    page.locator("#title").fill("Cameras in Jamaica Plain: what do you think?")
    tick(page, POLICY)
    page.locator("#starts_at").fill(start.strftime("%Y-%m-%dT%H:%M"))
    page.locator("#ends_at").fill((start + timedelta(hours=2)).strftime("%Y-%m-%dT%H:%M"))
    expect(page.locator("#in_person")).to_be_checked()  # the usual case comes ticked
    page.locator("#venue").fill("Curtis Hall")
    page.locator("#address").fill("20 South St, Jamaica Plain")
    page.locator("#capacity").fill("30")
    follow(page, page.locator("main form button[type=submit]").last)
    expect(page.locator("h1")).to_have_text("Cameras in Jamaica Plain: what do you think?")
    expect(page.locator("main")).to_contain_text("Curtis Hall")
    assert_accessible(page)
