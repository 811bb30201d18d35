"""What the API reads: the catalog's own queries, with everything a page of items needs loaded."""

from collections.abc import Iterable

from sqlalchemy import Select
from sqlalchemy.orm import selectinload

from engage.api.params import ReportFilters
from engage.extensions import db
from engage.policies.models import CommentPeriod, Department, Policy, PolicyVersion
from engage.policies.services import CatalogFilters, catalog_statement
from engage.reports.models import AnnualReport, ReportEntry


def _versions_and_periods():
    return selectinload(Policy.versions).selectinload(PolicyVersion.periods)


def policies_statement(filters: CatalogFilters) -> Select:
    """The catalog list, in the list page's order (then by id, so pages never overlap)."""
    return (
        catalog_statement(filters)
        .options(_versions_and_periods().selectinload(CommentPeriod.extensions))
        .order_by(Policy.id)
    )


def policy_statement(slug: str) -> Select:
    """One policy by its slug, with its versions, sections and periods."""
    versions = selectinload(Policy.versions)
    return (
        db.select(Policy)
        .where(Policy.slug == slug)
        .options(
            versions.selectinload(PolicyVersion.sections),
            versions.selectinload(PolicyVersion.periods).selectinload(CommentPeriod.extensions),
        )
    )


def comment_count_for(policy_ids: Iterable[int]) -> dict[int, int]:
    """Published comments per policy: the one place that counts them for the API.

    Comments arrive with a later issue; until then every policy has none.
    """
    return dict.fromkeys(policy_ids, 0)


def reports_statement(filters: ReportFilters) -> Select:
    """Annual reports, newest year first, then by department code."""
    statement = (
        db.select(AnnualReport)
        .join(Department, AnnualReport.department_id == Department.id)
        .options(selectinload(AnnualReport.entries).selectinload(ReportEntry.sharing))
    )
    if filters.department:
        statement = statement.where(Department.code == filters.department)
    if filters.year is not None:
        statement = statement.where(AnnualReport.year == filters.year)
    return statement.order_by(AnnualReport.year.desc(), Department.code, AnnualReport.id)
