"""When a person deletes their account: free their seats and erase their requests."""

from contextlib import suppress

from engage.events.models import Registration, RegistrationStatus, SpeakerSignup
from engage.events.services.registration import EventError, cancel_sign_up
from engage.extensions import db
from engage.types import utcnow


def release_sign_ups(user, **_) -> None:
    """Cancel upcoming sign-ups (promoting the waitlist) and blank every accommodation request."""
    registrations = db.session.scalars(
        db.select(Registration).where(Registration.user_id == user.id)
    ).all()
    for registration in registrations:
        if registration.status != RegistrationStatus.CANCELLED:
            # Past or cancelled sessions keep their history, without the requests.
            with suppress(EventError):
                cancel_sign_up(user, registration)
        registration.interpretation_language = None
        registration.needs_asl = registration.needs_cart = False
        registration.accommodation_other = ""
    for speaker in db.session.scalars(
        db.select(SpeakerSignup).where(
            SpeakerSignup.user_id == user.id, SpeakerSignup.cancelled_at.is_(None)
        )
    ):
        if speaker.event.starts_at > utcnow():
            speaker.cancelled_at = utcnow()
    db.session.flush()
