"""Accounts."""

import secrets
from datetime import datetime

from flask import current_app
from flask_login import UserMixin
from sqlalchemy import Boolean, ForeignKey, String, true
from sqlalchemy.orm import Mapped, mapped_column, relationship
from werkzeug.security import check_password_hash, generate_password_hash

from engage.extensions import db
from engage.permissions import Role
from engage.types import UTCDateTime, utcnow


def new_session_token() -> str:
    return secrets.token_urlsafe(32)


class User(UserMixin, db.Model):
    __tablename__ = "users"

    id: Mapped[int] = mapped_column(primary_key=True)
    email: Mapped[str] = mapped_column(String(320), unique=True)
    password_hash: Mapped[str] = mapped_column(String(255))
    display_name: Mapped[str | None] = mapped_column(String(80))
    role: Mapped[str] = mapped_column(String(20), default=Role.RESIDENT.value, index=True)
    # The department an official works for: the moderation rules use it for conflicts.
    department_id: Mapped[int | None] = mapped_column(
        ForeignKey("departments.id", ondelete="SET NULL")
    )
    neighborhood: Mapped[str | None] = mapped_column(String(80))
    preferred_language: Mapped[str | None] = mapped_column(String(12))
    # Mail me when someone replies to my comment (one-click unsubscribe turns it off).
    notify_replies: Mapped[bool] = mapped_column(Boolean, default=True, server_default=true())
    email_confirmed_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    last_login_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    disabled_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    deleted_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    # Rotated on password change or deletion, which signs the account out everywhere.
    session_token: Mapped[str] = mapped_column(String(64), unique=True, default=new_session_token)

    department = relationship("Department")

    def get_id(self) -> str:
        return self.session_token

    @property
    def is_active(self) -> bool:
        return self.disabled_at is None and self.deleted_at is None

    @property
    def is_confirmed(self) -> bool:
        return self.email_confirmed_at is not None

    @property
    def public_name(self) -> str | None:
        """The name others see; None once the account is deleted."""
        return None if self.deleted_at else self.display_name

    def set_password(self, password: str) -> None:
        method = current_app.config.get("ENGAGE_PASSWORD_HASH", "scrypt")
        self.password_hash = generate_password_hash(password, method=method)
        self.session_token = new_session_token()

    def check_password(self, password: str) -> bool:
        return bool(self.password_hash) and check_password_hash(self.password_hash, password)

    def __repr__(self) -> str:
        return f"<User {self.id} {self.role}>"
