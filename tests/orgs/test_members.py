"""Members: the list, removing, handing over the admin role, leaving, editing the profile."""

import pytest

from engage import uploads
from engage.extensions import db
from engage.orgs.models import Organization
from tests import factories
from tests.orgs.helpers_orgs import (
    add_member,
    audited,
    file_storage,
    form_data,
    image_bytes,
    make_org,
    membership,
    roles,
    upload,
)


@pytest.fixture
def team(ctx):
    """A verified organization with an admin and two members."""
    admin = factories.make_user(display_name="Ada Admin")
    org = make_org("verified", admin=admin, name="Roxbury Youth Voices")
    first = add_member(org, factories.make_user(display_name="Mia Member"))
    second = add_member(org, factories.make_user(display_name="Noor Member"))
    return org, admin, first, second


def url(org, rest: str = "") -> str:
    return f"/organizations/{org.slug}{rest}"


def test_members_see_the_list_admins_also_manage(client, login, team):
    org, admin, first, _second = team
    login(first)
    page = client.get(url(org, "/members")).get_data(as_text=True)
    assert "Ada Admin" in page and "Noor Member" in page
    assert "Invite a member" not in page and "Remove Noor Member" not in page
    login(admin)
    page = client.get(url(org, "/members")).get_data(as_text=True)
    assert "Invite a member" in page
    assert "Remove Noor Member" in page and "Make Noor Member the admin" in page


def test_outsiders_cannot_see_the_members(client, login, resident, team):
    org = team[0]
    assert client.get(url(org, "/members")).status_code == 302
    login(resident)
    assert client.get(url(org, "/members")).status_code == 403


def test_removing_a_member_asks_then_removes_and_audits(client, login, team):
    org, admin, first, _second = team
    login(admin)
    mine = membership(org, first)
    confirm = client.get(url(org, f"/members/{mine.id}/remove"))
    assert confirm.status_code == 200
    assert "Remove Mia Member from Roxbury Youth Voices?" in confirm.get_data(as_text=True)
    assert membership(org, first) is not None
    response = client.post_form(url(org, f"/members/{mine.id}/remove"))
    assert response.status_code == 302
    assert membership(org, first) is None
    (entry,) = audited("org.member.remove")
    assert entry.actor_id == admin.id and entry.detail["user_id"] == first.id


def test_members_who_are_not_admins_cannot_manage(client, login, team, outbox):
    org, admin, first, second = team
    login(first)
    target = membership(org, second)
    for path in (f"/members/{target.id}/remove", f"/members/{target.id}/hand-over", "/edit"):
        assert client.get(url(org, path)).status_code == 403
        assert client.post_form(url(org, path), form_data()).status_code == 403
    assert client.post_form(url(org, "/invitations"), {"email": "x@example.org"}).status_code == 403
    assert roles(org) == {admin.id: "admin", first.id: "member", second.id: "member"}
    assert outbox("org_invitation") == [] and audited("org.invite") == []


def test_an_admin_of_another_organization_cannot_manage_this_one(client, login, team):
    org, _admin, first, _second = team
    other_admin = factories.make_user()
    make_org("verified", admin=other_admin)
    login(other_admin)
    target = membership(org, first)
    assert client.post_form(url(org, f"/members/{target.id}/remove")).status_code == 403
    assert membership(org, first) is not None


def test_a_membership_of_another_organization_is_not_found(client, login, team):
    org, admin, _first, _second = team
    other = make_org("verified")
    stranger = add_member(other)
    login(admin)
    target = membership(other, stranger)
    assert client.post_form(url(org, f"/members/{target.id}/remove")).status_code == 404
    assert client.post_form(url(org, f"/members/{target.id}/hand-over")).status_code == 404
    assert membership(other, stranger) is not None


def test_admins_cannot_remove_themselves_here(client, login, team):
    org, admin, _first, _second = team
    login(admin)
    mine = membership(org, admin)
    response = client.post_form(url(org, f"/members/{mine.id}/remove"))
    assert response.status_code == 400
    assert "use “Leave”" in response.get_data(as_text=True)
    assert membership(org, admin).role == "admin"


def test_handing_over_the_admin_role(client, login, team):
    org, admin, first, _second = team
    login(admin)
    target = membership(org, first)
    confirm = client.get(url(org, f"/members/{target.id}/hand-over"))
    assert "Make Mia Member the admin of Roxbury Youth Voices?" in confirm.get_data(as_text=True)
    response = client.post_form(url(org, f"/members/{target.id}/hand-over"))
    assert response.status_code == 302
    assert roles(org)[first.id] == "admin" and roles(org)[admin.id] == "member"
    (entry,) = audited("org.admin.hand_over")
    assert entry.detail == {"to": first.id}
    # The former admin can no longer manage.
    assert client.get(url(org, "/edit")).status_code == 403


def test_handing_over_to_an_admin_changes_nothing(client, login, team):
    org, admin, _first, _second = team
    add_member(org, factories.make_user(), role="admin")
    other_admin = next(
        uid for uid, role in roles(org).items() if role == "admin" and uid != admin.id
    )
    login(admin)
    target = next(m for m in org.memberships if m.user_id == other_admin)
    response = client.post_form(url(org, f"/members/{target.id}/hand-over"))
    assert response.status_code == 400
    assert "already an admin" in response.get_data(as_text=True)
    assert roles(org)[admin.id] == "admin"


def test_a_member_can_leave(client, login, team):
    org, _admin, first, _second = team
    login(first)
    confirm = client.get(url(org, "/leave"))
    assert "Leave Roxbury Youth Voices?" in confirm.get_data(as_text=True)
    response = client.post_form(url(org, "/leave"))
    assert response.status_code == 302 and response.headers["Location"].endswith("/account")
    assert membership(org, first) is None
    (entry,) = audited("org.member.leave")
    assert entry.actor_id == first.id


def test_the_last_admin_cannot_leave_without_handing_over(client, login, team):
    org, admin, _first, _second = team
    login(admin)
    page = client.get(url(org, "/leave")).get_data(as_text=True)
    assert "You are the only admin" in page
    response = client.post_form(url(org, "/leave"))
    assert response.status_code == 400
    assert "hand the admin role to another member" in response.get_data(as_text=True)
    assert membership(org, admin).role == "admin"
    assert audited("org.member.leave") == []


def test_an_admin_can_leave_when_another_admin_remains(client, login, team):
    org, admin, first, _second = team
    membership(org, first).role = "admin"
    db.session.flush()
    login(admin)
    assert client.post_form(url(org, "/leave")).status_code == 302
    assert membership(org, admin) is None


def test_outsiders_cannot_leave(client, login, resident, team):
    login(resident)
    assert client.post_form(url(team[0], "/leave")).status_code == 403


def test_editing_a_verified_profile_keeps_it_verified_and_audits(client, login, team):
    org, admin, _first, _second = team
    login(admin)
    page = client.get(url(org, "/edit")).get_data(as_text=True)
    assert 'value="Roxbury Youth Voices"' in page and "We listen to our neighbors." in page
    data = form_data(
        name="Roxbury Youth Voices",
        mission="Young people in *Roxbury* talk about cameras.",
        neighborhoods=["Roxbury", "Mission Hill"],
        languages=["en", "so"],
        logo=upload(image_bytes()),
    )
    response = client.post_form(url(org, "/edit"), data, content_type="multipart/form-data")
    assert response.status_code == 302
    org = db.session.get(Organization, org.id)
    assert org.status == "verified"
    assert org.mission_html == "<p>Young people in <em>Roxbury</em> talk about cameras.</p>"
    assert org.neighborhoods == ["Mission Hill", "Roxbury"]  # in the city's order
    assert org.languages == ["en", "so"]
    assert org.logo_filename
    (entry,) = audited("org.update")
    assert entry.detail == {"status": "verified"}


def test_editing_with_bad_input_changes_nothing(client, login, team):
    org, admin, _first, _second = team
    login(admin)
    response = client.post_form(url(org, "/edit"), form_data(website="javascript:alert(1)"))
    assert response.status_code == 400
    assert db.session.get(Organization, org.id).website == ""
    assert audited("org.update") == []


def test_the_logo_can_be_removed(client, login, team):

    org, admin, _first, _second = team
    org.logo_filename = uploads.store_logo(file_storage(image_bytes()))
    db.session.flush()
    login(admin)
    page = client.get(url(org, "/edit")).get_data(as_text=True)
    assert "Remove the current logo" in page and 'alt="Roxbury Youth Voices logo"' in page
    data = form_data(name="Roxbury Youth Voices", remove_logo="y")
    assert client.post_form(url(org, "/edit"), data).status_code == 302
    assert db.session.get(Organization, org.id).logo_filename is None
