"""Signed-in viewers get their own stored copy of a policy page: everything of theirs that
changes shows on their next visit, and no one is ever served another's page."""

import re
from datetime import timedelta

import pytest

from engage import cache, cache_viewers
from engage.comments.services import endorse, follow
from engage.extensions import db
from engage.moderation.models import Suspension
from engage.types import utcnow
from tests import factories
from tests.comments.helpers_thread import backdate, post, text
from tests.policies.test_page_cache import visit


def signed_in(app, user):
    client = app.test_client()
    response = client.post_form(
        "/auth/login", {"email": user.email, "password": factories.PASSWORD}
    )
    assert response.status_code == 302
    return client


def page(client, policy) -> tuple[str, int]:
    response, queries = visit(client, policy)
    assert response.status_code == 200
    assert response.headers["Cache-Control"] == "private, no-store"
    return text(response), queries


@pytest.fixture
def reader(app, page_cache, policy):
    user = factories.make_user(display_name="Reader One")
    db.session.commit()
    return user, signed_in(app, user)


def test_a_second_visit_is_served_from_the_viewers_copy(reader, policy, page_cache):
    _user, client = reader
    _first, rendering = page(client, policy)
    second, again = page(client, policy)
    assert "Sign out" in second and "Reader One" in second
    assert again <= 1 < rendering  # loading the account only
    assert len(page_cache.viewers) == 1 and len(page_cache) == 0  # nothing shared


def test_each_response_gets_fresh_form_tokens_and_the_form_posts(reader, policy):
    _user, client = reader
    page(client, policy)
    html, _ = page(client, policy)
    token = re.search(r'name="token" type="hidden" value="([^"]+)"', html).group(1)
    again = re.search(r'name="token" type="hidden" value="([^"]+)"', page(client, policy)[0])
    assert token != again.group(1)
    csrf = re.search(r'name="csrf_token" type="hidden" value="([^"]+)"', html).group(1)
    response = client.post(
        f"/policies/{policy.slug}/comments",
        data={"csrf_token": csrf, "token": token, "body": "Posted from a stored page."},
    )
    assert response.status_code == 303
    assert "Posted from a stored page." in page(client, policy)[0]


def test_two_viewers_never_get_each_others_page(app, page_cache, policy):
    alice = factories.make_user(display_name="Alice Example")
    bob = factories.make_user(display_name="Bob Example")
    db.session.commit()
    as_alice, as_bob = signed_in(app, alice), signed_in(app, bob)
    for _ in range(2):
        page_a, page_b = page(as_alice, policy)[0], page(as_bob, policy)[0]
        assert "Alice Example" in page_a and "Bob Example" not in page_a
        assert "Bob Example" in page_b and "Alice Example" not in page_b
    anonymous = text(app.test_client().get(f"/policies/{policy.slug}"))
    assert "Alice Example" not in anonymous and "Sign out" not in anonymous


def test_following_shows_on_the_next_visit(reader, policy):
    user, client = reader
    assert "Follow this policy" in page(client, policy)[0]
    follow(user, policy)
    db.session.commit()
    assert "Stop following this policy" in page(client, policy)[0]


def test_their_endorsement_shows(reader, policy):
    user, client = reader
    comment = post(factories.make_user(), policy, "Thirty days is plenty.")
    db.session.commit()
    assert "Undo endorsement" not in page(client, policy)[0]
    endorse(user, comment)
    db.session.commit()
    assert "Undo endorsement" in page(client, policy)[0]


def test_a_new_role_shows(reader, policy):
    user, client = reader
    assert "Staff workspace" not in page(client, policy)[0]
    user.role = "staff"
    db.session.commit()
    assert "Staff workspace" in page(client, policy)[0]


def test_a_message_to_show_is_never_stored(reader, policy, page_cache):
    _user, client = reader
    page(client, policy)
    with client.session_transaction() as session:
        session["_flashes"] = [("success", "A message for this visit only.")]
    assert "A message for this visit only." in page(client, policy)[0]
    assert "A message for this visit only." not in page(client, policy)[0]


def test_the_copy_expires_when_their_edit_window_closes(reader, policy, page_cache, clock):
    user, client = reader
    comment = post(user, policy, "Mine, still editable.")
    backdate(comment, 10)
    db.session.commit()
    html, _ = page(client, policy)
    assert f"/comments/{comment.id}/edit" in html
    assert 280 <= cache_viewers.viewer_fresh_for(policy, user) <= 300
    clock.now += 301
    with cache.backend().viewers._lock:  # the copy is gone once its moment passed
        assert all(expires <= clock.now for expires, _ in page_cache.viewers._pages.values())


def test_the_copy_expires_when_their_suspension_ends(ctx, policy):
    user, moderator = factories.make_user(), factories.make_user(role="moderator")
    ends = utcnow() + timedelta(hours=2)
    db.session.add(
        Suspension(user_id=user.id, moderator_id=moderator.id, guideline_key="spam", ends_at=ends)
    )
    db.session.flush()
    assert 7190 <= cache_viewers.viewer_fresh_for(policy, user) <= 7200
    assert cache_viewers.viewer_fresh_for(policy, factories.make_user()) == float("inf")


def test_the_cache_can_be_turned_off(app, reader, policy, page_cache, monkeypatch):
    _user, client = reader
    monkeypatch.setitem(app.config, "ENGAGE_PAGE_CACHE", False)
    page(client, policy)
    assert len(page_cache.viewers) == 0
