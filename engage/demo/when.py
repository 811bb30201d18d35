"""Moments relative to the day the demo is loaded, in the city's time zone."""

from datetime import UTC, datetime, time, timedelta
from zoneinfo import ZoneInfo

from flask import current_app

from engage.types import utcnow


def city_zone() -> ZoneInfo:
    return ZoneInfo(current_app.config["ENGAGE_TIMEZONE"])


def local_day(days: int, hour: int = 17, minute: int = 0) -> datetime:
    """`hour`:`minute` city time, `days` days from today (negative: in the past), as UTC."""
    zone = city_zone()
    day = utcnow().astimezone(zone).date() + timedelta(days=days)
    return datetime.combine(day, time(hour, minute), tzinfo=zone).astimezone(UTC)


def local_date(year: int, month: int, day: int, hour: int = 12) -> datetime:
    """A fixed calendar moment, city time, as UTC."""
    return datetime(year, month, day, hour, tzinfo=city_zone()).astimezone(UTC)


def deadline(days: int) -> datetime:
    """11:59 pm city time on the day before day `days`: "closes in N days" shows N days left."""
    return local_day(days - 1, 23, 59)
