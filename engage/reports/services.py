"""Rules for annual surveillance reports and exigent-use notices."""

from dataclasses import dataclass
from datetime import datetime
from decimal import Decimal
from zoneinfo import ZoneInfo

from flask import current_app
from flask_babel import lazy_gettext as _l

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

FIRST_YEAR = 1990
# What the columns hold: Integer is 32-bit on PostgreSQL, cost is Numeric(14, 2).
MAX_COUNT = 2_147_483_647
MAX_COST = Decimal("999999999999.99")


class ReportError(ValueError):
    """A change the rules refuse; `field` names the form field at fault."""

    def __init__(self, message: str, field: str | None = None):
        super().__init__(message)
        self.field = field


def current_year() -> int:
    """This year in the city's time zone."""
    return utcnow().astimezone(ZoneInfo(current_app.config["ENGAGE_TIMEZONE"])).year


def _required_text(value: str, max_length: int, field: str) -> str:
    text = clean_text(value)
    if not text:
        raise ReportError(_l("This can't be empty."), field)
    return _limited_text(text, max_length, field)


def _limited_text(value: str, max_length: int, field: str) -> str:
    text = clean_text(value)
    if len(text) > max_length:
        raise ReportError(_l("Use at most %(n)d characters.", n=max_length), field)
    return text


def _check_count(value: int | None, field: str) -> None:
    if value is not None and value < 0:
        raise ReportError(_l("Counts can't be negative."), field)
    if value is not None and value > MAX_COUNT:
        raise ReportError(_l("That number is too large."), field)


def _department(department_id: int) -> Department:
    department = db.session.get(Department, department_id)
    if department is None:
        raise ReportError(_l("Choose a department."), "department_id")
    return department


def _technology(technology_id: int) -> Technology:
    technology = db.session.get(Technology, technology_id)
    if technology is None:
        raise ReportError(_l("Choose a technology."), "technology_id")
    return technology


# Annual reports ---------------------------------------------------------------------------


@dataclass
class ReportData:
    department_id: int
    year: int
    summary: str = ""


def _check_year(year: int) -> None:
    if year > current_year():
        raise ReportError(_l("A report can't cover a year that hasn't happened yet."), "year")
    if year < FIRST_YEAR:
        raise ReportError(_l("Enter a four-digit year from %(y)d on.", y=FIRST_YEAR), "year")


def save_report(actor, data: ReportData, report: AnnualReport | None = None) -> AnnualReport:
    """Create or update a department's annual report; one per department and year."""
    _check_year(data.year)
    department = _department(data.department_id)
    clash = db.session.scalar(
        db.select(AnnualReport).where(
            AnnualReport.department_id == department.id, AnnualReport.year == data.year
        )
    )
    if clash is not None and clash is not report:
        raise ReportError(_l("This department already has a report for that year."), "year")
    is_new = report is None
    report = report or AnnualReport()
    report.department, report.year = department, data.year
    report.summary_md = clean_text(data.summary)
    report.summary_html = render_document(report.summary_md)
    db.session.add(report)
    db.session.flush()
    action = "report.create" if is_new else "report.update"
    audit.record(actor, action, report, summary=f"{department.code} {report.year}")
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


ENTRY_TEXTS = ("usage", "complaints", "audits", "violations")


def _check_entry(report: AnnualReport, data: EntryData, entry: ReportEntry | None) -> Technology:
    technology = _technology(data.technology_id)
    if any(e.technology_id == technology.id and e is not entry for e in report.entries):
        raise ReportError(_l("This report already covers that technology."), "technology_id")
    if data.captured_non_suspects not in set(NonSuspectCapture):
        raise ReportError(_l("Choose yes, no or unknown."), "captured_non_suspects")
    _check_count(data.complaint_count, "complaint_count")
    _check_count(data.violation_count, "violation_count")
    if data.cost is not None and not data.cost.is_finite():
        raise ReportError(_l("Enter an amount in dollars, like 12500.00."), "cost")
    if data.cost is not None and data.cost < 0:
        raise ReportError(_l("Cost can't be negative."), "cost")
    if data.cost is not None and data.cost > MAX_COST:
        raise ReportError(_l("That amount is too large."), "cost")
    return technology


def save_entry(
    actor, report: AnnualReport, data: EntryData, entry: ReportEntry | None = None
) -> ReportEntry:
    """Write what the report says about one technology."""
    technology = _check_entry(report, data, entry)
    funding_source = _limited_text(data.funding_source, 300, "funding_source")
    is_new = entry is None
    entry = entry or ReportEntry(report=report)
    entry.technology = technology
    for name in ENTRY_TEXTS:
        source = clean_text(getattr(data, name))
        setattr(entry, f"{name}_md", source)
        setattr(entry, f"{name}_html", render_document(source))
    entry.captured_non_suspects = data.captured_non_suspects
    entry.non_suspect_notes = clean_text(data.non_suspect_notes)
    entry.complaint_count, entry.violation_count = data.complaint_count, data.violation_count
    entry.cost = None if data.cost is None else data.cost.quantize(Decimal("0.01"))
    entry.funding_source = funding_source
    db.session.add(entry)
    db.session.flush()
    audit.record(
        actor,
        "report.entry." + ("create" if is_new else "update"),
        entry,
        summary=f"{report.department.code} {report.year}: {technology.name}",
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
    recipient = _required_text(data.recipient, 250, "recipient")
    data_type = _required_text(data.data_type, 250, "data_type")
    legal_standard = _required_text(data.legal_standard, 250, "legal_standard")
    _check_count(data.count, "count")
    sharing = DataSharingEntry(
        entry=entry,
        recipient=recipient,
        data_type=data_type,
        legal_standard=legal_standard,
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
    """Delete one data-sharing line, keeping what it said in the audit log."""
    audit.record(
        actor,
        "report.sharing.delete",
        sharing,
        summary=f"{sharing.recipient}: {sharing.data_type}",
        detail={
            "entry_id": sharing.entry_id,
            "legal_standard": sharing.legal_standard,
            "count": sharing.count,
        },
    )
    db.session.delete(sharing)
    db.session.flush()


# Exigent use ------------------------------------------------------------------------------


@dataclass
class ExigentData:
    department_id: int
    technology_id: int
    title: str
    started_at: datetime
    ended_at: datetime | None = None
    description: str = ""


def _check_exigent_dates(data: ExigentData) -> None:
    now = utcnow()
    if data.started_at > now:
        raise ReportError(_l("An exigent use can't start in the future."), "started_at")
    if data.ended_at is not None and data.ended_at < data.started_at:
        raise ReportError(_l("The use can't end before it started."), "ended_at")
    if data.ended_at is not None and data.ended_at > now:
        raise ReportError(
            _l("The use can't end in the future. Leave the end empty while it goes on."),
            "ended_at",
        )


def _report_due_at(notice: ExigentUse, ended_at: datetime | None) -> datetime | None:
    # The due date is fixed when the use ends; an unchanged end keeps it even if the rule moved.
    if ended_at is None:
        return None
    if notice.report_due_at is not None and notice.ended_at == ended_at:
        return notice.report_due_at
    return ExigentUse.due_after(ended_at, current_app.config["ENGAGE_EXIGENT_REPORT_DAYS"])


def save_exigent(actor, data: ExigentData, notice: ExigentUse | None = None) -> ExigentUse:
    """Create or update an exigent-use notice; the report falls due N days after the use ends."""
    title = _required_text(data.title, 250, "title")
    _check_exigent_dates(data)
    department = _department(data.department_id)
    technology = _technology(data.technology_id)
    is_new = notice is None
    notice = notice or ExigentUse()
    notice.report_due_at = _report_due_at(notice, data.ended_at)
    notice.department, notice.technology = department, technology
    notice.title = title
    notice.description_md = clean_text(data.description)
    notice.description_html = render_document(notice.description_md)
    notice.started_at, notice.ended_at = data.started_at, data.ended_at
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
        raise ReportError(_l("Choose an outcome."), "outcome")
    if received_at is not None:
        if received_at > utcnow():
            raise ReportError(
                _l("The report can't be received in the future."), "report_received_at"
            )
        if received_at < notice.started_at:
            raise ReportError(
                _l("The report can't arrive before the use began."), "report_received_at"
            )
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
