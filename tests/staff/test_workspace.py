"""The staff workspace at /staff: what needs attention, and links to every staff page."""

from datetime import timedelta

import pytest

from engage.extensions import db
from engage.types import utcnow
from tests import factories


def test_workspace_lists_open_and_upcoming_periods_with_days_left(as_staff, ctx):
    open_policy = factories.make_policy(title="Body-worn cameras", period="open")
    factories.make_policy(title="Drones", period="upcoming")
    factories.make_policy(title="Old cameras", period="closed")

    page = as_staff.get("/staff").get_data(as_text=True)

    assert "Open and upcoming comment periods" in page
    assert f'href="/staff/policies/{open_policy.slug}"' in page
    assert "10 days left" in page
    assert "Drones" in page
    assert "Old cameras" not in page


def test_workspace_shows_what_closes_within_a_week(as_staff, ctx):
    policy = factories.make_policy(title="License plate readers", period="open")
    policy.current_version.periods[0].closes_at = utcnow() + timedelta(days=2)
    db.session.flush()
    factories.make_policy(title="Gunshot detection", period="open")  # closes in 10 days

    page = as_staff.get("/staff").get_data(as_text=True)
    soon = page.split("Closing within a week", 1)[1].split("Drafts without a version", 1)[0]

    assert "License plate readers" in soon
    assert "Gunshot detection" not in soon


def test_workspace_lists_drafts_without_a_version(as_staff, ctx):
    draft = factories.make_policy(title="Facial recognition", versions=0)
    factories.make_policy(title="Published one")

    page = as_staff.get("/staff").get_data(as_text=True)
    drafts = page.split("Drafts without a version", 1)[1].split("<h2", 1)[0]

    assert "Facial recognition" in drafts
    assert f"/staff/policies/{draft.slug}/versions/new" in drafts
    assert "Published one" not in drafts


def test_workspace_links_to_every_catalog_page(as_staff, app):
    page = as_staff.get("/staff").get_data(as_text=True)

    for path in ("/staff/policies", "/staff/technologies", "/staff/departments"):
        assert f'href="{path}"' in page
    for endpoint in ("reports_staff.reports", "reports_staff.exigent_notices"):
        if endpoint in app.view_functions:
            with app.test_request_context():
                from flask import url_for

                assert f'href="{url_for(endpoint)}"' in page


def test_workspace_says_when_nothing_needs_attention(as_staff):
    page = as_staff.get("/staff").get_data(as_text=True)

    assert "No comment period is open or scheduled." in page
    assert "Nothing closes in the next seven days." in page
    assert "Every policy has a published version." in page


def test_workspace_is_in_the_staff_navigation(as_staff):
    page = as_staff.get("/").get_data(as_text=True)
    assert 'href="/staff"' in page


@pytest.mark.parametrize("role", ["staff", "admin"])
def test_staff_and_admins_may_open_the_workspace(client, login, ctx, role):
    login(factories.make_user(role=role))
    assert client.get("/staff").status_code == 200


@pytest.mark.parametrize("role", ["resident", "moderator", "board"])
def test_other_roles_are_refused(client, login, ctx, role):
    login(factories.make_user(role=role))
    response = client.get("/staff")
    assert response.status_code == 403
    assert 'href="/staff"' not in response.get_data(as_text=True)


def test_anonymous_visitors_are_sent_to_sign_in(client):
    response = client.get("/staff")
    assert response.status_code == 302
    assert response.headers["Location"].startswith("/auth/login")
