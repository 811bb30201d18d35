"""Read-side queries for the public catalog pages: each loads what a page shows in a few queries."""

from collections.abc import Mapping
from dataclasses import dataclass

from sqlalchemy import Select, func
from sqlalchemy.orm import joinedload, selectinload

from engage.extensions import db
from engage.policies.models import (
    CommentPeriod,
    Department,
    PeriodState,
    Policy,
    PolicySection,
    PolicyStatus,
    PolicyVersion,
    Technology,
)
from engage.policies.sections import configured_sections
from engage.policies.services import CatalogFilters, catalog_statement
from engage.reports.models import AnnualReport, ExigentUse, ReportEntry

MAX_QUERY_LENGTH = 200
PERIOD_STATES = tuple(state.value for state in PeriodState)
STATUSES = tuple(status.value for status in PolicyStatus)

# Enough to show a policy in a list: its periods (for the period line) without the text.
# Extensions are few per period: joined to the periods' query rather than one more query.
LIST_OPTIONS = (
    selectinload(Policy.versions)
    .selectinload(PolicyVersion.periods)
    .joinedload(CommentPeriod.extensions),
)
# Everything a policy's own page shows.
PAGE_OPTIONS = (
    selectinload(Policy.versions).selectinload(PolicyVersion.sections),
    *LIST_OPTIONS,
)


# The catalog list -------------------------------------------------------------------------


def parse_filters(args: Mapping[str, str]) -> CatalogFilters:
    """Read the catalog's GET filters, dropping values that can't match anything sensible."""
    status = args.get("status", "").strip()
    period = args.get("period", "").strip()
    return CatalogFilters(
        query=args.get("q", "").strip()[:MAX_QUERY_LENGTH],
        department=args.get("department", "").strip().upper()[:20],
        category=args.get("category", "").strip().lower()[:60],
        status=status if status in STATUSES else "",
        period=period if period in PERIOD_STATES else "",
    )


def catalog_page_statement(filters: CatalogFilters) -> Select:
    """The catalog's statement with what each list item shows loaded up front."""
    return catalog_statement(filters).options(*LIST_OPTIONS)


@dataclass
class FilterChoices:
    departments: list[Department]
    categories: list[str]
    statuses: tuple[str, ...] = STATUSES
    periods: tuple[str, ...] = PERIOD_STATES


def filter_choices() -> FilterChoices:
    """The values the catalog's filter form offers."""
    departments = db.session.scalars(db.select(Department).order_by(Department.name)).all()
    categories = db.session.scalars(
        db.select(Technology.category).distinct().order_by(Technology.category)
    ).all()
    return FilterChoices(list(departments), list(categories))


# A policy and its versions ----------------------------------------------------------------


def policy_page_statement(slug: str) -> Select:
    """The policy at `slug` with its versions, sections, periods and extensions."""
    return db.select(Policy).where(Policy.slug == slug).options(*PAGE_OPTIONS)


def ordered_sections(version: PolicyVersion | None) -> list[PolicySection]:
    """The version's sections in the city's configured order; unknown keys keep their place."""
    if version is None:
        return []
    order = {key: index for index, key in enumerate(configured_sections())}
    return sorted(version.sections, key=lambda s: (order.get(s.key, len(order)), s.position))


def section_texts(version: PolicyVersion) -> dict[str, str]:
    """{section key: markdown source} of a version, for the diff."""
    return {section.key: section.body_md for section in version.sections}


def previous_version(policy: Policy, version: PolicyVersion) -> PolicyVersion | None:
    earlier = [v for v in policy.versions if v.number < version.number]
    return earlier[-1] if earlier else None


# Departments ------------------------------------------------------------------------------


@dataclass
class DepartmentRow:
    department: Department
    policy_count: int
    technology_count: int


def department_rows() -> list[DepartmentRow]:
    """Every department with how many policies and technologies it has, by name."""
    policies = (
        db.select(func.count(Policy.id))
        .where(Policy.department_id == Department.id)
        .scalar_subquery()
    )
    technologies = (
        db.select(func.count(Technology.id))
        .where(Technology.department_id == Department.id)
        .scalar_subquery()
    )
    rows = db.session.execute(
        db.select(Department, policies, technologies).order_by(Department.name)
    ).all()
    return [DepartmentRow(*row) for row in rows]


def department_statement(code: str) -> Select:
    """The department whose code is `code`, in any letter case."""
    return (
        db.select(Department)
        .where(func.upper(Department.code) == code.strip().upper())
        .options(selectinload(Department.technologies))
    )


def _policies_where(condition) -> list[Policy]:
    statement = db.select(Policy).where(condition).options(*LIST_OPTIONS).order_by(Policy.title)
    return list(db.session.scalars(statement).unique())


def _exigent_where(condition) -> list[ExigentUse]:
    statement = db.select(ExigentUse).where(condition).order_by(ExigentUse.started_at.desc())
    return list(db.session.scalars(statement).unique())


def department_page(department: Department) -> dict:
    """What a department's page lists: policies, annual reports and exigent-use notices."""
    reports = db.session.scalars(
        db.select(AnnualReport)
        .where(AnnualReport.department_id == department.id)
        .options(selectinload(AnnualReport.entries))
        .order_by(AnnualReport.year.desc())
    ).unique()
    return {
        "policies": _policies_where(Policy.department_id == department.id),
        "reports": list(reports),
        "exigent_uses": _exigent_where(ExigentUse.department_id == department.id),
    }


# Technologies -----------------------------------------------------------------------------


def technologies_by_category() -> list[tuple[str, list[Technology]]]:
    """Every technology, grouped by category (categories and names in alphabetical order)."""
    technologies = db.session.scalars(
        db.select(Technology)
        .options(joinedload(Technology.department))
        .order_by(Technology.category, Technology.name)
    ).all()
    groups: dict[str, list[Technology]] = {}
    for technology in technologies:
        groups.setdefault(technology.category, []).append(technology)
    return list(groups.items())


def technology_statement(slug: str) -> Select:
    return (
        db.select(Technology)
        .where(Technology.slug == slug)
        .options(joinedload(Technology.department))
    )


def technology_page(technology: Technology) -> dict:
    """What a technology's page lists: policies, report entries by year, exigent-use notices."""
    entries = db.session.scalars(
        db.select(ReportEntry)
        .join(ReportEntry.report)
        .where(ReportEntry.technology_id == technology.id)
        .options(
            joinedload(ReportEntry.report).joinedload(AnnualReport.department),
            selectinload(ReportEntry.sharing),
        )
        .order_by(AnnualReport.year.desc())
    ).unique()
    return {
        "policies": _policies_where(Policy.technology_id == technology.id),
        "report_entries": list(entries),
        "exigent_uses": _exigent_where(ExigentUse.technology_id == technology.id),
    }
