"""When a person deletes their account: leave their organizations without orphaning them."""

from engage import audit
from engage.extensions import db
from engage.orgs.models import Membership, OrgRole


def leave_organizations(user, **_) -> None:
    """Drop the person's memberships; a last admin hands over to the longest-standing member."""
    memberships = db.session.scalars(db.select(Membership).where(Membership.user_id == user.id))
    for membership in memberships.all():
        if membership.role == OrgRole.ADMIN:
            _hand_over_if_last(membership)
        db.session.delete(membership)
    db.session.flush()


def _hand_over_if_last(membership: Membership) -> None:
    others = db.session.scalars(
        db.select(Membership)
        .where(
            Membership.organization_id == membership.organization_id,
            Membership.id != membership.id,
        )
        .order_by(Membership.created_at, Membership.id)
    ).all()
    if any(other.role == OrgRole.ADMIN for other in others) or not others:
        return
    successor = others[0]
    successor.role = OrgRole.ADMIN.value
    audit.record(
        None,
        "org.admin_succession",
        membership.organization,
        summary="The only admin deleted their account; the longest-standing member is admin now",
        detail={"membership": successor.id},
    )
