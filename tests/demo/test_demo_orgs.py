"""The demo's partner organizations."""

from engage.demo.orgs import ORG_ADMIN_EMAIL, load_orgs
from engage.demo.people import DEMO_PASSWORD
from engage.extensions import db
from engage.orgs.models import Membership, Organization
from engage.uploads import stored_path


def by_status(status: str) -> list[Organization]:
    return list(db.session.scalars(db.select(Organization).where(Organization.status == status)))


def test_four_verified_one_pending_one_rejected_with_people(demo, client):
    assert len(by_status("verified")) == 4
    assert len(by_status("pending")) == 1
    (rejected,) = by_status("rejected")
    assert rejected.rejection_reason
    for org in by_status("verified"):
        roles = [m.role for m in org.memberships]
        assert roles.count("admin") == 1 and "member" in roles
    logos = [org.logo_filename for org in by_status("verified") if org.logo_filename]
    assert len(logos) >= 2 and all(stored_path(name) for name in logos)
    assert any(ORG_ADMIN_EMAIL in line and DEMO_PASSWORD in line for line in demo)


def test_the_resident_and_the_org_admin_have_their_roles(demo, client, login):
    from engage.accounts.services import find_by_email

    roles = {
        (m.user.email, m.role)
        for m in db.session.scalars(db.select(Membership).join(Membership.organization))
        if m.organization.slug == "dorchester-tenants-alliance"
    }
    assert (ORG_ADMIN_EMAIL, "admin") in roles and ("resident@demo.engage", "member") in roles
    login(find_by_email(ORG_ADMIN_EMAIL), DEMO_PASSWORD)
    page = client.get("/account").get_data(as_text=True)
    assert "Dorchester Tenants&#39; Alliance" in page and "Hyde Park Safe Streets" in page


def test_loading_the_organizations_again_adds_nothing(demo):
    from engage.accounts.models import User

    users = {
        "resident": db.session.scalar(db.select(User).where(User.email == "resident@demo.engage")),
        "staff": db.session.scalar(db.select(User).where(User.email == "staff@demo.engage")),
    }
    before = db.session.scalar(db.select(db.func.count(Membership.id)))
    lines = load_orgs(users)
    assert all("created" not in line for line in lines if "(/organizations/" in line)
    assert db.session.scalar(db.select(db.func.count(Membership.id))) == before
