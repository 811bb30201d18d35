"""Rules for partner organizations: applications, verification, profiles, members, invitations.

Plain functions with the actor first; they check the rules, write the audit entry and flush.
The caller commits once. Errors are OrgError(message, field).
"""

from engage.orgs.services.applications import (
    MISSION_MAX,
    NAME_MAX,
    REASON_MAX,
    OrgData,
    apply,
    clean_contact_email,
    clean_website,
    reject,
    update_profile,
    verify,
)
from engage.orgs.services.errors import InvitationError, OrgError
from engage.orgs.services.members import (
    INVITATION_DAYS,
    accept_invitation,
    admin_count,
    hand_over_admin,
    invitation_for,
    invite,
    leave,
    remove_member,
    revoke_invitation,
    token_hash,
)

__all__ = [
    "INVITATION_DAYS",
    "MISSION_MAX",
    "NAME_MAX",
    "REASON_MAX",
    "InvitationError",
    "OrgData",
    "OrgError",
    "accept_invitation",
    "admin_count",
    "apply",
    "clean_contact_email",
    "clean_website",
    "hand_over_admin",
    "invitation_for",
    "invite",
    "leave",
    "reject",
    "remove_member",
    "revoke_invitation",
    "token_hash",
    "update_profile",
    "verify",
]
