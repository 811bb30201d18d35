"""Helpers for the report tests: a report filled in through the services."""

from datetime import timedelta
from decimal import Decimal

import pytest

from engage.audit import AuditEntry
from engage.extensions import db
from engage.forms import city_zone
from engage.reports import services
from engage.types import utcnow
from tests import factories


def audit_actions(action_prefix: str = "") -> list[str]:
    statement = db.select(AuditEntry.action).order_by(AuditEntry.id)
    if action_prefix:
        statement = statement.where(AuditEntry.action.startswith(action_prefix))
    return list(db.session.scalars(statement))


def last_year() -> int:
    return services.current_year() - 1


@pytest.fixture
def department(ctx):
    return factories.make_department(code="BPD", name="Boston Police Department")


@pytest.fixture
def technology(department):
    return factories.make_technology(
        department, slug="automated-license-plate-readers", name="License plate readers"
    )


@pytest.fixture
def full_report(department, technology, staff):
    """A report with one technology described in every field and two sharing lines."""
    report = services.save_report(
        staff, services.ReportData(department.id, last_year(), "The **year** in review.")
    )
    entry = services.save_entry(
        staff,
        report,
        services.EntryData(
            technology_id=technology.id,
            usage="Used at *12 fixed sites*.",
            captured_non_suspects="yes",
            non_suspect_notes="Every passing car is read.",
            complaint_count=4,
            complaints="Residents asked about retention.",
            audits="A quarterly audit by the inspector.",
            violation_count=2,
            violations="Two officers retrained after a search without a case number.",
            cost=Decimal("125000.50"),
            funding_source="Federal UASI grant",
        ),
    )
    services.add_sharing(
        staff,
        entry,
        services.SharingData(
            "Massachusetts State Police", "Plate reads", "Written request", "", 37
        ),
    )
    services.add_sharing(
        staff,
        entry,
        services.SharingData("FBI Boston", "Hot list hits", "Subpoena", "Kidnapping case", None),
    )
    return report


def make_notice(technology, *, ended_days_ago=40, received_days_ago=None, **fields):
    """A notice through the factory, with due date 30 days after the end."""
    notice = factories.make_exigent(technology, ended_days_ago, received_days_ago)
    for name, value in fields.items():
        setattr(notice, name, value)
    db.session.flush()
    return notice


def ongoing_notice(technology, title: str = "Still going"):
    notice = factories.make_exigent(technology)
    notice.title, notice.ended_at, notice.report_due_at = title, None, None
    notice.started_at = utcnow() - timedelta(days=1)
    db.session.flush()
    return notice


def local(moment) -> str:
    """A moment as a person types it into the form: the city's local time."""
    return moment.astimezone(city_zone()).strftime("%Y-%m-%dT%H:%M")


def days_ago(days: float):
    return (utcnow() - timedelta(days=days)).replace(second=0, microsecond=0)


def evaluated(changes: dict) -> dict:
    """Parameters that depend on the time are given as functions, called inside the test."""
    return {name: value() if callable(value) else value for name, value in changes.items()}
