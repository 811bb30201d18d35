"""Deleting an account frees the person's seats, erases their requests and hands over roles."""

from engage.accounts import services as accounts
from engage.events.models import Registration
from engage.events.services.registration import Accommodations, sign_up
from engage.extensions import db
from engage.orgs.models import Membership
from tests import factories
from tests.events.helpers_events import make_org, make_session, sign_up_people


def test_deleting_an_account_frees_the_seat_for_the_waitlist(ctx, outbox):
    event = make_session(capacity=1)
    leaver = factories.make_user()
    seat = sign_up(leaver, event, Accommodations(needs_asl=True, other="Front row, please"))
    (waiting,) = sign_up_people(event, 1)
    assert waiting.status == "waitlisted"
    accounts.delete_account(leaver, factories.PASSWORD)
    assert db.session.get(Registration, seat.id).status == "cancelled"
    assert db.session.get(Registration, seat.id).needs_asl is False
    assert db.session.get(Registration, seat.id).accommodation_other == ""
    assert db.session.get(Registration, waiting.id).status == "confirmed"
    assert any(m.kind == "event_promoted" for m in outbox())


def test_the_only_admin_leaving_hands_the_organization_to_the_oldest_member(ctx):
    admin, member = factories.make_user(), factories.make_user()
    org = make_org(admins=[admin], members=[member])
    accounts.delete_account(admin, factories.PASSWORD)
    memberships = db.session.scalars(
        db.select(Membership).where(Membership.organization_id == org.id)
    ).all()
    assert [(m.user_id, m.role) for m in memberships] == [(member.id, "admin")]
