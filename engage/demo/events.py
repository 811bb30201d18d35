"""Demo listening sessions: the demo organizations' sessions, sign-ups and a full waitlist.

Upcoming sessions are posted through the session services by a member of the organization
and residents sign up through the sign-up service (the confirmation mail waits in the
outbox). Past sessions can't be posted any more (the service refuses past starts), so they
are stored as rows, with the people who came checked in. Sessions go to the verified demo
organization that serves their neighborhood; running it again adds nothing.
"""

from datetime import timedelta

from engage.accounts.services import create_user, find_by_email
from engage.demo.event_specs import NEIGHBORS, PAST, ROSA, SESSIONS, DemoSession
from engage.demo.people import DEMO_PASSWORD
from engage.demo.when import local_day
from engage.events import services
from engage.events.models import Event, EventKind, Registration, RegistrationStatus
from engage.extensions import db
from engage.orgs.models import Membership, Organization, OrgStatus
from engage.policies.models import Policy
from engage.sanitize import render_markdown

# People and organizations -----------------------------------------------------------------------


def _neighbors() -> tuple[dict, int]:
    people, created = {}, 0
    for email, name, language in NEIGHBORS:
        user = find_by_email(email)
        if user is None:
            user = create_user(email, "resident", DEMO_PASSWORD, name)
            user.preferred_language = language
            created += 1
        people[email] = user
    rosa = find_by_email(ROSA)
    if rosa is not None:
        people[ROSA] = rosa
    return people, created


def _organizations() -> list[Organization]:
    """Verified organizations with a member who can post, by name."""
    return list(
        db.session.scalars(
            db.select(Organization)
            .where(
                Organization.status == OrgStatus.VERIFIED.value,
                Organization.id.in_(db.select(Membership.organization_id)),
            )
            .order_by(Organization.name)
        )
    )


def _host(spec: DemoSession, organizations: list[Organization], index: int) -> Organization:
    for organization in organizations:
        if spec.neighborhood and spec.neighborhood in (organization.neighborhoods or []):
            return organization
    return organizations[index % len(organizations)]


def _organizer(organization: Organization):
    membership = db.session.scalar(
        db.select(Membership)
        .where(Membership.organization_id == organization.id)
        .order_by(Membership.role != "admin", Membership.id)
    )
    return membership.user


def _policies(spec: DemoSession) -> list[Policy]:
    return list(db.session.scalars(db.select(Policy).where(Policy.slug.in_(spec.policies))))


def _existing(organization: Organization, title: str) -> Event | None:
    return db.session.scalar(
        db.select(Event).where(Event.organization_id == organization.id, Event.title == title)
    )


# Sessions -----------------------------------------------------------------------------------------


def _data(spec: DemoSession, policies: list[Policy]) -> services.SessionData:
    start = local_day(spec.days, spec.hour)
    return services.SessionData(
        title=spec.title,
        description=spec.description,
        policy_ids=[p.id for p in policies],
        starts_at=start,
        ends_at=start + timedelta(minutes=spec.minutes),
        in_person=spec.in_person,
        venue=spec.venue,
        address=spec.address,
        neighborhood=spec.neighborhood or None,
        accessibility_notes=spec.accessibility,
        online=spec.online,
        meeting_link=f"https://meet.example.org/engage-demo-{spec.days}" if spec.online else "",
        languages=list(spec.languages),
        interpretation=list(spec.interpretation),
        capacity=spec.capacity,
        # Organizers of sessions within two weeks take requests until two days before.
        accommodation_deadline=start - timedelta(days=min(14, max(spec.days - 2, 1))),
    )


def _sign_up(event: Event, spec: DemoSession, people: dict) -> int:
    added = 0
    for who in spec.people:
        user = people.get(who.email)
        if user is None or services.registration_for(user, event) is not None:
            continue
        services.sign_up(user, event, who.requests, waitlist=True)
        added += 1
    return added


def _post(spec: DemoSession, organization, people: dict) -> tuple[int, int]:
    policies = _policies(spec)
    if not policies:
        return 0, 0
    event = _existing(organization, spec.title)
    created = 0
    if event is None:
        event = services.create_session(
            _organizer(organization), organization, _data(spec, policies)
        )
        created = 1
    return created, _sign_up(event, spec, people)


def _store_past(spec: DemoSession, organization, people: dict) -> tuple[int, int]:
    """A session that already happened, stored as the services stored it then."""
    policies = _policies(spec)
    if not policies or _existing(organization, spec.title) is not None:
        return 0, 0
    data = _data(spec, policies)
    event = Event(
        kind=EventKind.LISTENING_SESSION.value,
        organization=organization,
        created_by_id=_organizer(organization).id,
        description_md=spec.description,
        description_html=render_markdown(spec.description),
        **{
            name: getattr(data, name)
            for name in (
                "title",
                "starts_at",
                "ends_at",
                "in_person",
                "venue",
                "address",
                "neighborhood",
                "online",
                "capacity",
            )
        },
        accessibility_notes=spec.accessibility,
        languages=list(spec.languages),
        interpretation=list(spec.interpretation),
        registration_deadline=data.starts_at,
        accommodation_deadline=data.starts_at - timedelta(days=14),
    )
    event.policies = policies
    db.session.add(event)
    db.session.flush()
    added = 0
    for who in spec.people:
        if who.email in people:
            db.session.add(_attended(event, people[who.email]))
            added += 1
    db.session.flush()
    return 1, added


def _attended(event: Event, user) -> Registration:
    return Registration(
        event_id=event.id,
        user_id=user.id,
        status=RegistrationStatus.CONFIRMED.value,
        created_at=event.starts_at - timedelta(days=7),
        checked_in_at=event.starts_at + timedelta(minutes=5),
        reminder_sent_at=event.starts_at - timedelta(hours=20),
    )


def load_events() -> list[str]:
    """Post the demo sessions and sign people up; return the report lines."""
    organizations = _organizations()
    if not organizations:
        return ["listening sessions: no verified demo organization yet, so none were added"]
    people, new_people = _neighbors()
    sessions = signups = 0
    for index, spec in enumerate(SESSIONS):
        made, joined = _post(spec, _host(spec, organizations, index), people)
        sessions, signups = sessions + made, signups + joined
    for index, spec in enumerate(PAST):
        made, joined = _store_past(spec, _host(spec, organizations, index), people)
        sessions, signups = sessions + made, signups + joined
    db.session.flush()
    return [
        f"listening sessions: {sessions} added, {signups} sign-ups, "
        f"{new_people} residents added for sign-ups"
    ]
