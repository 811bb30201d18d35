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


def any_of(*rules: Rule) -> Rule:
    """Allow when any of `rules` allows."""

    def rule(user, obj) -> bool:
        return any(r(user, obj) for r in rules)

    return rule


staff = has_role(Role.STAFF)
admin = has_role()

RULES: dict[str, Rule] = {
    # Catalog: the city's own publications.
    "staff:access": staff,
    "department:edit": staff,
    "technology:edit": staff,
    "policy:edit": staff,
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
