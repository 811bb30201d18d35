"""What the organization pages read: the directory, a profile's sessions, members, applications."""

import json

from sqlalchemy import Select, String, cast
from sqlalchemy.orm import selectinload

from engage.events.models import Event, EventStatus
from engage.extensions import db
from engage.orgs.models import Invitation, Membership, Organization, OrgRole, OrgStatus
from engage.types import utcnow

PAST_SESSIONS = 20


def _lists(column, value: str):
    """`column` (a JSON list of strings) holds `value`: the same test on SQLite and PostgreSQL.

    The list is stored as JSON text, where an element is exactly its JSON string, quotes
    included, so "Roxbury" can't match "West Roxbury".
    """
    return cast(column, String).contains(json.dumps(value), autoescape=True)


def directory_statement(neighborhood: str | None = None, language: str | None = None) -> Select:
    """Verified organizations, by name, optionally serving a neighborhood or speaking a language."""
    statement = db.select(Organization).where(Organization.status == OrgStatus.VERIFIED.value)
    if neighborhood:
        statement = statement.where(_lists(Organization.neighborhoods, neighborhood))
    if language:
        statement = statement.where(_lists(Organization.languages, language))
    return statement.order_by(Organization.name, Organization.id)


def by_slug(slug: str) -> Select:
    return db.select(Organization).where(Organization.slug == slug)


def sessions(org: Organization) -> dict[str, list[Event]]:
    """The organization's sessions not cancelled: upcoming (soonest first) and past (latest)."""
    now = utcnow()
    base = (
        db.select(Event)
        .where(Event.organization_id == org.id, Event.status != EventStatus.CANCELLED.value)
        .options(selectinload(Event.report), selectinload(Event.policies))
    )
    upcoming = db.session.scalars(
        base.where(Event.starts_at >= now).order_by(Event.starts_at, Event.id)
    ).all()
    past = db.session.scalars(
        base.where(Event.starts_at < now)
        .order_by(Event.starts_at.desc(), Event.id.desc())
        .limit(PAST_SESSIONS)
    ).all()
    return {"upcoming": list(upcoming), "past": list(past)}


def members(org: Organization) -> list[Membership]:
    """The members, admins first, then by name."""
    from engage.accounts.models import User

    return list(
        db.session.scalars(
            db.select(Membership)
            .join(User, User.id == Membership.user_id)
            .where(Membership.organization_id == org.id)
            .options(selectinload(Membership.user))
            .order_by((Membership.role != OrgRole.ADMIN.value), User.display_name, Membership.id)
        )
    )


def open_invitations(org: Organization) -> list[Invitation]:
    """Invitations not yet used, withdrawn or expired, newest first."""
    return list(
        db.session.scalars(
            db.select(Invitation)
            .where(
                Invitation.organization_id == org.id,
                Invitation.accepted_at.is_(None),
                Invitation.revoked_at.is_(None),
                Invitation.expires_at > utcnow(),
            )
            .order_by(Invitation.created_at.desc(), Invitation.id.desc())
        )
    )


def memberships_of(user) -> list[Membership]:
    """A person's organizations (any status), for their account page."""
    if user is None or not getattr(user, "is_authenticated", False):
        return []
    return list(
        db.session.scalars(
            db.select(Membership)
            .join(Organization, Organization.id == Membership.organization_id)
            .where(Membership.user_id == user.id)
            .options(selectinload(Membership.organization))
            .order_by(Organization.name)
        )
    )


def applications(status: OrgStatus) -> Select:
    """Applications in `status`: pending ones oldest first, decided ones latest first."""
    statement = db.select(Organization).where(Organization.status == status.value)
    if status == OrgStatus.PENDING:
        return statement.order_by(Organization.created_at, Organization.id)
    return statement.order_by(Organization.decided_at.desc(), Organization.id.desc())


def pending_count() -> int:
    return db.session.scalar(
        db.select(db.func.count(Organization.id)).where(
            Organization.status == OrgStatus.PENDING.value
        )
    )
