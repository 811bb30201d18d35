"""Session reports: what an organization heard, filed after its session, for policies and the board.

The stored shape the board summaries read: one SessionReport per event (attendance, themes as a
list of short strings, an overall summary), one SessionFinding per linked policy (what was heard
about it), and quotes participants agreed to share.
"""

import re
from dataclasses import dataclass, field

from flask_babel import lazy_gettext as _l
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import selectinload

from engage import audit, uploads
from engage.events.models import (
    Event,
    EventStatus,
    SessionFinding,
    SessionQuote,
    SessionReport,
    event_policies,
)
from engage.events.services.calendars import public_events
from engage.extensions import db
from engage.orgs.models import Organization
from engage.policies.models import Policy
from engage.sanitize import clean_text, render_markdown
from engage.types import utcnow

MAX_ATTENDANCE = 100_000
MAX_THEMES = 20
MAX_THEME_LENGTH = 60
MAX_FINDING = 20_000
MAX_SUMMARY = 20_000
MAX_QUOTE = 1_000
MAX_ATTRIBUTION = 120


class ReportError(ValueError):
    """A report the rules refuse; `field` names the form field at fault."""

    def __init__(self, message, field: str | None = None):
        super().__init__(str(message))
        self.field = field


@dataclass
class QuoteData:
    text: str
    attribution: str = ""
    consent: bool = False
    field: str = ""  # the form row, for the message


@dataclass
class ReportData:
    attendance: int | None
    themes: list[str] | str = field(default_factory=list)
    findings: dict[int, str] = field(default_factory=dict)  # policy id -> markdown
    quotes: list[QuoteData] = field(default_factory=list)
    summary: str = ""
    attachment: object | None = None  # an uploaded file, checked by content
    remove_attachment: bool = False


# Reading ---------------------------------------------------------------------------------


def _loaded():
    return (
        selectinload(SessionReport.findings).selectinload(SessionFinding.policy),
        selectinload(SessionReport.quotes),
        selectinload(SessionReport.event).selectinload(Event.organization),
    )


def _public_reports():
    events = public_events().where(Event.status != EventStatus.CANCELLED.value)
    return (
        db.select(SessionReport)
        .join(Event, SessionReport.event_id == Event.id)
        .where(Event.id.in_(events.with_only_columns(Event.id)))
        .options(*_loaded())
        .order_by(Event.starts_at.desc(), SessionReport.id.desc())
    )


def reports_for_policy(policy: Policy) -> list[SessionReport]:
    """Public reports of sessions linked to `policy`, newest session first."""
    linked = db.select(event_policies.c.event_id).where(event_policies.c.policy_id == policy.id)
    return list(db.session.scalars(_public_reports().where(Event.id.in_(linked))))


def reports_for_organization(organization: Organization) -> list[SessionReport]:
    """Reports of the organization's sessions, newest first (public organizations only)."""
    statement = _public_reports().where(Event.organization_id == organization.id)
    return list(db.session.scalars(statement))


def finding_for(report: SessionReport, policy: Policy) -> SessionFinding | None:
    return next((f for f in report.findings if f.policy_id == policy.id), None)


def report_due(event: Event) -> bool:
    """Whether a report can be filed now: the session has ended and was not cancelled."""
    return event.status != EventStatus.CANCELLED and event.ends_at <= utcnow()


# Checking ----------------------------------------------------------------------------------


def _check_event(event: Event) -> None:
    if event.status == EventStatus.CANCELLED:
        raise ReportError(_l("This session was cancelled, so it has no report."))
    if event.ends_at > utcnow():
        raise ReportError(_l("You can file the report once the session has ended."))


def _attendance(value) -> int:
    if value is None or isinstance(value, bool) or not isinstance(value, int):
        raise ReportError(_l("Enter how many people attended, as a whole number."), "attendance")
    if value < 0:
        raise ReportError(_l("Attendance can't be negative."), "attendance")
    if value > MAX_ATTENDANCE:
        raise ReportError(
            _l("Attendance can be at most %(max)d.", max=MAX_ATTENDANCE), "attendance"
        )
    return value


# Commas and semicolons, with the ones Chinese and Arabic writers type (full-width, ideographic
# and Arabic), written as escapes so they can't be mistaken for the ASCII ones.
THEME_SEPARATORS = re.compile("[,;\n\uff0c\u3001\uff1b\u060c\u061b]")


def parse_themes(raw: list[str] | str) -> list[str]:
    """'cost, retention; Retention' -> ['cost', 'retention']: trimmed, no repeats."""
    parts = THEME_SEPARATORS.split(raw) if isinstance(raw, str) else list(raw)
    themes: list[str] = []
    for part in parts:
        theme = re.sub(r"\s+", " ", clean_text(part))
        if theme and theme.casefold() not in {t.casefold() for t in themes}:
            themes.append(theme)
    if any(len(theme) > MAX_THEME_LENGTH for theme in themes):
        raise ReportError(
            _l("Keep each theme to %(max)d characters or fewer.", max=MAX_THEME_LENGTH), "themes"
        )
    if len(themes) > MAX_THEMES:
        raise ReportError(_l("List at most %(max)d themes.", max=MAX_THEMES), "themes")
    return themes


def _markdown(text: str, limit: int, name: str) -> tuple[str, str]:
    source = clean_text(text)
    if len(source) > limit:
        raise ReportError(_l("This can be up to %(max)d characters.", max=limit), name)
    return source, render_markdown(source)


def _findings(event: Event, findings: dict[int, str]) -> dict[int, tuple[str, str]]:
    """What was heard for each linked policy: every one needs an answer."""
    checked = {}
    for policy in event.policies:
        name = f"finding_{policy.id}"
        source, html = _markdown(findings.get(policy.id) or "", MAX_FINDING, name)
        if not html:
            raise ReportError(
                _l("Say what you heard about “%(policy)s”.", policy=policy.title), name
            )
        checked[policy.id] = (source, html)
    return checked


def _quotes(quotes: list[QuoteData]) -> list[QuoteData]:
    """Quotes with text; each needs the speaker's consent."""
    kept = []
    for quote in quotes:
        text = clean_text(quote.text)
        attribution = clean_text(quote.attribution)
        if not text:
            if attribution:
                raise ReportError(_l("Enter the quote, or clear this row."), f"{quote.field}text")
            continue
        if not quote.consent:
            raise ReportError(
                _l("Only quotes the person agreed to share: confirm consent or remove it."),
                f"{quote.field}consent",
            )
        if len(text) > MAX_QUOTE:
            raise ReportError(
                _l("A quote can be up to %(max)d characters.", max=MAX_QUOTE), f"{quote.field}text"
            )
        if len(attribution) > MAX_ATTRIBUTION:
            raise ReportError(
                _l("Keep the attribution to %(max)d characters.", max=MAX_ATTRIBUTION),
                f"{quote.field}attribution",
            )
        kept.append(QuoteData(text, attribution, True, quote.field))
    return kept


@dataclass
class _Checked:
    attendance: int
    themes: list[str]
    findings: dict[int, tuple[str, str]]
    quotes: list[QuoteData]
    summary: tuple[str, str]


def _check(event: Event, data: ReportData) -> _Checked:
    _check_event(event)
    return _Checked(
        attendance=_attendance(data.attendance),
        themes=parse_themes(data.themes),
        findings=_findings(event, data.findings),
        quotes=_quotes(data.quotes),
        summary=_markdown(data.summary, MAX_SUMMARY, "summary"),
    )


# Writing -----------------------------------------------------------------------------------


def _store_attachment(data: ReportData) -> str | None:
    if data.attachment is None:
        return None
    try:
        return uploads.store_pdf(data.attachment)
    except uploads.UploadError as error:
        raise ReportError(str(error), "attachment") from error


def _apply(report: SessionReport, checked: _Checked) -> None:
    report.attendance = checked.attendance
    report.themes = checked.themes
    report.summary_md, report.summary_html = checked.summary
    existing = {finding.policy_id: finding for finding in report.findings}
    report.findings = [
        _finding(existing.get(policy_id), policy_id, source, html)
        for policy_id, (source, html) in checked.findings.items()
    ]
    report.quotes = [
        SessionQuote(text=q.text, attribution=q.attribution, consent=True) for q in checked.quotes
    ]


def _finding(finding: SessionFinding | None, policy_id: int, source: str, html: str):
    finding = finding or SessionFinding(policy_id=policy_id)
    finding.heard_md, finding.heard_html = source, html
    return finding


def _snapshot(report: SessionReport) -> dict:
    return {
        "attendance": report.attendance,
        "themes": list(report.themes or []),
        "findings": {str(f.policy_id): f.heard_md for f in report.findings},
        "quotes": len(report.quotes),
        "summary": report.summary_md,
        "attachment": report.attachment_filename,
    }


def _new_report(actor, event: Event, checked: _Checked) -> SessionReport:
    report = SessionReport(event_id=event.id, filed_by_id=getattr(actor, "id", None))
    try:
        with db.session.begin_nested():
            db.session.add(report)
            _apply(report, checked)
            db.session.flush()
    except IntegrityError as error:
        raise ReportError(
            _l("Someone else just filed this report. Reload the page to edit it.")
        ) from error
    db.session.expire(event, ["report"])
    return report


def file_report(actor, event: Event, data: ReportData) -> SessionReport:
    """File the session's report, or update the one filed (audited either way). Never commits."""
    checked = _check(event, data)
    report = event.report
    before = _snapshot(report) if report is not None else None
    stored = _store_attachment(data)
    if report is None:
        report = _new_report(actor, event, checked)
    else:
        _apply(report, checked)
    replaced = None
    if stored or data.remove_attachment:
        replaced, report.attachment_filename = report.attachment_filename, stored
    db.session.flush()
    after = _snapshot(report)
    changed = sorted(key for key in after if before is None or before[key] != after[key])
    audit.record(
        actor,
        "report.file" if before is None else "report.edit",
        report,
        summary=f"Report on event {event.id}: attendance {report.attendance}",
        detail={"event_id": event.id, "changed": changed},
    )
    uploads.remove(replaced)
    return report
