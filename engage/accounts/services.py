"""Account rules: registration, confirmation, sign-in, password reset, personal data."""

from collections.abc import Callable
from dataclasses import dataclass

from flask import current_app
from itsdangerous import BadSignature, SignatureExpired, URLSafeTimedSerializer
from sqlalchemy import func

from engage import audit, signals
from engage.accounts.models import User, new_session_token
from engage.extensions import db
from engage.mail import queue_mail
from engage.permissions import ROLES, Role
from engage.reference import language_codes, neighborhoods
from engage.types import utcnow
from engage.web import absolute_url

CONFIRM_MAX_AGE = 7 * 24 * 3600
RESET_MAX_AGE = 2 * 3600
# A hash to compare against when the email is unknown, so both paths cost the same time.
_DUMMY_HASH = "scrypt:32768:8:1$dummysaltvalue00$" + "0" * 128


class AccountError(ValueError):
    """A request the account rules refuse; the message is safe to show."""


@dataclass(frozen=True)
class Registration:
    email: str
    password: str
    display_name: str


def normalize_email(email: str) -> str:
    return email.strip().lower()


def find_by_email(email: str) -> User | None:
    return db.session.scalar(db.select(User).where(User.email == normalize_email(email)))


def _serializer(salt: str) -> URLSafeTimedSerializer:
    return URLSafeTimedSerializer(current_app.config["SECRET_KEY"], salt=salt)


def confirmation_token(user: User) -> str:
    return _serializer("confirm-email").dumps({"id": user.id, "email": user.email})


def reset_token(user: User) -> str:
    # The hash fragment makes the token single-use: a new password invalidates it.
    return _serializer("reset-password").dumps({"id": user.id, "pw": user.password_hash[-16:]})


def _load(salt: str, token: str, max_age: int) -> dict:
    try:
        return _serializer(salt).loads(token, max_age=max_age)
    except SignatureExpired as error:
        raise AccountError("expired") from error
    except BadSignature as error:
        raise AccountError("invalid") from error


def register(data: Registration, locale: str | None = None) -> User | None:
    """Create an unconfirmed resident and mail the confirmation link.

    When the email is taken, mail its owner instead and return None: the page a visitor sees
    is the same either way, so registration can't be used to learn who has an account.
    """
    existing = find_by_email(data.email)
    if existing is not None:
        if existing.is_active:
            queue_mail(existing.email, "already_registered", locale=locale, user=existing)
        return None
    user = User(
        email=normalize_email(data.email),
        display_name=data.display_name,
        role=Role.RESIDENT.value,
        preferred_language=locale if locale in language_codes() else None,
    )
    user.set_password(data.password)
    db.session.add(user)
    db.session.flush()
    send_confirmation(user)
    return user


def send_confirmation(user: User) -> None:
    link = absolute_url("accounts.confirm", token=confirmation_token(user))
    queue_mail(user.email, "confirm_email", locale=user.preferred_language, user=user, link=link)


def confirm_email(token: str) -> User:
    """Mark the email confirmed; raise AccountError for a bad or expired link."""
    payload = _load("confirm-email", token, CONFIRM_MAX_AGE)
    user = db.session.get(User, payload.get("id"))
    if user is None or user.email != payload.get("email") or not user.is_active:
        raise AccountError("invalid")
    if user.email_confirmed_at is None:
        user.email_confirmed_at = utcnow()
    db.session.flush()
    return user


def authenticate(email: str, password: str) -> User | None:
    """Return the active account for these credentials, or None (whatever was wrong)."""
    user = find_by_email(email)
    if user is None or not user.is_active:
        User(password_hash=_DUMMY_HASH).check_password(password)
        return None
    if not user.check_password(password):
        return None
    user.last_login_at = utcnow()
    return user


def request_password_reset(email: str) -> None:
    """Mail a reset link if the account exists; say nothing either way."""
    user = find_by_email(email)
    if user is None or not user.is_active:
        return
    link = absolute_url("accounts.reset_password", token=reset_token(user))
    queue_mail(user.email, "reset_password", locale=user.preferred_language, user=user, link=link)


def reset_password(token: str, password: str) -> User:
    payload = _load("reset-password", token, RESET_MAX_AGE)
    user = db.session.get(User, payload.get("id"))
    if user is None or not user.is_active or user.password_hash[-16:] != payload.get("pw"):
        raise AccountError("invalid")
    user.set_password(password)
    # Following the emailed link proves the address too.
    user.email_confirmed_at = user.email_confirmed_at or utcnow()
    db.session.flush()
    return user


def update_profile(user: User, display_name: str, neighborhood: str, language: str) -> User:
    if neighborhood and neighborhood not in neighborhoods():
        raise AccountError("neighborhood")
    if language and language not in language_codes():
        raise AccountError("language")
    user.display_name = display_name
    user.neighborhood = neighborhood or None
    user.preferred_language = language or None
    db.session.flush()
    return user


def remember_language(user: User, language: str) -> bool:
    """Save the language someone switched to as theirs; True if it changed."""
    if language not in language_codes():
        raise AccountError("language")
    if user.preferred_language == language:
        return False
    user.preferred_language = language
    db.session.flush()
    return True


# Each domain adds a function returning its part of a person's data export.
PERSONAL_DATA: list[tuple[str, Callable[[User], object]]] = []


def personal_data(user: User) -> dict:
    """Everything Engage holds about `user`, for the JSON download."""
    data = {
        "account": {
            "email": user.email,
            "display_name": user.display_name,
            "role": user.role,
            "neighborhood": user.neighborhood,
            "preferred_language": user.preferred_language,
            "email_confirmed_at": _iso(user.email_confirmed_at),
            "created_at": _iso(user.created_at),
            "last_login_at": _iso(user.last_login_at),
        }
    }
    for key, exporter in PERSONAL_DATA:
        data[key] = exporter(user)
    return data


def _iso(moment) -> str | None:
    return moment.isoformat() if moment else None


def delete_account(user: User, password: str) -> None:
    """Erase the person; keep their public contributions without their name."""
    if not user.check_password(password):
        raise AccountError("password")
    # Other domains let go first: seats are freed, requests erased, roles handed over.
    signals.account_deleting.send(user)
    user.deleted_at = utcnow()
    user.email = f"deleted-{user.id}@invalid.engage"
    user.display_name = None
    user.neighborhood = None
    user.preferred_language = None
    user.password_hash = ""
    user.session_token = new_session_token()
    audit.record(user, "account.delete", user, summary="Account deleted by its owner")
    db.session.flush()


def create_user(email: str, role: str, password: str, name: str | None = None) -> User:
    """Create a confirmed account (the CLI's create-user)."""
    if role not in ROLES:
        raise AccountError(f"unknown role {role!r}; choose one of {', '.join(ROLES)}")
    if find_by_email(email) is not None:
        raise AccountError(f"an account with {email} already exists")
    user = User(
        email=normalize_email(email),
        display_name=name or email.split("@")[0],
        role=role,
        email_confirmed_at=utcnow(),
    )
    user.set_password(password)
    db.session.add(user)
    db.session.flush()
    return user


def count_by_role() -> dict[str, int]:
    rows = db.session.execute(
        db.select(User.role, func.count()).where(User.deleted_at.is_(None)).group_by(User.role)
    )
    return dict(rows.all())
