"""Staff verify or reject applications; the applicant hears either way."""

import pytest

from engage.extensions import db
from engage.orgs.models import Organization
from tests import factories
from tests.orgs.helpers_orgs import audited, form_data, make_org

LIST = "/staff/organizations"


def review_url(org, action: str = "") -> str:
    return f"/staff/organizations/{org.id}" + (f"/{action}" if action else "")


@pytest.fixture
def application(ctx):
    applicant = factories.make_user(display_name="Rosa Applicant", email="rosa@example.org")
    return make_org("pending", admin=applicant, name="Chinatown Neighbors Association")


def test_staff_see_pending_applications(client, login, staff, application):
    make_org("verified", name="Already Verified Group")
    login(staff)
    page = client.get(LIST).get_data(as_text=True)
    assert "Review Chinatown Neighbors Association" in page
    assert f'href="{review_url(application)}"' in page
    assert "Recently verified" in page and "Already Verified Group" in page


@pytest.mark.parametrize("action", ["", "verify", "reject"])
def test_residents_and_org_admins_cannot_decide(client, login, resident, application, action):
    assert client.get(review_url(application, action)).status_code == 302  # sign in first
    login(resident)
    assert client.get(review_url(application, action)).status_code == 403
    admin = db.session.get(factories.User, application.applied_by_id)
    login(admin)
    assert client.get(review_url(application, action)).status_code == 403
    if action:
        assert client.post_form(review_url(application, action), {"reason": "x"}).status_code == 403
    assert application.status == "pending"


def test_the_workspace_links_to_the_applications(client, login, staff, application):
    login(staff)
    page = client.get("/staff").get_data(as_text=True)
    assert 'href="/staff/organizations"' in page
    assert "1 application waits" in page


def test_the_review_page_shows_the_application(client, login, staff, application):
    login(staff)
    page = client.get(review_url(application)).get_data(as_text=True)
    assert "Application from Chinatown Neighbors Association" in page
    assert "We listen to our neighbors." in page
    assert "Rosa Applicant" in page
    assert f'href="{review_url(application, "verify")}"' in page
    assert f'href="{review_url(application, "reject")}"' in page


def test_verifying_asks_for_confirmation_then_publishes_and_emails(
    client, login, staff, application, outbox
):
    login(staff)
    confirm = client.get(review_url(application, "verify"))
    assert confirm.status_code == 200
    assert "Verify Chinatown Neighbors Association?" in confirm.get_data(as_text=True)
    assert application.status == "pending"
    response = client.post_form(review_url(application, "verify"))
    assert response.status_code == 302
    org = db.session.get(Organization, application.id)
    assert org.status == "verified" and org.decided_by_id == staff.id and org.decided_at
    (entry,) = audited("org.verify")
    assert (entry.actor_id, entry.target_id) == (staff.id, str(org.id))
    (mail,) = outbox("org_verified")
    assert mail.to_address == "rosa@example.org"
    assert "Chinatown Neighbors Association is verified" in mail.subject
    assert f"http://engage.test/organizations/{org.slug}" in mail.body_text
    client.post_form("/auth/logout")
    public = client.get("/organizations").get_data(as_text=True)
    assert "Chinatown Neighbors Association" in public
    assert client.get(f"/organizations/{org.slug}").status_code == 200


def test_rejecting_needs_a_reason(client, login, staff, application, outbox):
    login(staff)
    response = client.post_form(review_url(application, "reject"), {"reason": "   "})
    assert response.status_code == 400
    assert "Tell the applicant why." in response.get_data(as_text=True)
    assert application.status == "pending"
    assert audited("org.reject") == [] and outbox() == []


def test_rejecting_keeps_it_private_tells_the_applicant_why(
    client, login, staff, application, outbox
):
    login(staff)
    assert client.get(review_url(application, "reject")).status_code == 200
    reason = "We could not find the organization; please add a website."
    response = client.post_form(review_url(application, "reject"), {"reason": reason})
    assert response.status_code == 302
    org = db.session.get(Organization, application.id)
    assert (org.status, org.rejection_reason) == ("rejected", reason)
    (entry,) = audited("org.reject")
    assert entry.reason == reason
    (mail,) = outbox("org_rejected")
    assert mail.to_address == "rosa@example.org"
    assert reason in mail.body_text
    assert f"http://engage.test/organizations/{org.slug}/edit" in mail.body_text
    client.post_form("/auth/logout")
    assert client.get(f"/organizations/{org.slug}").status_code == 404
    assert "Chinatown Neighbors" not in client.get("/organizations").get_data(as_text=True)


def test_a_decided_application_cant_be_decided_again(client, login, staff, application, outbox):
    login(staff)
    client.post_form(review_url(application, "verify"))
    again = client.get(review_url(application, "reject"))
    assert again.status_code == 302
    response = client.post_form(review_url(application, "reject"), {"reason": "Changed mind"})
    assert response.status_code == 400
    assert "already been decided" in response.get_data(as_text=True)
    assert db.session.get(Organization, application.id).status == "verified"
    assert len(outbox()) == 1


def test_an_unknown_application_is_not_found(client, login, staff):
    login(staff)
    assert client.get("/staff/organizations/999999").status_code == 404
    assert client.post_form("/staff/organizations/999999/verify").status_code == 404


def test_a_rejected_applicant_can_correct_and_send_again(client, login, staff, ctx):
    applicant = factories.make_user()
    org = make_org("rejected", admin=applicant, name="Mattapan Voices")
    login(applicant)
    page = client.get(f"/organizations/{org.slug}/edit").get_data(as_text=True)
    assert "Please add a website." in page
    data = form_data(name="Mattapan Voices", website="https://mattapanvoices.example.org")
    response = client.post_form(f"/organizations/{org.slug}/edit", data)
    assert response.status_code == 302
    org = db.session.get(Organization, org.id)
    assert org.status == "pending" and org.website == "https://mattapanvoices.example.org"
    (entry,) = audited("org.resubmit")
    assert entry.actor_id == applicant.id
    login(staff)
    assert "Review Mattapan Voices" in client.get(LIST).get_data(as_text=True)
