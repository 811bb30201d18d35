"""Sign-ups: seats, the waitlist and promotions, with the event row locked while counting.

Capacity is enforced by the database, not by a check-then-insert in Python: every operation
that takes or frees a seat first locks the event's row (SELECT ... FOR UPDATE on PostgreSQL),
so concurrent sign-ups and cancellations for one session run one after the other. SQLite
allows one writer at a time, which gives the same guarantee.
"""

from dataclasses import dataclass
from datetime import datetime

from flask_babel import lazy_gettext as _l
from sqlalchemy import func
from sqlalchemy.orm import selectinload

from engage import audit
from engage.events.models import Event, EventStatus, Registration, RegistrationStatus
from engage.events.services.sessions import (
    EventError,
    calendar_attachment,
    reachable,
)
from engage.extensions import db
from engage.mail import queue_mail
from engage.reference import language_codes
from engage.sanitize import clean_text
from engage.types import utcnow
from engage.web import absolute_url

CONFIRMED = RegistrationStatus.CONFIRMED.value
WAITLISTED = RegistrationStatus.WAITLISTED.value
CANCELLED = RegistrationStatus.CANCELLED.value
MAX_REQUEST = 1000


@dataclass
class Accommodations:
    """What a person asks for to take part; only the organizers see it."""

    interpretation_language: str | None = None
    needs_asl: bool = False
    needs_cart: bool = False
    other: str = ""

    @property
    def any(self) -> bool:
        return bool(self.interpretation_language or self.needs_asl or self.needs_cart or self.other)


def lock_event(event: Event) -> Event:
    """Lock the event's row until the transaction ends, and reload it (PostgreSQL)."""
    statement = (
        db.select(Event)
        .where(Event.id == event.id)
        .with_for_update()
        .execution_options(populate_existing=True)
    )
    return db.session.execute(statement).scalar_one()


def confirmed_count(event: Event) -> int:
    return db.session.scalar(
        db.select(func.count(Registration.id)).where(
            Registration.event_id == event.id, Registration.status == CONFIRMED
        )
    )


def waitlist_count(event: Event) -> int:
    return db.session.scalar(
        db.select(func.count(Registration.id)).where(
            Registration.event_id == event.id, Registration.status == WAITLISTED
        )
    )


def seats_left(event: Event) -> int | None:
    """Free seats now; None when the session has no limit."""
    if event.capacity is None:
        return None
    return max(event.capacity - confirmed_count(event), 0)


def registration_for(user, event: Event) -> Registration | None:
    if user is None or not getattr(user, "is_authenticated", False):
        return None
    return db.session.scalar(
        db.select(Registration).where(
            Registration.event_id == event.id, Registration.user_id == user.id
        )
    )


def waitlist_position(registration: Registration) -> int | None:
    """1 for the next person to get a seat."""
    if registration.status != WAITLISTED:
        return None
    ahead = db.select(func.count(Registration.id)).where(
        Registration.event_id == registration.event_id,
        Registration.status == WAITLISTED,
        db.or_(
            Registration.waitlisted_at < registration.waitlisted_at,
            db.and_(
                Registration.waitlisted_at == registration.waitlisted_at,
                Registration.id < registration.id,
            ),
        ),
    )
    return db.session.scalar(ahead) + 1


# Refusals ------------------------------------------------------------------------------------


def sign_up_problem(event: Event, now: datetime | None = None) -> EventError | None:
    """Why nobody can sign up now (cancelled, started, registration closed), or None."""
    now = now or utcnow()
    if event.status == EventStatus.CANCELLED:
        return EventError(_l("This session was cancelled."), code="cancelled")
    if event.starts_at <= now:
        return EventError(_l("This session has already taken place."), code="past")
    deadline = event.registration_deadline or event.starts_at
    if deadline <= now:
        return EventError(_l("Registration for this session has closed."), code="closed")
    return None


def accommodations_open(event: Event, now: datetime | None = None) -> bool:
    """Whether requests still reach the organizers in time to arrange them."""
    deadline = event.accommodation_deadline or event.starts_at
    return (now or utcnow()) < deadline


def _check_person(user) -> None:
    if user is None or not user.is_active:
        raise EventError(_l("Sign in to sign up."), code="signed_out")
    if not user.is_confirmed:
        raise EventError(
            _l("Confirm your email address first: we send your place there."), code="unconfirmed"
        )


def _clean_requests(requests: Accommodations | None) -> Accommodations:
    requests = requests or Accommodations()
    language = requests.interpretation_language or None
    if language and language not in language_codes():
        raise EventError(_l("Choose a language from the list."), "interpretation_language")
    other = clean_text(requests.other)
    if len(other) > MAX_REQUEST:
        raise EventError(
            _l("Keep this under %(max)d characters.", max=MAX_REQUEST), "accommodation_other"
        )
    return Accommodations(language, bool(requests.needs_asl), bool(requests.needs_cart), other)


# Signing up ------------------------------------------------------------------------------------


def sign_up(
    user, event: Event, accommodations: Accommodations | None = None, *, waitlist: bool = False
) -> Registration:
    """Take a seat, or a place on the waitlist when `waitlist` and the session is full.

    Refused for cancelled or past sessions, after the registration deadline, for someone
    already signed up, and for a full session unless they asked for the waitlist. An earlier
    cancelled sign-up is reactivated. Queues the confirmation (with the .ics) or waitlist mail.
    """
    _check_person(user)
    requests = _clean_requests(accommodations)
    event = lock_event(event)
    now = utcnow()
    problem = sign_up_problem(event, now)
    if problem:
        raise problem
    registration = registration_for(user, event)
    if registration is not None and registration.status != CANCELLED:
        raise _already(registration)
    status = _status_for(event, waitlist)
    registration = registration or Registration(event_id=event.id, user=user)
    _fill(registration, status, requests, now)
    db.session.add(registration)
    db.session.flush()
    audit.record(user, "event.sign_up", registration, detail={"event": event.id, "status": status})
    _send_status_mail(registration, event, late=requests.any and not accommodations_open(event))
    db.session.flush()
    return registration


def _already(registration: Registration) -> EventError:
    if registration.status == WAITLISTED:
        return EventError(_l("You are already on the waitlist for this session."), code="twice")
    return EventError(_l("You are already signed up for this session."), code="twice")


def _status_for(event: Event, waitlist: bool) -> str:
    if event.capacity is None or confirmed_count(event) < event.capacity:
        return CONFIRMED
    if waitlist:
        return WAITLISTED
    raise EventError(
        _l("This session is full. You can join the waitlist instead."),
        "join_waitlist",
        code="full",
    )


def _fill(registration: Registration, status: str, requests: Accommodations, now) -> None:
    registration.status = status
    registration.waitlisted_at = now if status == WAITLISTED else None
    registration.interpretation_language = requests.interpretation_language
    registration.needs_asl = requests.needs_asl
    registration.needs_cart = requests.needs_cart
    registration.accommodation_other = requests.other
    registration.checked_in_at = None
    registration.reminder_sent_at = None


def _send_status_mail(registration: Registration, event: Event, late: bool = False) -> None:
    user = registration.user
    if not reachable(user):
        return
    confirmed = registration.status == CONFIRMED
    queue_mail(
        user.email,
        "event_confirmed" if confirmed else "event_waitlisted",
        locale=user.preferred_language,
        attachments=[calendar_attachment(event, locale=user.preferred_language)]
        if confirmed
        else [],
        user=user,
        event=event,
        registration=registration,
        position=waitlist_position(registration),
        late_request=late,
        link=absolute_url("events.detail", event_id=event.id),
    )


# Cancelling and promotion ---------------------------------------------------------------------


def cancel_sign_up(user, registration: Registration) -> Registration:
    """Give up a seat or waitlist place; a freed seat goes to the first person waiting."""
    if user is None or registration.user_id != user.id:
        raise EventError(_l("You can only cancel your own sign-up."), code="forbidden")
    event = lock_event(registration.event)
    db.session.refresh(registration)
    if registration.status == CANCELLED:
        raise EventError(_l("This sign-up is already cancelled."), code="cancelled")
    if event.status == EventStatus.CANCELLED:
        raise EventError(_l("This session was cancelled."), code="cancelled")
    if event.starts_at <= utcnow():
        raise EventError(_l("This session has already taken place."), code="past")
    was = registration.status
    registration.status = CANCELLED
    registration.waitlisted_at = None
    audit.record(user, "event.cancel_sign_up", registration, detail={"event": event.id, "was": was})
    db.session.flush()
    fill_seats(user, event)
    return registration


def _next_waiting(event: Event) -> Registration | None:
    return db.session.scalar(
        db.select(Registration)
        .where(Registration.event_id == event.id, Registration.status == WAITLISTED)
        .order_by(Registration.waitlisted_at, Registration.id)
        .limit(1)
    )


def fill_seats(actor, event: Event) -> list[Registration]:
    """Promote people from the waitlist, in order, while seats are free (event row locked)."""
    promoted = []
    if event.status == EventStatus.CANCELLED:
        return promoted
    free = None if event.capacity is None else event.capacity - confirmed_count(event)
    while free is None or free > 0:
        registration = _next_waiting(event)
        if registration is None:
            break
        _promote(actor, registration, event)
        promoted.append(registration)
        free = None if free is None else free - 1
    return promoted


def _promote(actor, registration: Registration, event: Event) -> None:
    registration.status = CONFIRMED
    registration.waitlisted_at = None
    db.session.flush()
    audit.record(actor, "event.promote", registration, detail={"event": event.id})
    user = registration.user
    if reachable(user):
        queue_mail(
            user.email,
            "event_promoted",
            locale=user.preferred_language,
            attachments=[calendar_attachment(event, locale=user.preferred_language)],
            user=user,
            event=event,
            registration=registration,
            link=absolute_url("events.detail", event_id=event.id),
        )


# Organizers at the door -----------------------------------------------------------------------


def check_in(actor, registration: Registration, present: bool = True) -> Registration:
    """Mark a confirmed attendee as arrived (or undo it)."""
    if registration.status != CONFIRMED:
        raise EventError(_l("Only people with a seat can be checked in."), code="not_confirmed")
    registration.checked_in_at = utcnow() if present else None
    action = "event.check_in" if present else "event.undo_check_in"
    audit.record(actor, action, registration, detail={"event": registration.event_id})
    db.session.flush()
    return registration


# The person's data export -------------------------------------------------------------------


def personal_sign_ups(user) -> list[dict]:
    """The person's sign-ups and what they asked for, for their JSON download."""
    rows = db.session.scalars(
        db.select(Registration)
        .where(Registration.user_id == user.id)
        .options(selectinload(Registration.event))
        .order_by(Registration.id)
    )
    return [_exported(registration) for registration in rows]


def _exported(registration: Registration) -> dict:
    def iso(moment):
        return moment.isoformat() if moment else None

    return {
        "session": registration.event.title,
        "url": absolute_url("events.detail", event_id=registration.event_id),
        "starts_at": iso(registration.event.starts_at),
        "status": registration.status,
        "signed_up_at": iso(registration.created_at),
        "interpretation_language": registration.interpretation_language,
        "needs_asl": registration.needs_asl,
        "needs_cart": registration.needs_cart,
        "other_request": registration.accommodation_other,
        "checked_in_at": iso(registration.checked_in_at),
    }
