"""Helpers for the staff pages: a signed-in staff client, audit look-ups, city-time input."""

from datetime import datetime
from zoneinfo import ZoneInfo

import pytest
from flask import current_app

from engage.audit import AuditEntry
from engage.extensions import db


@pytest.fixture
def as_staff(client, login, staff):
    """The test client, signed in as a staff member."""
    login(staff)
    return client


@pytest.fixture
def audits(ctx):
    """`audits(action)` returns the audit entries with that action, oldest first."""

    def read(action: str) -> list[AuditEntry]:
        statement = db.select(AuditEntry).where(AuditEntry.action == action)
        return list(db.session.scalars(statement.order_by(AuditEntry.id)))

    return read


def local(moment: datetime) -> str:
    """`moment` as staff type it: city time, `YYYY-MM-DDTHH:MM`."""
    zone = ZoneInfo(current_app.config["ENGAGE_TIMEZONE"])
    return moment.astimezone(zone).strftime("%Y-%m-%dT%H:%M")


def count(model) -> int:
    return db.session.scalar(db.select(db.func.count()).select_from(model))
