"""What the report and exigent-use pages read: lists, filters and a notice's report state."""

import re
from collections import defaultdict
from datetime import datetime

from sqlalchemy import and_, func
from sqlalchemy.orm import joinedload, selectinload

from engage.extensions import db
from engage.policies.models import Department, Policy, Technology
from engage.reports.models import AnnualReport, ExigentUse, ReportEntry, ReportState
from engage.types import utcnow

# What a department code can be (the catalog's form allows letters, digits and hyphens).
_CODE = re.compile(r"[A-Za-z0-9-]{1,20}")


def find_department(code: str) -> Department | None:
    """The department with this code, whatever its case; None for anything not a code."""
    code = (code or "").strip()
    if not _CODE.fullmatch(code):
        return None
    return db.session.scalar(
        db.select(Department).where(func.lower(Department.code) == code.lower())
    )


# Annual reports ---------------------------------------------------------------------------


def reports_by_year(department: Department | None = None) -> list[tuple[int, list]]:
    """[(year, [(report, technologies covered), ...]), ...], newest year first."""
    covered = func.count(ReportEntry.id)
    statement = (
        db.select(AnnualReport, covered)
        .join(AnnualReport.department)
        .outerjoin(ReportEntry, ReportEntry.report_id == AnnualReport.id)
        .group_by(AnnualReport.id, Department.id)
        .order_by(AnnualReport.year.desc(), Department.name)
    )
    if department is not None:
        statement = statement.where(AnnualReport.department_id == department.id)
    years: dict[int, list] = defaultdict(list)
    for report, count in db.session.execute(statement):
        years[report.year].append((report, count))
    return list(years.items())


def departments_with_reports() -> list[Department]:
    return list(
        db.session.scalars(
            db.select(Department)
            .where(Department.id.in_(db.select(AnnualReport.department_id)))
            .order_by(Department.name)
        )
    )


def load_report(department: Department, year: int) -> AnnualReport | None:
    """A department's report for `year`, with its entries and their sharing lines."""
    return db.session.scalar(
        db.select(AnnualReport)
        .where(AnnualReport.department_id == department.id, AnnualReport.year == year)
        .options(selectinload(AnnualReport.entries).selectinload(ReportEntry.sharing))
    )


def report_years(department: Department) -> list[int]:
    """Every year this department has a report for, newest first."""
    return list(
        db.session.scalars(
            db.select(AnnualReport.year)
            .where(AnnualReport.department_id == department.id)
            .order_by(AnnualReport.year.desc())
        )
    )


def policies_by_technology(technology_ids) -> dict[int, list[Policy]]:
    """The policies of each technology, oldest first."""
    found: dict[int, list[Policy]] = defaultdict(list)
    if not technology_ids:
        return found
    statement = (
        db.select(Policy)
        .where(Policy.technology_id.in_(list(technology_ids)))
        .order_by(Policy.created_at, Policy.id)
    )
    for policy in db.session.scalars(statement):
        found[policy.technology_id].append(policy)
    return found


def reports_for_department(department: Department) -> list[AnnualReport]:
    """A department's reports, newest first (for the department's page)."""
    return list(
        db.session.scalars(
            db.select(AnnualReport)
            .where(AnnualReport.department_id == department.id)
            .order_by(AnnualReport.year.desc())
        )
    )


def entries_for_technology(technology: Technology) -> list[ReportEntry]:
    """What each annual report said about one technology, newest first (for its page)."""
    return list(
        db.session.scalars(
            db.select(ReportEntry)
            .join(ReportEntry.report)
            .where(ReportEntry.technology_id == technology.id)
            .options(selectinload(ReportEntry.report))
            .order_by(AnnualReport.year.desc())
        )
    )


def recent_reports(limit: int = 5) -> list[AnnualReport]:
    """The latest published reports (for the home page)."""
    return list(
        db.session.scalars(
            db.select(AnnualReport)
            .order_by(AnnualReport.published_at.desc(), AnnualReport.id.desc())
            .limit(limit)
        )
    )


def staff_reports() -> list[tuple[AnnualReport, int]]:
    """Every report with the number of technologies it covers, newest first."""
    return [item for _, items in reports_by_year() for item in items]


def technology_choices(department_id: int | None = None) -> list[Technology]:
    """Technologies to choose from: the department's own first, then the rest by name."""
    own = Technology.department_id == department_id
    statement = (
        db.select(Technology)
        .options(joinedload(Technology.department))
        .order_by(own.desc(), Technology.name)
    )
    return list(db.session.scalars(statement))


def department_choices() -> list[Department]:
    return list(db.session.scalars(db.select(Department).order_by(Department.name)))


# Exigent use ------------------------------------------------------------------------------


def report_state(notice: ExigentUse, now: datetime | None = None) -> ReportState:
    """The state of `notice`'s report right now (Python side of `_state_clause`)."""
    return notice.report_state(now)


def _state_clause(state: ReportState, now: datetime):
    """The SQL side of `report_state`."""
    due, received = ExigentUse.report_due_at, ExigentUse.report_received_at
    return {
        ReportState.ONGOING: and_(received.is_(None), due.is_(None)),
        ReportState.NOT_DUE: and_(received.is_(None), due.is_not(None), due >= now),
        ReportState.OVERDUE: and_(received.is_(None), due.is_not(None), due < now),
        ReportState.ON_TIME: and_(received.is_not(None), due.is_not(None), received <= due),
        ReportState.LATE: and_(received.is_not(None), due.is_not(None), received > due),
        ReportState.RECEIVED: and_(received.is_not(None), due.is_(None)),
    }[state]


def exigent_notices(department: Department | None = None, state: ReportState | None = None):
    """A select of notices, newest use first, optionally filtered."""
    statement = db.select(ExigentUse).order_by(ExigentUse.started_at.desc(), ExigentUse.id.desc())
    if department is not None:
        statement = statement.where(ExigentUse.department_id == department.id)
    if state is not None:
        statement = statement.where(_state_clause(state, utcnow()))
    return statement


def departments_with_notices() -> list[Department]:
    return list(
        db.session.scalars(
            db.select(Department)
            .where(Department.id.in_(db.select(ExigentUse.department_id)))
            .order_by(Department.name)
        )
    )


def overdue_count() -> int:
    """How many notices' reports are past due and not in."""
    now = utcnow()
    clause = _state_clause(ReportState.OVERDUE, now)
    return db.session.scalar(db.select(func.count(ExigentUse.id)).where(clause))
