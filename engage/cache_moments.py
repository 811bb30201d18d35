"""When a cached policy page changes by itself, with no change to any row: the moments it must
expire at (a period opening or closing, a day of "N days left" passing, a listening session
starting, ending or closing its sign-ups)."""

import math
from datetime import datetime, timedelta

from sqlalchemy import select

from engage.extensions import db
from engage.types import utcnow

# The moments a listening session listed on a policy page changes by itself.
EVENT_MOMENTS = ("starts_at", "ends_at", "registration_deadline", "accommodation_deadline")


def fresh_for(policy, now: datetime | None = None) -> float:
    """Seconds until the policy's page changes by itself: a period opens or closes, or the
    whole days left before a deadline go down by one. math.inf when nothing is coming."""
    now = now or utcnow()
    moments = _event_moments(policy, now)
    for version in policy.versions:
        for period in version.periods:
            moments += [period.opens_at, period.closes_at]
            if period.opens_at <= now < period.closes_at:
                moments.append(period.closes_at - timedelta(days=period.days_left(now) - 1))
    ahead = [(moment - now).total_seconds() for moment in moments if moment > now]
    return min(ahead, default=math.inf)


def _event_moments(policy, now: datetime) -> list[datetime]:
    """When the listening sessions about the policy that have not ended yet change state."""
    events, links = db.metadata.tables.get("events"), db.metadata.tables.get("event_policies")
    if events is None or links is None:
        return []
    columns = [events.c[name] for name in EVENT_MOMENTS if name in events.c]
    rows = db.session.execute(
        select(*columns)
        .join(links, links.c.event_id == events.c.id)
        .where(links.c.policy_id == policy.id, events.c.ends_at > now)
    )
    return [moment for row in rows for moment in row if moment is not None]
