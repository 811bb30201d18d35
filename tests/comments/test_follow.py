"""Following a policy, the account page's email settings, and unsubscribe links."""

from urllib.parse import parse_qs, urlsplit

import pytest
from flask import render_template
from flask_login import login_user, logout_user

from engage.accounts.models import User
from engage.comments.models import Subscription
from engage.comments.services import follow
from engage.comments.services.follows import replies_unsubscribe_token
from engage.extensions import db
from tests import factories
from tests.comments.helpers_actions import fresh, open_policy, post_and_follow


@pytest.fixture
def policy(ctx):
    return open_policy(title="Body-worn cameras")


def _subscriptions(user=None):
    statement = db.select(Subscription)
    if user is not None:
        statement = statement.where(Subscription.user_id == user.id)
    return db.session.scalars(statement).all()


def test_follow_then_follow_again_keeps_one_subscription(client, login, resident, policy):
    login(resident)
    response = post_and_follow(client, f"/policies/{policy.slug}/follow")
    assert "You are following Body-worn cameras." in response.get_data(as_text=True)
    post_and_follow(client, f"/policies/{policy.slug}/follow")
    [subscription] = _subscriptions(resident)
    assert subscription.policy_id == policy.id
    assert len(subscription.token) >= 32


def test_unfollow_twice_is_harmless(client, login, resident, policy):
    follow(resident, policy)
    login(resident)
    response = client.post_form(f"/policies/{policy.slug}/unfollow")
    assert response.status_code == 302
    assert response.location.endswith(f"/policies/{policy.slug}#follow")
    assert _subscriptions(resident) == []
    again = post_and_follow(client, f"/policies/{policy.slug}/unfollow")
    assert again.status_code == 200
    assert "You no longer follow Body-worn cameras." in again.get_data(as_text=True)


def test_signed_out_follow_asks_to_sign_in_then_returns_to_the_policy(client, policy):
    response = client.post_form(f"/policies/{policy.slug}/follow")
    assert response.status_code == 302
    assert "/auth/login" in response.location
    next_page = parse_qs(urlsplit(response.location).query)["next"]
    assert next_page == [f"/policies/{policy.slug}#follow"]  # a page, not the POST-only URL
    assert _subscriptions() == []


def test_follow_without_csrf_token_is_refused(client, login, resident, policy):
    login(resident)
    assert client.post(f"/policies/{policy.slug}/follow").status_code == 400
    assert _subscriptions() == []


def test_unknown_policy_is_not_found(client, login, resident):
    login(resident)
    assert client.post_form("/policies/no-such-policy/follow").status_code == 404
    assert client.post_form("/policies/no-such-policy/unfollow").status_code == 404


def test_follow_partial(app, resident, policy):
    def render(user, following):
        with app.test_request_context():
            if user:
                login_user(user)
            else:
                logout_user()
            return render_template("comments/_follow.html", policy=policy, following=following)

    assert f"/policies/{policy.slug}/follow" in render(resident, False)
    assert "Follow this policy" in render(resident, False)
    assert f"/policies/{policy.slug}/unfollow" in render(resident, True)
    assert "Stop following this policy" in render(resident, True)
    signed_out = render(None, False)
    assert "Sign in to follow this policy" in signed_out
    assert "<form" not in signed_out


# The account page -------------------------------------------------------------------------


def test_account_lists_followed_policies_and_unfollows_from_there(client, login, resident, policy):
    other = open_policy(title="Licence plate readers")
    follow(resident, policy)
    follow(resident, other)
    login(resident)
    page = client.get("/account").get_data(as_text=True)
    assert "Policies you follow" in page
    assert "Body-worn cameras" in page and "Licence plate readers" in page
    response = client.post_form(f"/policies/{other.slug}/unfollow", {"next": "/account#following"})
    assert response.location.endswith("/account#following")
    assert [s.policy_id for s in _subscriptions(resident)] == [policy.id]


def test_account_without_follows_says_how_to_follow(client, login, resident):
    login(resident)
    page = client.get("/account").get_data(as_text=True)
    assert "follow any policy yet." in page


@pytest.mark.parametrize(("choice", "stored"), [("off", False), ("on", True)])
def test_reply_notices_can_be_turned_off_and_on(client, login, resident, choice, stored):
    resident.notify_replies = not stored
    db.session.flush()
    login(resident)
    response = client.post_form("/account/reply-notices", {"notify": choice})
    assert response.status_code == 302
    assert response.location.endswith("/account#reply-notices")
    assert fresh(User, resident.id).notify_replies is stored
    page = client.get("/account").get_data(as_text=True)
    assert f'value="{choice}" checked' in page


def test_reply_notices_setting_without_a_choice_changes_nothing(client, login, resident):
    login(resident)
    response = post_and_follow(client, "/account/reply-notices", {"notify": "maybe"})
    assert "Choose whether we should email you about replies." in response.get_data(as_text=True)
    assert fresh(User, resident.id).notify_replies is True


def test_reply_notices_setting_needs_sign_in_and_csrf(client, login, resident):
    response = client.post_form("/account/reply-notices", {"notify": "off"})
    assert "/auth/login" in response.location
    login(resident)
    assert client.post("/account/reply-notices", data={"notify": "off"}).status_code == 400
    assert fresh(User, resident.id).notify_replies is True


# Unsubscribe links ------------------------------------------------------------------------


def test_unsubscribe_link_confirms_then_unsubscribes_signed_out(client, resident, policy):
    subscription = follow(resident, policy)
    url = f"/unsubscribe/{subscription.token}"
    page = client.get(url)
    assert page.status_code == 200
    text = page.get_data(as_text=True)
    assert "Stop emails about Body-worn cameras?" in text
    assert "Unsubscribe</button>" in text
    assert _subscriptions() != []  # opening the link alone changes nothing
    done = client.post(url)  # the page's button; no session, no CSRF token needed
    assert done.status_code == 200
    assert "We will no longer email you about Body-worn cameras." in done.get_data(as_text=True)
    assert _subscriptions() == []
    again = client.get(url)
    assert again.status_code == 200
    assert "You are unsubscribed" in again.get_data(as_text=True)


def test_one_click_unsubscribe_post_from_a_mail_client(client, resident, policy):
    subscription = follow(resident, policy)
    response = client.post(
        f"/unsubscribe/{subscription.token}", data={"List-Unsubscribe": "One-Click"}
    )
    assert response.status_code == 200
    assert _subscriptions() == []


@pytest.mark.parametrize("method", ["get", "post"])
def test_unknown_unsubscribe_token_is_a_friendly_page(client, ctx, method):
    response = getattr(client, method)("/unsubscribe/not-a-real-token")
    assert response.status_code == 200
    assert "nothing more to do" in response.get_data(as_text=True)


def test_reply_unsubscribe_link_turns_reply_mail_off_signed_out(client, resident):
    url = f"/unsubscribe/replies/{replies_unsubscribe_token(resident)}"
    page = client.get(url)
    assert page.status_code == 200
    assert "Stop emails about replies?" in page.get_data(as_text=True)
    assert fresh(User, resident.id).notify_replies is True
    done = client.post(url)
    assert done.status_code == 200
    assert "no longer email you about replies" in done.get_data(as_text=True)
    assert fresh(User, resident.id).notify_replies is False
    assert "already off" in client.get(url).get_data(as_text=True)


@pytest.mark.parametrize("method", ["get", "post"])
def test_forged_reply_unsubscribe_token_is_a_friendly_400(client, resident, method):
    forged = replies_unsubscribe_token(resident)[:-3] + "abc"
    response = getattr(client, method)(f"/unsubscribe/replies/{forged}")
    assert response.status_code == 400
    assert "This unsubscribe link doesn" in response.get_data(as_text=True)
    assert fresh(User, resident.id).notify_replies is True


def test_unsubscribe_touches_only_that_subscription(client, ctx):
    alice, bob = factories.make_user(), factories.make_user()
    policy, other = open_policy(), open_policy()
    mine = follow(alice, policy)
    follow(alice, other)
    follow(bob, policy)
    client.post(f"/unsubscribe/{mine.token}")
    remaining = {(s.user_id, s.policy_id) for s in _subscriptions()}
    assert remaining == {(alice.id, other.id), (bob.id, policy.id)}
