"""Administration rules: roles, disabling accounts, reading the audit log."""

from dataclasses import dataclass

from flask_babel import lazy_gettext as _l
from sqlalchemy import Select, func, or_

from engage import audit
from engage.accounts.models import User
from engage.audit import AuditEntry
from engage.extensions import db
from engage.permissions import ROLES, Role
from engage.policies.models import Department
from engage.sanitize import clean_text
from engage.types import utcnow


class AdminError(ValueError):
    def __init__(self, message: str, field: str | None = None):
        super().__init__(message)
        self.field = field


def _active_admins() -> int:
    return db.session.scalar(
        db.select(func.count(User.id)).where(
            User.role == Role.ADMIN.value, User.disabled_at.is_(None), User.deleted_at.is_(None)
        )
    )


def change_role(actor: User, user: User, role: str, department_id: int | None) -> User:
    """Give `user` a role (and the department they work for, for officials)."""
    if role not in ROLES:
        raise AdminError(_l("Choose a role."), "role")
    if department_id is not None and db.session.get(Department, department_id) is None:
        raise AdminError(_l("Choose a department."), "department_id")
    if user.role == Role.ADMIN and role != Role.ADMIN and _active_admins() <= 1:
        raise AdminError(_l("At least one administrator must remain."), "role")
    before = {"role": user.role, "department_id": user.department_id}
    user.role, user.department_id = role, department_id
    after = {"role": user.role, "department_id": user.department_id}
    if before != after:
        audit.record(
            actor,
            "user.role",
            user,
            summary=f"{before['role']} -> {role}",
            detail={"before": before, "after": after},
        )
    db.session.flush()
    return user


def set_disabled(actor: User, user: User, disabled: bool, reason: str) -> User:
    """Disable (sign out everywhere, refuse sign-in) or re-enable an account."""
    reason = clean_text(reason)
    if not reason:
        raise AdminError(_l("Give a reason; it is kept in the audit log."), "reason")
    if user.id == actor.id:
        raise AdminError(_l("You can't disable your own account."), None)
    if disabled and user.role == Role.ADMIN and _active_admins() <= 1:
        raise AdminError(_l("At least one administrator must remain."), None)
    if disabled == (user.disabled_at is not None):
        raise AdminError(_l("Nothing to change."), None)
    user.disabled_at = utcnow() if disabled else None
    action = "user.disable" if disabled else "user.enable"
    audit.record(actor, action, user, summary=user.display_name or "", reason=reason)
    db.session.flush()
    return user


@dataclass
class UserFilters:
    query: str = ""
    role: str = ""


def users_statement(filters: UserFilters) -> Select:
    statement = db.select(User).where(User.deleted_at.is_(None))
    if filters.role in ROLES:
        statement = statement.where(User.role == filters.role)
    if filters.query:
        pattern = f"%{filters.query.lower()}%"
        statement = statement.where(
            or_(func.lower(User.email).like(pattern), func.lower(User.display_name).like(pattern))
        )
    return statement.order_by(User.created_at.desc(), User.id.desc())


@dataclass
class AuditFilters:
    action: str = ""
    target_type: str = ""
    actor_id: int | None = None


def audit_statement(filters: AuditFilters) -> Select:
    statement = db.select(AuditEntry)
    if filters.action:
        statement = statement.where(AuditEntry.action.startswith(filters.action, autoescape=True))
    if filters.target_type:
        statement = statement.where(AuditEntry.target_type == filters.target_type)
    if filters.actor_id:
        statement = statement.where(AuditEntry.actor_id == filters.actor_id)
    return statement.order_by(AuditEntry.created_at.desc(), AuditEntry.id.desc())


def audit_actions() -> list[str]:
    """The distinct actions logged so far, for the filter."""
    return list(
        db.session.scalars(db.select(AuditEntry.action).distinct().order_by(AuditEntry.action))
    )
