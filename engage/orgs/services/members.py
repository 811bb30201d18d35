"""Members and invitations: who belongs, who manages, how people join and leave."""

import hashlib
import secrets
from datetime import timedelta

from flask_babel import lazy_gettext as _l
from sqlalchemy import func, update

from engage import audit
from engage.extensions import db
from engage.mail import queue_mail
from engage.orgs.models import Invitation, Membership, Organization, OrgRole, OrgStatus
from engage.orgs.services.errors import EMAIL, InvitationError, OrgError
from engage.sanitize import clean_text
from engage.types import utcnow
from engage.web import absolute_url

INVITATION_DAYS = 7


# Members ----------------------------------------------------------------------------------


def _lock(org: Organization) -> None:
    """Serialize membership changes of one organization (a row lock on PostgreSQL)."""
    db.session.execute(
        db.select(Organization.id).where(Organization.id == org.id).with_for_update()
    )


def admin_count(org: Organization) -> int:
    return db.session.scalar(
        db.select(func.count(Membership.id)).where(
            Membership.organization_id == org.id, Membership.role == OrgRole.ADMIN.value
        )
    )


def _keeps_an_admin(org: Organization, leaving: Membership, message) -> None:
    if leaving.role == OrgRole.ADMIN and admin_count(org) <= 1:
        raise OrgError(message)


def _membership_of(org: Organization, membership: Membership) -> None:
    if membership.organization_id != org.id:
        raise OrgError(_l("This person is not a member of the organization."))


def remove_member(actor, org: Organization, membership: Membership) -> None:
    """Take someone out of the organization; it always keeps an admin."""
    _lock(org)
    _membership_of(org, membership)
    if membership.user_id == actor.id:
        raise OrgError(_l("To leave the organization yourself, use “Leave”."))
    _keeps_an_admin(org, membership, _l("The organization needs at least one admin."))
    audit.record(
        actor,
        "org.member.remove",
        org,
        summary=org.name,
        detail={"user_id": membership.user_id, "role": membership.role},
    )
    db.session.delete(membership)
    db.session.flush()


def hand_over_admin(actor, org: Organization, membership: Membership) -> None:
    """Give the admin role to another member; the actor stays on as a member."""
    _lock(org)
    _membership_of(org, membership)
    mine = _own_membership(org, actor)
    if mine is None or mine.role != OrgRole.ADMIN:
        raise OrgError(_l("Only an admin can hand over the admin role."))
    if membership.user_id == actor.id:
        raise OrgError(_l("Choose another member."))
    if membership.role == OrgRole.ADMIN:
        raise OrgError(_l("This member is already an admin."))
    membership.role, mine.role = OrgRole.ADMIN.value, OrgRole.MEMBER.value
    db.session.flush()
    audit.record(
        actor, "org.admin.hand_over", org, summary=org.name, detail={"to": membership.user_id}
    )


def _own_membership(org: Organization, user) -> Membership | None:
    return db.session.scalar(
        db.select(Membership).where(
            Membership.organization_id == org.id, Membership.user_id == user.id
        )
    )


def leave(actor, org: Organization) -> None:
    """Leave an organization; the last admin must hand the role over first."""
    _lock(org)
    mine = _own_membership(org, actor)
    if mine is None:
        raise OrgError(_l("You are not a member of this organization."))
    _keeps_an_admin(
        org,
        mine,
        _l("You are the only admin: hand the admin role to another member before you leave."),
    )
    audit.record(actor, "org.member.leave", org, summary=org.name, detail={"role": mine.role})
    db.session.delete(mine)
    db.session.flush()


# Invitations ------------------------------------------------------------------------------


def token_hash(token: str) -> str:
    return hashlib.sha256(token.encode("utf-8", "replace")).hexdigest()


def _member_with_email(org: Organization, email: str) -> bool:
    from engage.accounts.models import User

    return bool(
        db.session.scalar(
            db.select(Membership.id)
            .join(User, User.id == Membership.user_id)
            .where(Membership.organization_id == org.id, User.email == email)
        )
    )


def _revoke_open(org: Organization, email: str, now) -> None:
    """An earlier, unused invitation to the same address stops working."""
    db.session.execute(
        update(Invitation)
        .where(
            Invitation.organization_id == org.id,
            Invitation.email == email,
            Invitation.accepted_at.is_(None),
            Invitation.revoked_at.is_(None),
        )
        .values(revoked_at=now)
    )


def invite(actor, org: Organization, email: str) -> tuple[Invitation, str]:
    """Invite someone by email; return the invitation and the token its link carries."""
    email = clean_text(email).lower()
    if not EMAIL.match(email) or len(email) > 320:
        raise OrgError(_l("Enter an email address like name@example.com."), "email")
    # The city's mail goes out in the organization's name only once staff vouch for it.
    if org.status != OrgStatus.VERIFIED:
        raise OrgError(_l("You can invite members once staff have verified the organization."))
    if _member_with_email(org, email):
        raise OrgError(_l("Someone with this address is already a member."), "email")
    now = utcnow()
    _revoke_open(org, email, now)
    token = secrets.token_urlsafe(32)
    invitation = Invitation(
        organization_id=org.id,
        email=email,
        token_hash=token_hash(token),
        invited_by_id=actor.id,
        expires_at=now + timedelta(days=INVITATION_DAYS),
    )
    db.session.add(invitation)
    db.session.flush()
    audit.record(actor, "org.invite", invitation, summary=org.name, detail={"email": email})
    link = absolute_url("orgs.invitation", token=token)
    queue_mail(email, "org_invitation", org=org, inviter=actor, link=link, days=INVITATION_DAYS)
    return invitation, token


def revoke_invitation(actor, org: Organization, invitation: Invitation) -> None:
    """Stop an unused invitation from working."""
    if invitation.organization_id != org.id:
        raise OrgError(_l("This invitation belongs to another organization."))
    if invitation.accepted_at is not None or invitation.revoked_at is not None:
        raise OrgError(_l("This invitation can no longer be used anyway."))
    invitation.revoked_at = utcnow()
    db.session.flush()
    audit.record(actor, "org.invitation.revoke", invitation, summary=org.name)


def invitation_for(token: str) -> Invitation:
    """The usable invitation behind `token`, or InvitationError saying why not."""
    invitation = db.session.scalar(
        db.select(Invitation).where(Invitation.token_hash == token_hash(token or ""))
    )
    if invitation is None:
        raise InvitationError(_l("This invitation link is not valid."), "invalid")
    if invitation.revoked_at is not None:
        raise InvitationError(_l("This invitation was withdrawn."), "revoked")
    if invitation.accepted_at is not None:
        raise InvitationError(_l("This invitation has already been used."), "used")
    if invitation.expires_at <= utcnow():
        raise InvitationError(_l("This invitation has expired."), "expired")
    return invitation


def accept_invitation(actor, token: str) -> Membership:
    """Join the organization the invitation is for; each link works once."""
    invitation = invitation_for(token)
    org = invitation.organization
    if _own_membership(org, actor) is not None:
        raise OrgError(_l("You are already a member of %(name)s.", name=org.name))
    # Claim the invitation in one conditional UPDATE, so two clicks can't both use it.
    claimed = db.session.execute(
        update(Invitation)
        .where(
            Invitation.id == invitation.id,
            Invitation.accepted_at.is_(None),
            Invitation.revoked_at.is_(None),
        )
        .values(accepted_at=utcnow(), accepted_by_id=actor.id)
        .execution_options(synchronize_session="fetch")
    )
    if claimed.rowcount != 1:
        raise InvitationError(_l("This invitation has already been used."), "used")
    membership = Membership(organization_id=org.id, user_id=actor.id, role=OrgRole.MEMBER.value)
    db.session.add(membership)
    db.session.flush()
    audit.record(
        actor,
        "org.invitation.accept",
        invitation,
        summary=org.name,
        detail={"organization_id": org.id, "invited": invitation.email},
    )
    return membership
