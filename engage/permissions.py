"""The one place that says who may do what.

Permissions are `<resource>:<action>` strings. Each maps to a rule: a small predicate over
(user, obj). Views call `require(...)`, templates call `can(...)`; both end here.
"""

from collections.abc import Callable
from enum import StrEnum
from functools import wraps
from typing import Any

from flask import abort
from flask_login import current_user


class Role(StrEnum):
    RESIDENT = "resident"
    MODERATOR = "moderator"
    STAFF = "staff"
    BOARD = "board"
    ADMIN = "admin"


ROLES: tuple[str, ...] = tuple(role.value for role in Role)

Rule = Callable[[Any, Any], bool]


def _active(user) -> bool:
    return bool(user is not None and getattr(user, "is_authenticated", False) and user.is_active)


def has_role(*roles: Role) -> Rule:
    """Allow active users holding one of `roles`; admins hold every role."""
    allowed = {*roles, Role.ADMIN}

    def rule(user, obj) -> bool:
        return _active(user) and user.role in allowed

    return rule


staff = has_role(Role.STAFF)
admin = has_role()


def signed_in(user, obj) -> bool:
    """Allow any active, signed-in account."""
    return _active(user)


def is_self(user, obj) -> bool:
    """Allow a user acting on their own account."""
    return _active(user) and obj is not None and getattr(obj, "id", None) == user.id


def is_author(user, obj) -> bool:
    """Allow the author of `obj` (a comment)."""
    return _active(user) and obj is not None and getattr(obj, "author_id", None) == user.id


def not_author(user, obj) -> bool:
    """Allow signed-in people acting on someone else's contribution."""
    return _active(user) and (obj is None or getattr(obj, "author_id", None) != user.id)


def org_role(user, organization) -> str | None:
    """The user's role in `organization` ('admin', 'member') or None."""
    if not _active(user) or organization is None or getattr(organization, "id", None) is None:
        return None
    from engage.extensions import db
    from engage.orgs.models import Membership

    return db.session.scalar(
        db.select(Membership.role).where(
            Membership.organization_id == organization.id, Membership.user_id == user.id
        )
    )


def is_org_admin(user, organization) -> bool:
    """Allow an admin of this organization."""
    return org_role(user, organization) == "admin"


def is_org_member(user, organization) -> bool:
    """Allow any member (admins included) of this organization."""
    return org_role(user, organization) is not None


def is_verified_org_member(user, organization) -> bool:
    """Allow members of a verified organization: only those can publish sessions."""
    return bool(organization is not None and organization.is_verified) and is_org_member(
        user, organization
    )


def runs_event(user, event) -> bool:
    """Allow those who run the event: its organization's members, or staff for city meetings."""
    if event is None:
        return False
    if event.organization_id is None:
        return staff(user, event)
    return is_verified_org_member(user, event.organization) or staff(user, event)


moderator = has_role(Role.MODERATOR)
board_member = has_role(Role.BOARD)


def _policy_of(obj):
    """The policy a moderation target belongs to (a comment, campaign, appeal or policy)."""
    if obj is None:
        return None
    if hasattr(obj, "decision"):  # an appeal
        obj = obj.decision.comment
    return getattr(obj, "policy", None) or (obj if hasattr(obj, "moderation_mode") else None)


def has_conflict(user, obj) -> bool:
    """Whether `user` works for the department that owns the policy `obj` belongs to."""
    policy = _policy_of(obj)
    department_id = getattr(user, "department_id", None)
    return bool(policy is not None and department_id and policy.department_id == department_id)


def is_own_contribution(user, obj) -> bool:
    """Whether `obj` (a comment, or an appeal and the comment it is about) is by `user`."""
    if obj is None or getattr(user, "id", None) is None:
        return False
    if getattr(obj, "author_id", None) == user.id:
        return True
    decision = getattr(obj, "decision", None)  # an appeal
    comment = getattr(decision, "comment", None)
    return comment is not None and comment.author_id == user.id


def moderates(user, obj) -> bool:
    """Allow moderators, except on policies of the department they work for and on their own
    comments."""
    return (
        moderator(user, obj) and not has_conflict(user, obj) and not is_own_contribution(user, obj)
    )


def decides_appeal(user, appeal) -> bool:
    """Allow a moderator other than the one whose decision is appealed, nor its author."""
    if appeal is None or not moderates(user, appeal):
        return False
    return appeal.decision.moderator_id != user.id


def appeals_decision(user, decision) -> bool:
    """Allow the author of the comment a decision was about."""
    comment = getattr(decision, "comment", None)
    return _active(user) and comment is not None and comment.author_id == user.id


def any_of(*rules: Rule) -> Rule:
    """Allow when any of `rules` allows."""

    def rule(user, obj) -> bool:
        return any(r(user, obj) for r in rules)

    return rule


RULES: dict[str, Rule] = {
    # Catalog: the city's own publications.
    "staff:access": staff,
    "department:edit": staff,
    "technology:edit": staff,
    "policy:edit": staff,
    "policy:translate": staff,
    "version:publish": staff,
    "period:manage": staff,
    "report:edit": staff,
    "exigent:edit": staff,
    # Comments. The comment services add the finer rules (confirmed email, open period ...).
    "comment:post": signed_in,
    "comment:edit": is_author,
    "comment:withdraw": is_author,
    "comment:endorse": not_author,
    "comment:flag": not_author,
    "comment:respond": staff,
    "comment:enter": staff,
    "policy:follow": signed_in,
    # Organizations and events.
    "org:apply": signed_in,
    "org:verify": staff,
    "org:manage": is_org_admin,
    "org:member": is_org_member,
    "event:create": is_verified_org_member,
    "event:manage": runs_event,
    "event:attendees": runs_event,
    "event:report": runs_event,
    "event:rsvp": signed_in,
    "meeting:create": staff,
    "meeting:testify": signed_in,
    # Moderation.
    "moderation:access": moderator,
    "comment:moderate": moderates,
    "campaign:moderate": moderates,
    "appeal:decide": decides_appeal,
    "decision:appeal": appeals_decision,
    "account:suspend": moderator,
    "guidelines:edit": admin,
    "moderation:rules": admin,
    "policy:moderation_mode": staff,
    # Summaries and the oversight board.
    "summary:edit": staff,
    "summary:publish": staff,
    "theme:tag": any_of(staff, moderator),
    "board:access": board_member,
    "board:note": board_member,
    "board:manage": staff,
    "comments:export_hidden": moderator,
    # Accounts.
    "account:view": is_self,
    "account:edit": is_self,
    "account:delete": is_self,
    # Administration.
    "admin:access": admin,
    "user:manage": admin,
    "audit:read": admin,
}

PERMISSIONS: tuple[str, ...] = tuple(RULES)


def can(user, permission: str, obj: Any = None) -> bool:
    """Return whether `user` may do `permission` on `obj`."""
    try:
        rule = RULES[permission]
    except KeyError:
        raise LookupError(f"unknown permission {permission!r}") from None
    return rule(user, obj)


def ensure(permission: str, obj: Any = None) -> None:
    """Abort with 401 (signed out) or 403 unless the current user may."""
    if can(current_user, permission, obj):
        return
    abort(403 if current_user.is_authenticated else 401)


def require(permission: str) -> Callable:
    """Guard a view that needs no object to decide."""

    def decorator(view):
        view.required_permission = permission

        @wraps(view)
        def wrapped(*args, **kwargs):
            ensure(permission)
            return view(*args, **kwargs)

        wrapped.required_permission = permission
        return wrapped

    return decorator


def public(view):
    """Mark a view as open to everyone, for the route audit."""
    view.is_public = True
    return view


def guarded(view):
    """Mark a view that checks its permission inside, on a loaded object."""
    view.checks_inside = True
    return view
