"""The public pages: the directory with its filters, and each organization's page."""

from datetime import timedelta

import pytest

from engage import uploads
from engage.events.models import Event, SessionReport
from engage.extensions import db
from engage.types import utcnow
from tests import factories
from tests.orgs.helpers_orgs import file_storage, image_bytes, make_org


def event(org, title: str, days: int, **fields) -> Event:
    starts = utcnow() + timedelta(days=days)
    shown = Event(
        organization=org,
        title=title,
        starts_at=starts,
        ends_at=starts + timedelta(hours=2),
        **fields,
    )
    db.session.add(shown)
    db.session.flush()
    return shown


def test_the_directory_lists_verified_organizations_only(client, ctx):
    make_org("verified", name="Dorchester Tenants' Alliance")
    make_org("pending", name="Pending Group")
    make_org("rejected", name="Rejected Group")
    page = client.get("/organizations").get_data(as_text=True)
    assert "Dorchester Tenants&#39; Alliance" in page
    assert "Pending Group" not in page and "Rejected Group" not in page
    assert "1 organization" in page


def test_the_header_links_to_the_directory(client):
    page = client.get("/").get_data(as_text=True)
    assert 'href="/organizations"' in page and ">Organizations<" in page


def test_filter_by_neighborhood_matches_whole_names(client, ctx):
    make_org("verified", name="Roxbury Group", neighborhoods=["Roxbury"])
    make_org("verified", name="West Roxbury Group", neighborhoods=["West Roxbury"])
    page = client.get("/organizations?neighborhood=Roxbury").get_data(as_text=True)
    assert "Roxbury Group" in page and "West Roxbury Group" not in page
    assert "1 organization matches" in page
    assert '<option selected value="Roxbury">' in page or 'value="Roxbury" selected' in page
    page = client.get("/organizations?neighborhood=West+Roxbury").get_data(as_text=True)
    assert "West Roxbury Group" in page and ">Roxbury Group<" not in page


def test_filter_by_language(client, ctx):
    make_org("verified", name="Somali Speakers", languages=["en", "so"])
    make_org("verified", name="Spanish Speakers", languages=["es"])
    page = client.get("/organizations?language=so").get_data(as_text=True)
    assert "Somali Speakers" in page and "Spanish Speakers" not in page
    both = client.get("/organizations?language=es&neighborhood=Roxbury").get_data(as_text=True)
    assert "Spanish Speakers" in both


@pytest.mark.parametrize("query", ["neighborhood=Atlantis", "language=%25", "page=-3", "page=x"])
def test_unknown_filters_are_ignored_not_errors(client, ctx, query):
    make_org("verified", name="Any Group")
    response = client.get(f"/organizations?{query}")
    assert response.status_code == 200
    assert "Any Group" in response.get_data(as_text=True)


def test_the_directory_is_paged(client, ctx):
    for n in range(14):
        make_org("verified", name=f"Group {n:02d}")
    first = client.get("/organizations").get_data(as_text=True)
    assert "Group 00" in first and "Group 11" in first and "Group 12" not in first
    assert "Page 1 of 2." in first and "page=2" in first
    second = client.get("/organizations?page=2").get_data(as_text=True)
    assert "Group 12" in second and "Group 13" in second and "Group 00" not in second


def test_cards_show_the_logo_with_its_name_as_alt_text(client, ctx):
    org = make_org("verified", name="Chinatown Land Circle")
    org.logo_filename = uploads.store_logo(file_storage(image_bytes()))
    db.session.flush()
    page = client.get("/organizations").get_data(as_text=True)
    assert f'src="/uploads/{org.logo_filename}" alt="Chinatown Land Circle logo"' in page


def test_the_organization_page_shows_its_profile(client, ctx):
    org = make_org(
        "verified",
        name="Dorchester Tenants' Alliance",
        mission="We organize **tenants**.",
        neighborhoods=["Dorchester", "Mattapan"],
        languages=["en", "ht"],
        website="https://dta.example.org",
        contact_email="hello@dta.example.org",
    )
    page = client.get(f"/organizations/{org.slug}").get_data(as_text=True)
    assert "<h1" in page and "Dorchester Tenants&#39; Alliance</h1>" in page
    assert "<p>We organize <strong>tenants</strong>.</p>" in page
    assert "Dorchester, Mattapan" in page
    assert '<span lang="ht" dir="ltr">Kreyòl ayisyen</span>' in page
    assert 'href="https://dta.example.org"' in page
    assert 'href="mailto:hello@dta.example.org"' in page
    assert "Edit the profile" not in page and "Waiting for review" not in page


def test_the_page_lists_upcoming_and_past_sessions_and_their_reports(client, ctx):
    org = make_org("verified")
    policy = factories.make_policy(title="Body-worn cameras")
    soon = event(org, "Cameras in Dudley Square", 5, venue="Library")
    soon.policies.append(policy)
    event(org, "Cancelled session", 6, status="cancelled")
    past = event(org, "Talk about ShotSpotter", -10)
    event(org, "Unreported session", -3)
    db.session.add(
        SessionReport(
            event=past,
            attendance=23,
            themes=["retention", "consent"],
            summary_md="People asked for *shorter* retention.",
            summary_html="<p>People asked for <em>shorter</em> retention.</p>",
        )
    )
    other = make_org("verified")
    event(other, "Another organization's session", 4)
    db.session.flush()
    page = client.get(f"/organizations/{org.slug}").get_data(as_text=True)
    upcoming, past_part = page.split("Past sessions and what was heard")
    assert "Cameras in Dudley Square" in upcoming and "Body-worn cameras" in upcoming
    assert "Cancelled session" not in page
    assert "Another organization" not in page
    assert "Talk about ShotSpotter" in past_part
    assert "23 people attended." in past_part and "retention, consent" in past_part
    assert "<p>People asked for <em>shorter</em> retention.</p>" in past_part
    assert "has not filed its report yet" in past_part


def test_sessions_link_to_their_pages_only_once_those_exist(client, app, ctx, monkeypatch):
    org = make_org("verified")
    shown = event(org, "A session", 3)
    past = event(org, "A past session", -3)
    db.session.add(SessionReport(event=past, attendance=5, themes=[], summary_html="<p>Heard.</p>"))
    db.session.flush()
    links = {
        "events.detail": f'href="/events/{shown.id}"',
        "event_reports.detail": "Read the full report on A past session",
    }
    page = client.get(f"/organizations/{org.slug}").get_data(as_text=True)
    for endpoint, link in links.items():
        assert (link in page) is (endpoint in app.view_functions)
        if endpoint in app.view_functions:
            monkeypatch.delitem(app.view_functions, endpoint)
    page = client.get(f"/organizations/{org.slug}").get_data(as_text=True)
    assert "A session" in page and "<p>Heard.</p>" in page
    assert not any(link in page for link in links.values())


def test_members_of_a_verified_organization_are_offered_to_post_a_session(client, app, login, ctx):
    admin = factories.make_user()
    org = make_org("verified", admin=admin)
    pending = make_org("pending", admin=admin)
    login(admin)
    link = f'href="/organizations/{org.slug}/events/new"'
    built = "event_organizer.new" in app.view_functions
    assert (link in client.get(f"/organizations/{org.slug}").get_data(as_text=True)) is built
    page = client.get(f"/organizations/{pending.slug}").get_data(as_text=True)
    assert "/events/new" not in page


def test_members_find_their_tools_on_the_page(client, login, ctx):
    admin = factories.make_user()
    org = make_org("verified", admin=admin)
    login(admin)
    page = client.get(f"/organizations/{org.slug}").get_data(as_text=True)
    assert f'href="/organizations/{org.slug}/edit"' in page
    assert f'href="/organizations/{org.slug}/members"' in page


@pytest.mark.parametrize("status", ["pending", "rejected"])
def test_unverified_organizations_are_not_found_by_the_public(client, login, resident, status):
    org = make_org(status)
    assert client.get(f"/organizations/{org.slug}").status_code == 404
    login(resident)
    assert client.get(f"/organizations/{org.slug}").status_code == 404
    assert client.get(f"/organizations/{org.slug}/members").status_code == 404


def test_an_unknown_organization_is_not_found(client):
    assert client.get("/organizations/no-such-group").status_code == 404
