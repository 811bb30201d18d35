"""What the API reads: the catalog's own queries, with everything a page of items needs loaded."""

from collections.abc import Iterable

from sqlalchemy import Select, func
from sqlalchemy.orm import selectinload

from engage.api.params import CommentFilters, ReportFilters
from engage.comments.models import Comment, CommentStatus
from engage.extensions import db
from engage.policies.models import Department, Policy
from engage.policies.queries import catalog_page_statement, policy_page_statement
from engage.policies.services import CatalogFilters
from engage.reports.models import AnnualReport, ReportEntry


def policies_statement(filters: CatalogFilters) -> Select:
    """The catalog list, in the list page's order (then by id, so pages never overlap)."""
    return catalog_page_statement(filters).order_by(Policy.id)


def policy_statement(slug: str) -> Select:
    """One policy by its slug, with its versions, sections and periods (as its page loads it)."""
    return policy_page_statement(slug)


def comment_count_for(policy_ids: Iterable[int]) -> dict[int, int]:
    """Published comments per policy, replies included, official responses not (one query).

    The one place that counts them for the API: the same rule as the board summaries' count.
    """
    counts = dict.fromkeys(policy_ids, 0)
    if not counts:
        return counts
    rows = db.session.execute(
        db.select(Comment.policy_id, func.count(Comment.id))
        .where(
            Comment.policy_id.in_(list(counts)),
            Comment.status == CommentStatus.PUBLISHED.value,
            Comment.is_official_response.is_(False),
        )
        .group_by(Comment.policy_id)
    )
    counts.update((policy_id, count) for policy_id, count in rows)
    return counts


def policy_by_slug(slug: str) -> Policy | None:
    """The policy with `slug`, or None (a NUL byte never matches)."""
    if "\x00" in slug:
        return None
    return db.session.scalar(db.select(Policy).where(Policy.slug == slug))


def comments_statement(policy: Policy, filters: CommentFilters) -> Select:
    """A policy's published comments, oldest first; replies included, in the same order."""
    statement = db.select(Comment).where(
        Comment.policy_id == policy.id, Comment.status == CommentStatus.PUBLISHED.value
    )
    if filters.stance:
        statement = statement.where(Comment.stance == filters.stance)
    if filters.section:
        statement = statement.where(Comment.section_key == filters.section)
    if filters.since is not None:
        statement = statement.where(Comment.created_at >= filters.since)
    if filters.campaign is not None:
        statement = statement.where(Comment.campaign_id == filters.campaign)
    return statement.options(selectinload(Comment.author), selectinload(Comment.version)).order_by(
        Comment.created_at, Comment.id
    )


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
