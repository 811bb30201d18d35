"""Invitations by email: a random token, only its hash stored, one use, seven days."""

import hashlib
import re
from datetime import timedelta
from types import SimpleNamespace

import pytest

from engage.extensions import db
from engage.orgs import services
from engage.orgs.models import Invitation
from engage.orgs.services import members
from engage.types import utcnow
from tests import factories
from tests.orgs.helpers_orgs import add_member, audited, expire, make_org, membership, roles

LINK = re.compile(r"http://engage\.test/organizations/invitations/([A-Za-z0-9_-]+)")


@pytest.fixture
def team(ctx):
    admin = factories.make_user(display_name="Ada Admin")
    return make_org("verified", admin=admin, name="Allston Brighton Watch"), admin


def invitations() -> list[Invitation]:
    return list(db.session.scalars(db.select(Invitation).order_by(Invitation.id)))


def invite(client, login, org, admin, email="newcomer@example.org"):
    login(admin)
    return client.post_form(f"/organizations/{org.slug}/invitations", {"email": email})


def mailed_token(outbox) -> str:
    (mail,) = outbox("org_invitation")
    return LINK.search(mail.body_text).group(1)


def test_an_admin_invites_by_email(client, login, team, outbox):
    org, admin = team
    response = invite(client, login, org, admin, " Newcomer@Example.org ")
    assert response.status_code == 302
    (invitation,) = invitations()
    assert invitation.email == "newcomer@example.org"
    assert invitation.invited_by_id == admin.id
    assert timedelta(days=6, hours=23) < invitation.expires_at - utcnow() <= timedelta(days=7)
    (mail,) = outbox("org_invitation")
    assert mail.to_address == "newcomer@example.org"
    assert "Join Allston Brighton Watch" in mail.subject
    assert "Ada Admin invites you" in mail.body_text
    token = mailed_token(outbox)
    # Only the hash is kept: the token itself is nowhere in the database row.
    assert invitation.token_hash == hashlib.sha256(token.encode()).hexdigest()
    assert token not in repr(vars(invitation))
    (entry,) = audited("org.invite")
    assert entry.detail == {"email": "newcomer@example.org"}
    page = client.get(f"/organizations/{org.slug}/members").get_data(as_text=True)
    assert "newcomer@example.org" in page and "Withdraw the invitation" in page


@pytest.mark.parametrize("email", ["", "not-an-email", "two@@example.org"])
def test_a_bad_address_is_refused(client, login, team, outbox, email):
    org, admin = team
    response = invite(client, login, org, admin, email)
    assert response.status_code == 400
    assert 'id="email-error"' in response.get_data(as_text=True)
    assert invitations() == [] and outbox("org_invitation") == []


def test_an_existing_member_is_not_invited_again(client, login, team, outbox):
    org, admin = team
    add_member(org, factories.make_user(email="mia@example.org"))
    response = invite(client, login, org, admin, "mia@example.org")
    assert response.status_code == 400
    assert "already a member" in response.get_data(as_text=True)
    assert invitations() == []


def test_inviting_again_withdraws_the_earlier_link(client, login, team, outbox):
    org, admin = team
    invite(client, login, org, admin)
    first = mailed_token(outbox)
    client.post_form(f"/organizations/{org.slug}/invitations", {"email": "newcomer@example.org"})
    old, new = invitations()
    assert old.revoked_at is not None and new.revoked_at is None
    assert client.get(f"/organizations/invitations/{first}").status_code == 410


def test_the_invitee_sees_the_invited_address_and_joins(client, login, team, outbox):
    org, admin = team
    invite(client, login, org, admin)
    token = mailed_token(outbox)
    someone = factories.make_user(email="personal@example.org", display_name="Nia")
    login(someone)
    page = client.get(f"/organizations/invitations/{token}").get_data(as_text=True)
    assert "The invitation was sent to newcomer@example.org" in page
    assert "You are signed in as personal@example.org" in page
    response = client.post_form(f"/organizations/invitations/{token}")
    assert response.status_code == 302
    assert response.headers["Location"].endswith(f"/organizations/{org.slug}")
    assert membership(org, someone).role == "member"
    (invitation,) = invitations()
    assert invitation.accepted_by_id == someone.id and invitation.accepted_at
    (entry,) = audited("org.invitation.accept")
    assert entry.actor_id == someone.id
    assert "Allston Brighton Watch" in client.get("/account").get_data(as_text=True)


def test_a_signed_out_visitor_is_asked_to_sign_in_and_nothing_changes(client, login, team, outbox):
    org, admin = team
    invite(client, login, org, admin)
    token = mailed_token(outbox)
    client.post_form("/auth/logout")
    page = client.get(f"/organizations/invitations/{token}").get_data(as_text=True)
    assert "Sign in to accept" in page
    assert f"next=/organizations/invitations/{token}" in page
    response = client.post_form(f"/organizations/invitations/{token}")
    assert response.status_code == 302 and "/auth/login" in response.headers["Location"]
    assert invitations()[0].accepted_at is None


def test_a_used_link_does_not_work_again(client, login, team, outbox):
    org, admin = team
    invite(client, login, org, admin)
    token = mailed_token(outbox)
    first, second = factories.make_user(), factories.make_user()
    login(first)
    client.post_form(f"/organizations/invitations/{token}")
    login(second)
    for response in (
        client.get(f"/organizations/invitations/{token}"),
        client.post_form(f"/organizations/invitations/{token}"),
    ):
        assert response.status_code == 410
        page = response.get_data(as_text=True)
        assert "already been used" in page and "Nothing was changed." in page
    assert membership(org, second) is None
    assert len(audited("org.invitation.accept")) == 1


def test_an_expired_link_does_not_work(client, login, team, outbox):
    org, admin = team
    invite(client, login, org, admin)
    token = mailed_token(outbox)
    expire(invitations()[0])
    invitee = factories.make_user()
    login(invitee)
    response = client.post_form(f"/organizations/invitations/{token}")
    assert response.status_code == 410
    assert "This invitation has expired." in response.get_data(as_text=True)
    assert "send you a new invitation" in response.get_data(as_text=True)
    assert membership(org, invitee) is None


def test_a_withdrawn_link_does_not_work(client, login, team, outbox):
    org, admin = team
    invite(client, login, org, admin)
    token = mailed_token(outbox)
    invitation = invitations()[0]
    response = client.post_form(f"/organizations/{org.slug}/invitations/{invitation.id}/revoke")
    assert response.status_code == 302
    assert invitations()[0].revoked_at is not None
    assert audited("org.invitation.revoke")
    invitee = factories.make_user()
    login(invitee)
    response = client.post_form(f"/organizations/invitations/{token}")
    assert response.status_code == 410
    assert "withdrawn" in response.get_data(as_text=True)
    assert membership(org, invitee) is None


@pytest.mark.parametrize("token", ["not-a-real-token", "x" * 500, "%00", "..%2f..%2fetc", "ü-ñ-ç"])
def test_a_forged_link_is_a_clear_400(client, login, resident, team, token):
    login(resident)
    for response in (
        client.get(f"/organizations/invitations/{token}"),
        client.post_form(f"/organizations/invitations/{token}"),
    ):
        # An encoded slash makes another address altogether: no such page.
        assert response.status_code == (404 if "%2f" in token else 400)
    assert roles(team[0]) == {team[1].id: "admin"}


def test_a_member_accepting_again_keeps_the_link_unused(client, login, team, outbox):
    org, admin = team
    member = add_member(org, factories.make_user(email="mia@example.org"))
    _invitation, token = services.invite(admin, org, "other-address@example.org")
    login(member)
    response = client.post_form(f"/organizations/invitations/{token}")
    assert response.status_code == 400
    assert "already a member" in response.get_data(as_text=True)
    assert invitations()[0].accepted_at is None


def test_only_admins_withdraw_invitations(client, login, team):
    org, admin = team
    invitation, _token = services.invite(admin, org, "someone@example.org")
    member = add_member(org)
    login(member)
    path = f"/organizations/{org.slug}/invitations/{invitation.id}/revoke"
    assert client.post_form(path).status_code == 403
    assert invitations()[0].revoked_at is None


@pytest.mark.parametrize("status", ["pending", "rejected"])
def test_only_verified_organizations_send_invitations(client, login, ctx, outbox, status):
    admin = factories.make_user()
    org = make_org(status, admin=admin)
    login(admin)
    page = client.get(f"/organizations/{org.slug}/members").get_data(as_text=True)
    assert "once staff have verified the organization" in page
    assert 'id="email"' not in page
    response = client.post_form(f"/organizations/{org.slug}/invitations", {"email": "a@b.org"})
    assert response.status_code == 400
    assert invitations() == [] and outbox("org_invitation") == []


def test_accepting_twice_at_once_lets_only_one_through(ctx, monkeypatch):
    admin = factories.make_user()
    org = make_org("verified", admin=admin)
    invitation, token = services.invite(admin, org, "someone@example.org")
    first, second = factories.make_user(), factories.make_user()
    # The second request read the invitation before the first one claimed it.
    stale = SimpleNamespace(id=invitation.id, organization=org, email=invitation.email)
    services.accept_invitation(first, token)
    monkeypatch.setattr(members, "invitation_for", lambda token: stale)
    with pytest.raises(services.InvitationError) as refused:
        services.accept_invitation(second, token)
    assert refused.value.reason == "used"
    assert membership(org, second) is None
