"""The reminder the day before: `flask engage send-reminders` (e.g. every 15 minutes from cron).

Safe to run again and concurrently: each sign-up is marked in the same transaction as its
mail is queued, and on PostgreSQL a second run at the same moment skips the rows this one
holds, so nobody gets two reminders.
"""

from datetime import datetime, timedelta

from sqlalchemy.orm import selectinload

from engage.events.models import Event, EventStatus, Registration, RegistrationStatus
from engage.events.services.sessions import reachable
from engage.extensions import db
from engage.mail import queue_mail
from engage.types import utcnow
from engage.web import absolute_url

AHEAD = timedelta(hours=24)


def _due(now: datetime) -> list[Registration]:
    statement = (
        db.select(Registration)
        .join(Event, Event.id == Registration.event_id)
        .where(
            Registration.status == RegistrationStatus.CONFIRMED.value,
            Registration.reminder_sent_at.is_(None),
            Event.status == EventStatus.SCHEDULED.value,
            Event.starts_at > now,
            Event.starts_at <= now + AHEAD,
        )
        .options(selectinload(Registration.event), selectinload(Registration.user))
        .order_by(Event.starts_at, Registration.id)
        .with_for_update(skip_locked=True, of=Registration)
    )
    return list(db.session.scalars(statement))


def send_reminders(now: datetime | None = None) -> dict[str, int]:
    """Queue a reminder to each confirmed attendee of a session starting within 24 hours.

    Returns how many reminders were queued and how many sign-ups were only marked (the
    account can't receive mail).
    """
    now = now or utcnow()
    counts = {"sent": 0, "skipped": 0}
    for registration in _due(now):
        user, event = registration.user, registration.event
        if reachable(user):
            queue_mail(
                user.email,
                "event_reminder",
                locale=user.preferred_language,
                user=user,
                event=event,
                registration=registration,
                link=absolute_url("events.detail", event_id=event.id),
            )
            counts["sent"] += 1
        else:
            counts["skipped"] += 1
        registration.reminder_sent_at = now
    db.session.flush()
    return counts
