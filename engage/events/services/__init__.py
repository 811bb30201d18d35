"""The listening-session rules: sessions, sign-ups and reminders.

Calendars, session reports and city meetings live in their own modules here; import them
directly (`from engage.events.services.calendars import event_ics`).
"""

from engage.events.services.registration import (
    Accommodations,
    accommodations_open,
    cancel_sign_up,
    check_in,
    confirmed_count,
    fill_seats,
    registration_for,
    seats_left,
    sign_up,
    sign_up_problem,
    waitlist_count,
    waitlist_position,
)
from engage.events.services.reminders import send_reminders
from engage.events.services.sessions import (
    ACCOMMODATION_NOTICE,
    SUPPORT_SERVICES,
    EventError,
    SessionData,
    cancel_session,
    create_session,
    update_session,
)

__all__ = [
    "ACCOMMODATION_NOTICE",
    "SUPPORT_SERVICES",
    "Accommodations",
    "EventError",
    "SessionData",
    "accommodations_open",
    "cancel_session",
    "cancel_sign_up",
    "check_in",
    "confirmed_count",
    "create_session",
    "fill_seats",
    "registration_for",
    "seats_left",
    "send_reminders",
    "sign_up",
    "sign_up_problem",
    "update_session",
    "waitlist_count",
    "waitlist_position",
]
