"""Listening sessions and city meetings: sign-ups, waitlists, calendars, reports."""
