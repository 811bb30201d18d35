"""Rules for annual surveillance reports and exigent-use notices."""

from dataclasses import dataclass
from datetime import datetime
from decimal import Decimal
from zoneinfo import ZoneInfo

from flask import current_app

from engage import audit
from engage.extensions import db
from engage.policies.models import Department, Technology
from engage.reports.models import (
    AnnualReport,
    DataSharingEntry,
    ExigentOutcome,
    ExigentUse,
    NonSuspectCapture,
    ReportEntry,
)
from engage.sanitize import clean_text, render_document
from engage.types import utcnow


class ReportError(ValueError):
    """A change the rules refuse; `field` names the form field at fault."""

    def __init__(self, message: str, field: str | None = None):
        super().__init__(message)
        self.field = field


def current_year() -> int:
    """This year in the city's time zone."""
    return utcnow().astimezone(ZoneInfo(current_app.config["ENGAGE_TIMEZONE"])).year


@dataclass
class ReportData:
    department_id: int
    year: int
    summary: str = ""


def save_report(actor, data: ReportData, report: AnnualReport | None = None) -> AnnualReport:
    """Create or update a department's annual report; one per department and year."""
    if data.year > current_year():
        raise ReportError("A report can't cover a year that hasn't happened yet.", "year")
    if data.year < 1990:
        raise ReportError("Enter a four-digit year.", "year")
    if db.session.get(Department, data.department_id) is None:
        raise ReportError("Choose a department.", "department_id")
    clash = db.session.scalar(
        db.select(AnnualReport).where(
            AnnualReport.department_id == data.department_id, AnnualReport.year == data.year
        )
    )
    if clash is not None and clash is not report:
        raise ReportError("This department already has a report for that year.", "year")
    is_new = report is None
    report = report or AnnualReport()
    report.department_id, report.year = data.department_id, data.year
    report.summary_md = clean_text(data.summary)
    report.summary_html = render_document(report.summary_md)
    db.session.add(report)
    db.session.flush()
    action = "report.create" if is_new else "report.update"
    audit.record(actor, action, report, summary=f"{report.department.code} {report.year}")
    return report


@dataclass
class EntryData:
    technology_id: int
    usage: str = ""
    captured_non_suspects: str = NonSuspectCapture.UNKNOWN.value
    non_suspect_notes: str = ""
    complaint_count: int = 0
    complaints: str = ""
    audits: str = ""
    violation_count: int = 0
    violations: str = ""
    cost: Decimal | None = None
    funding_source: str = ""


_ENTRY_TEXTS = ("usage", "complaints", "audits", "violations")


def save_entry(
    actor, report: AnnualReport, data: EntryData, entry: ReportEntry | None = None
) -> ReportEntry:
    """Write what the report says about one technology."""
    if db.session.get(Technology, data.technology_id) is None:
        raise ReportError("Choose a technology.", "technology_id")
    if any(e.technology_id == data.technology_id and e is not entry for e in report.entries):
        raise ReportError("This report already covers that technology.", "technology_id")
    if data.captured_non_suspects not in set(NonSuspectCapture):
        raise ReportError("Choose yes, no or unknown.", "captured_non_suspects")
    if data.complaint_count < 0 or data.violation_count < 0:
        raise ReportError("Counts can't be negative.", "complaint_count")
    if data.cost is not None and data.cost < 0:
        raise ReportError("Cost can't be negative.", "cost")
    is_new = entry is None
    entry = entry or ReportEntry(report=report)
    entry.technology_id = data.technology_id
    for name in _ENTRY_TEXTS:
        source = clean_text(getattr(data, name))
        setattr(entry, f"{name}_md", source)
        setattr(entry, f"{name}_html", render_document(source))
    entry.captured_non_suspects = data.captured_non_suspects
    entry.non_suspect_notes = clean_text(data.non_suspect_notes)
    entry.complaint_count, entry.violation_count = data.complaint_count, data.violation_count
    entry.cost, entry.funding_source = data.cost, clean_text(data.funding_source)
    db.session.add(entry)
    db.session.flush()
    audit.record(
        actor,
        "report.entry." + ("create" if is_new else "update"),
        entry,
        summary=f"{report.department.code} {report.year}: technology {entry.technology_id}",
    )
    return entry


@dataclass
class SharingData:
    recipient: str
    data_type: str
    legal_standard: str
    justification: str = ""
    count: int | None = None


def add_sharing(actor, entry: ReportEntry, data: SharingData) -> DataSharingEntry:
    """Record one data-sharing line of a report entry."""
    if data.count is not None and data.count < 0:
        raise ReportError("The count can't be negative.", "count")
    sharing = DataSharingEntry(
        entry=entry,
        recipient=clean_text(data.recipient),
        data_type=clean_text(data.data_type),
        legal_standard=clean_text(data.legal_standard),
        justification=clean_text(data.justification),
        count=data.count,
    )
    db.session.add(sharing)
    db.session.flush()
    audit.record(
        actor, "report.sharing.create", sharing, summary=f"{sharing.recipient}: {sharing.data_type}"
    )
    return sharing


def remove_sharing(actor, sharing: DataSharingEntry) -> None:
    audit.record(
        actor, "report.sharing.delete", sharing, summary=f"{sharing.recipient}: {sharing.data_type}"
    )
    db.session.delete(sharing)
    db.session.flush()


@dataclass
class ExigentData:
    department_id: int
    technology_id: int
    title: str
    started_at: datetime
    ended_at: datetime | None = None
    description: str = ""


def save_exigent(actor, data: ExigentData, notice: ExigentUse | None = None) -> ExigentUse:
    """Create or update an exigent-use notice; the report falls due N days after the use ends."""
    if data.started_at > utcnow():
        raise ReportError("An exigent use can't start in the future.", "started_at")
    if data.ended_at is not None and data.ended_at < data.started_at:
        raise ReportError("The use can't end before it started.", "ended_at")
    if db.session.get(Technology, data.technology_id) is None:
        raise ReportError("Choose a technology.", "technology_id")
    if db.session.get(Department, data.department_id) is None:
        raise ReportError("Choose a department.", "department_id")
    is_new = notice is None
    notice = notice or ExigentUse()
    notice.department_id, notice.technology_id = data.department_id, data.technology_id
    notice.title = clean_text(data.title)
    notice.description_md = clean_text(data.description)
    notice.description_html = render_document(notice.description_md)
    notice.started_at, notice.ended_at = data.started_at, data.ended_at
    days = current_app.config["ENGAGE_EXIGENT_REPORT_DAYS"]
    notice.report_due_at = ExigentUse.due_after(data.ended_at, days) if data.ended_at else None
    db.session.add(notice)
    db.session.flush()
    audit.record(
        actor, "exigent." + ("create" if is_new else "update"), notice, summary=notice.title
    )
    return notice


def record_exigent_report(
    actor, notice: ExigentUse, received_at: datetime | None, outcome: str, note: str = ""
) -> ExigentUse:
    """Record when the department's report came in and what the Council decided."""
    if outcome not in set(ExigentOutcome):
        raise ReportError("Choose an outcome.", "outcome")
    if received_at is not None:
        if received_at > utcnow():
            raise ReportError("The report can't be received in the future.", "report_received_at")
        if received_at < notice.started_at:
            raise ReportError("The report can't arrive before the use began.", "report_received_at")
    notice.report_received_at, notice.outcome = received_at, outcome
    notice.outcome_note = clean_text(note)
    db.session.flush()
    audit.record(
        actor,
        "exigent.report",
        notice,
        summary=notice.title,
        detail={"outcome": outcome, "on_time": notice.report_on_time},
    )
    return notice
