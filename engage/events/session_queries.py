"""Read-side queries for listening-session pages: lists, filters, seat counts, sign-ups."""

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import Select, String, cast, func
from sqlalchemy.orm import joinedload, selectinload

from engage.events.models import (
    Event,
    EventKind,
    EventStatus,
    Registration,
    RegistrationStatus,
    event_policies,
)
from engage.extensions import db
from engage.orgs.models import Organization, OrgStatus
from engage.policies.models import Policy
from engage.reference import language_codes, neighborhoods
from engage.types import utcnow

UPCOMING, PAST = "upcoming", "past"
MAX_PAST = 20  # past sessions listed on a policy's page
# Ids in URLs beyond the integer column's range: PostgreSQL would refuse them with an error.
MAX_ID = 2**31 - 1
CARD_OPTIONS = (joinedload(Event.organization), selectinload(Event.policies))


@dataclass(frozen=True)
class EventFilters:
    policy: str = ""
    neighborhood: str = ""
    language: str = ""
    organization: str = ""
    when: str = UPCOMING

    @property
    def any(self) -> bool:
        return bool(self.policy or self.neighborhood or self.language or self.organization)


def parse_filters(args: Mapping[str, str]) -> EventFilters:
    """Read the list's GET filters, dropping values that can't match anything."""
    neighborhood = args.get("neighborhood", "").strip()
    language = args.get("language", "").strip()
    return EventFilters(
        policy=args.get("policy", "").strip()[:100],
        neighborhood=neighborhood if neighborhood in neighborhoods() else "",
        language=language if language in language_codes() else "",
        organization=args.get("organization", "").strip()[:120],
        when=PAST if args.get("when") == PAST else UPCOMING,
    )


def public_sessions() -> Select:
    """Listening sessions of verified organizations, cancelled ones included."""
    return (
        db.select(Event)
        .join(Organization, Organization.id == Event.organization_id)
        .where(
            Event.kind == EventKind.LISTENING_SESSION.value,
            Organization.status == OrgStatus.VERIFIED.value,
        )
    )


def _timed(statement: Select, when: str, now: datetime) -> Select:
    if when == PAST:
        return statement.where(Event.ends_at <= now).order_by(Event.starts_at.desc(), Event.id)
    return statement.where(Event.ends_at > now).order_by(Event.starts_at, Event.id)


def listing_statement(filters: EventFilters, now: datetime | None = None) -> Select:
    """The sessions the /events list shows for `filters`, soonest first (latest for past)."""
    statement = public_sessions().where(Event.status != EventStatus.CANCELLED.value)
    if filters.policy:
        linked = db.select(event_policies.c.event_id).join(
            Policy, Policy.id == event_policies.c.policy_id
        )
        statement = statement.where(Event.id.in_(linked.where(Policy.slug == filters.policy)))
    if filters.neighborhood:
        statement = statement.where(Event.neighborhood == filters.neighborhood)
    if filters.organization:
        statement = statement.where(Organization.slug == filters.organization)
    if filters.language:
        # JSON lists: match the quoted code, which works on SQLite and PostgreSQL alike.
        as_text = cast(Event.languages, String)
        statement = statement.where(as_text.like(f'%"{filters.language}"%'))
    return _timed(statement, filters.when, now or utcnow()).options(*CARD_OPTIONS)


def filter_choices() -> dict:
    """Policies and organizations that have public sessions, for the filter form."""
    with_sessions = public_sessions().with_only_columns(Event.id)
    policies = db.session.scalars(
        db.select(Policy)
        .join(event_policies, event_policies.c.policy_id == Policy.id)
        .where(event_policies.c.event_id.in_(with_sessions))
        .distinct()
        .order_by(Policy.title)
    ).all()
    organizations = db.session.scalars(
        db.select(Organization)
        .where(Organization.id.in_(public_sessions().with_only_columns(Event.organization_id)))
        .order_by(Organization.name)
    ).all()
    return {"policies": policies, "organizations": organizations}


def seat_counts(events: Iterable[Event]) -> dict[int, dict[str, int]]:
    """{event id: {"confirmed": n, "waitlisted": n}} for `events`, in one query."""
    ids = [event.id for event in events]
    counts = {event_id: {"confirmed": 0, "waitlisted": 0} for event_id in ids}
    if not ids:
        return counts
    rows = db.session.execute(
        db.select(Registration.event_id, Registration.status, func.count(Registration.id))
        .where(
            Registration.event_id.in_(ids),
            Registration.status != RegistrationStatus.CANCELLED.value,
        )
        .group_by(Registration.event_id, Registration.status)
    )
    for event_id, status, number in rows:
        counts[event_id][status] = number
    return counts


def sessions_about(policy: Policy, now: datetime | None = None) -> dict[str, list[Event]]:
    """A policy's public sessions: upcoming (cancelled ones shown as such) and past.

    One query for both lists: the policy page's query budget is small.
    """
    now = now or utcnow()
    linked = db.select(event_policies.c.event_id).where(event_policies.c.policy_id == policy.id)
    events = db.session.scalars(
        public_sessions()
        .where(Event.id.in_(linked))
        .order_by(Event.starts_at, Event.id)
        .options(*CARD_OPTIONS, selectinload(Event.report))
    ).all()
    upcoming = [event for event in events if event.ends_at > now]
    past = [
        event
        for event in reversed(events)
        if event.ends_at <= now and event.status != EventStatus.CANCELLED.value
    ]
    return {UPCOMING: upcoming, PAST: past[:MAX_PAST]}


def sign_ups_of(user, now: datetime | None = None) -> dict[str, list[Registration]]:
    """A person's sign-ups (cancelled ones left out), upcoming and past."""
    now = now or utcnow()
    registrations = db.session.scalars(
        db.select(Registration)
        .join(Event, Event.id == Registration.event_id)
        .where(
            Registration.user_id == user.id,
            Registration.status != RegistrationStatus.CANCELLED.value,
        )
        .options(joinedload(Registration.event).joinedload(Event.organization))
        .order_by(Event.starts_at, Registration.id)
    ).all()
    upcoming = [r for r in registrations if r.event.ends_at > now]
    past = [r for r in registrations if r.event.ends_at <= now]
    past.reverse()
    return {UPCOMING: upcoming, PAST: past}


def attendees(event: Event) -> list[Registration]:
    """Everyone signed up (confirmed first, then the waitlist in order), with accounts."""
    registrations = db.session.scalars(
        db.select(Registration)
        .where(
            Registration.event_id == event.id,
            Registration.status != RegistrationStatus.CANCELLED.value,
        )
        .options(joinedload(Registration.user))
        .order_by(
            Registration.waitlisted_at.is_not(None), Registration.waitlisted_at, Registration.id
        )
    ).all()
    return list(registrations)


def organization_by_slug(slug: str) -> Select:
    return db.select(Organization).where(Organization.slug == slug)
