"""Listening sessions: create, edit and cancel them, and tell the people signed up."""

from dataclasses import dataclass, field
from datetime import datetime, timedelta
from urllib.parse import urlsplit

from flask_babel import force_locale
from flask_babel import lazy_gettext as _l

from engage import audit
from engage.events.models import Event, EventKind, EventStatus, Registration, RegistrationStatus
from engage.extensions import db
from engage.mail import queue_mail
from engage.permissions import can
from engage.policies.models import Policy
from engage.reference import language_codes, neighborhoods
from engage.sanitize import clean_text, render_markdown
from engage.types import utcnow
from engage.web import absolute_url

ACCOMMODATION_NOTICE = timedelta(days=14)
MAX_CAPACITY = 100_000
SUPPORT_SERVICES = ("asl", "cart")  # interpretation besides the city's spoken languages
# Changes that send attendees an updated calendar entry.
TIME_AND_PLACE = (
    "starts_at",
    "ends_at",
    "in_person",
    "venue",
    "address",
    "online",
    "meeting_link",
)
EDITABLE = (
    "title",
    "description_md",
    *TIME_AND_PLACE,
    "neighborhood",
    "accessibility_notes",
    "languages",
    "interpretation",
    "capacity",
    "registration_deadline",
    "accommodation_deadline",
)


class EventError(ValueError):
    """A session action the rules refuse; `field` names the form field at fault."""

    def __init__(self, message: str, field: str | None = None, code: str = "invalid"):
        super().__init__(message)
        self.field = field
        self.code = code


@dataclass
class SessionData:
    """What an organizer enters; times are timezone-aware (the form converts city time)."""

    title: str
    starts_at: datetime | None
    ends_at: datetime | None
    policy_ids: list[int] = field(default_factory=list)
    description: str = ""
    in_person: bool = True
    venue: str = ""
    address: str = ""
    neighborhood: str | None = None
    accessibility_notes: str = ""
    online: bool = False
    meeting_link: str = ""
    languages: list[str] = field(default_factory=lambda: ["en"])
    interpretation: list[str] = field(default_factory=list)
    capacity: int | None = None
    registration_deadline: datetime | None = None
    accommodation_deadline: datetime | None = None


# Validation -----------------------------------------------------------------------------------


def _title(data: SessionData) -> str:
    title = clean_text(data.title)
    if not title:
        raise EventError(_l("Give the session a title."), "title")
    if len(title) > 250:
        raise EventError(_l("Keep the title under 250 characters."), "title")
    return title


def _policies(policy_ids: list[int]) -> list[Policy]:
    ids = {int(i) for i in policy_ids or []}
    if not ids:
        raise EventError(_l("Choose at least one policy this session is about."), "policy_ids")
    policies = db.session.scalars(db.select(Policy).where(Policy.id.in_(ids))).all()
    if len(policies) != len(ids):
        raise EventError(_l("One of the chosen policies does not exist."), "policy_ids")
    return list(policies)


def _check_times(data: SessionData, now: datetime, start_changed: bool) -> None:
    if data.starts_at is None:
        raise EventError(_l("Enter when the session starts."), "starts_at")
    if data.ends_at is None:
        raise EventError(_l("Enter when the session ends."), "ends_at")
    if start_changed and data.starts_at <= now:
        raise EventError(_l("The start must be in the future."), "starts_at")
    if data.ends_at <= data.starts_at:
        raise EventError(_l("The end must be after the start."), "ends_at")
    if data.ends_at - data.starts_at > timedelta(days=2):
        raise EventError(_l("A session can last two days at most."), "ends_at")


def _deadlines(data: SessionData) -> tuple[datetime, datetime]:
    registration = data.registration_deadline or data.starts_at
    accommodation = data.accommodation_deadline or data.starts_at - ACCOMMODATION_NOTICE
    if registration > data.starts_at:
        raise EventError(
            _l("Registration must close at the start of the session or before."),
            "registration_deadline",
        )
    if accommodation > data.starts_at:
        raise EventError(
            _l("Accommodation requests must close at the start of the session or before."),
            "accommodation_deadline",
        )
    return registration, accommodation


def _capacity(value) -> int | None:
    if value in (None, ""):
        return None
    if isinstance(value, bool) or not isinstance(value, int) or value < 1:
        raise EventError(
            _l("Capacity must be a whole number of seats, 1 or more (empty: no limit)."),
            "capacity",
        )
    if value > MAX_CAPACITY:
        raise EventError(_l("Capacity can be at most %(max)d.", max=MAX_CAPACITY), "capacity")
    return value


def _https_link(link: str) -> str:
    link = clean_text(link)
    parts = urlsplit(link)
    if parts.scheme != "https" or not parts.hostname or len(link) > 500 or " " in link:
        raise EventError(_l("Enter the meeting link as a full https:// address."), "meeting_link")
    return link


def _place(data: SessionData) -> dict:
    if not data.in_person and not data.online:
        raise EventError(_l("Say whether the session is in person, online, or both."), "in_person")
    place = {"in_person": bool(data.in_person), "online": bool(data.online)}
    place["venue"] = clean_text(data.venue)[:250] if data.in_person else ""
    place["address"] = clean_text(data.address)[:400] if data.in_person else ""
    if data.in_person and not place["address"]:
        raise EventError(_l("Enter the address of the venue."), "address")
    place["meeting_link"] = _https_link(data.meeting_link) if data.online else ""
    neighborhood = data.neighborhood or None
    if neighborhood and neighborhood not in neighborhoods():
        raise EventError(_l("Choose a neighborhood from the list."), "neighborhood")
    place["neighborhood"] = neighborhood if data.in_person else None
    place["accessibility_notes"] = clean_text(data.accessibility_notes)[:5000]
    return place


def _languages(data: SessionData) -> tuple[list[str], list[str]]:
    known = language_codes()
    spoken = list(dict.fromkeys(data.languages or []))
    if not spoken:
        raise EventError(_l("Choose the language or languages spoken."), "languages")
    if any(code not in known for code in spoken):
        raise EventError(_l("Choose languages from the list."), "languages")
    offered = list(dict.fromkeys(data.interpretation or []))
    if any(code not in known and code not in SUPPORT_SERVICES for code in offered):
        raise EventError(_l("Choose interpretation from the list."), "interpretation")
    return spoken, offered


def _values(data: SessionData, now: datetime, start_changed: bool = True) -> dict:
    """Every column the form sets, checked; raises EventError naming the field at fault."""
    title = _title(data)
    _check_times(data, now, start_changed)
    registration, accommodation = _deadlines(data)
    if start_changed and registration <= now:
        raise EventError(_l("Registration must close in the future."), "registration_deadline")
    description = clean_text(data.description)[:20_000]
    spoken, offered = _languages(data)
    return {
        "title": title,
        "description_md": description,
        "description_html": render_markdown(description),
        "starts_at": data.starts_at,
        "ends_at": data.ends_at,
        **_place(data),
        "languages": spoken,
        "interpretation": offered,
        "capacity": _capacity(data.capacity),
        "registration_deadline": registration,
        "accommodation_deadline": accommodation,
    }


# Operations -----------------------------------------------------------------------------------


def create_session(actor, organization, data: SessionData) -> Event:
    """Post a listening session for `organization` (a verified one, `actor` a member)."""
    if organization is None or not organization.is_verified:
        raise EventError(
            _l("Only verified organizations can post sessions. Staff are reviewing yours."),
            code="unverified",
        )
    if not can(actor, "event:create", organization):
        raise EventError(_l("Only members of this organization can post its sessions."))
    values = _values(data, utcnow())
    policies = _policies(data.policy_ids)
    event = Event(
        kind=EventKind.LISTENING_SESSION.value,
        organization=organization,
        created_by_id=actor.id,
        sequence=0,
        **values,
    )
    event.policies = policies
    db.session.add(event)
    db.session.flush()
    audit.record(actor, "event.create", event, summary=event.title[:300])
    db.session.flush()
    return event


def _changed(event: Event, values: dict, policies: list[Policy]) -> list[str]:
    names = [name for name in EDITABLE if getattr(event, name) != values[name]]
    if {p.id for p in event.policies} != {p.id for p in policies}:
        names.append("policies")
    return names


def update_session(actor, event: Event, data: SessionData) -> list[str]:
    """Save an organizer's edit; return the names of the fields that changed.

    Every change bumps the calendar SEQUENCE; a new time or place is emailed to everyone
    signed up (confirmed and waitlisted) with the updated calendar entry.
    """
    if event.status == EventStatus.CANCELLED:
        raise EventError(_l("This session was cancelled; it can't be edited."), code="cancelled")
    from engage.events.services.registration import confirmed_count, lock_event

    lock_event(event)
    start_changed = data.starts_at != event.starts_at
    values = _values(data, utcnow(), start_changed)
    taken = confirmed_count(event)
    if values["capacity"] is not None and values["capacity"] < taken:
        raise EventError(
            _l(
                "%(n)d people already have a seat; capacity can't be lower than that.",
                n=taken,
            ),
            "capacity",
        )
    policies = _policies(data.policy_ids)
    changed = _changed(event, values, policies)
    if not changed:
        return []
    _apply(event, values, policies)
    audit.record(actor, "event.update", event, summary=event.title, detail={"changed": changed})
    from engage.events.services.registration import fill_seats

    fill_seats(actor, event)
    if any(name in TIME_AND_PLACE for name in changed):
        _tell_attendees(event, "event_changed", changed=changed)
    db.session.flush()
    return changed


def _apply(event: Event, values: dict, policies: list[Policy]) -> None:
    for name, value in values.items():
        setattr(event, name, value)
    event.policies = policies
    event.sequence = (event.sequence or 0) + 1
    event.updated_at = utcnow()


def cancel_session(actor, event: Event, reason: str) -> Event:
    """Cancel the session and email everyone signed up a cancelled calendar entry."""
    reason = clean_text(reason)
    if not reason:
        raise EventError(_l("Say why the session is cancelled; attendees see it."), "reason")
    if len(reason) > 2000:
        raise EventError(_l("Keep the reason under 2,000 characters."), "reason")
    if event.status == EventStatus.CANCELLED:
        raise EventError(_l("This session is already cancelled."), code="cancelled")
    if event.starts_at <= utcnow():
        raise EventError(_l("This session has already taken place."), code="past")
    event.status = EventStatus.CANCELLED.value
    event.cancel_reason = reason
    event.sequence = (event.sequence or 0) + 1
    event.updated_at = utcnow()
    audit.record(actor, "event.cancel", event, summary=event.title, reason=reason)
    db.session.flush()
    _tell_attendees(event, "event_cancelled", method="CANCEL")
    db.session.flush()
    return event


def signed_up(event: Event) -> list[Registration]:
    """Everyone holding a seat or a waitlist place, with their accounts (one query)."""
    from sqlalchemy.orm import joinedload

    return list(
        db.session.scalars(
            db.select(Registration)
            .where(
                Registration.event_id == event.id,
                Registration.status.in_(
                    [RegistrationStatus.CONFIRMED.value, RegistrationStatus.WAITLISTED.value]
                ),
            )
            .options(joinedload(Registration.user))
            .order_by(Registration.id)
        )
    )


def calendar_attachment(event: Event, method: str = "PUBLISH", locale: str | None = None) -> dict:
    """The session's .ics as a mail attachment, in the recipient's language."""
    from engage.events.services.calendars import event_ics

    with force_locale((locale or "en").replace("-", "_")):
        data = event_ics(event, method=method)
    return {
        "filename": f"session-{event.id}.ics",
        "content_type": f"text/calendar; charset=utf-8; method={method}",
        "data": data,
    }


def reachable(user) -> bool:
    return user is not None and user.is_active and user.is_confirmed


def _tell_attendees(event: Event, template: str, method: str = "PUBLISH", **context) -> None:
    link = absolute_url("events.detail", event_id=event.id)
    for registration in signed_up(event):
        user = registration.user
        if not reachable(user):
            continue
        queue_mail(
            user.email,
            template,
            locale=user.preferred_language,
            attachments=[calendar_attachment(event, method, user.preferred_language)],
            user=user,
            event=event,
            registration=registration,
            link=link,
            **context,
        )
