"""What the staff workspace reads: the catalog as staff see it, drafts and deadlines included."""

from dataclasses import dataclass
from datetime import datetime, timedelta

from sqlalchemy import Select, func
from sqlalchemy.orm import joinedload, selectinload

from engage.extensions import db
from engage.policies.models import CommentPeriod, Department, Policy, PolicyVersion, Technology
from engage.types import utcnow

CLOSING_SOON = timedelta(days=7)


@dataclass
class Overview:
    live_periods: list[CommentPeriod]
    closing_soon: list[CommentPeriod]
    drafts_without_versions: list[Policy]
    counts: dict[str, int]


def workspace_overview(now: datetime | None = None) -> Overview:
    """Open and upcoming periods (soonest deadline first), what closes soon, empty drafts."""
    now = now or utcnow()
    live = db.session.scalars(
        db.select(CommentPeriod)
        .where(CommentPeriod.closes_at > now)
        .options(joinedload(CommentPeriod.version).joinedload(PolicyVersion.policy))
        .order_by(CommentPeriod.closes_at)
    ).all()
    closing_soon = [p for p in live if p.opens_at <= now and p.closes_at - now <= CLOSING_SOON]
    drafts = db.session.scalars(
        db.select(Policy).where(~Policy.versions.any()).order_by(Policy.title)
    ).all()
    return Overview(list(live), closing_soon, list(drafts), catalog_counts())


def catalog_counts() -> dict[str, int]:
    return {
        name: db.session.scalar(db.select(func.count()).select_from(model)) or 0
        for name, model in (
            ("departments", Department),
            ("technologies", Technology),
            ("policies", Policy),
        )
    }


def departments() -> list[Department]:
    return list(db.session.scalars(db.select(Department).order_by(Department.code)))


def technologies() -> list[Technology]:
    statement = (
        db.select(Technology).options(joinedload(Technology.department)).order_by(Technology.name)
    )
    return list(db.session.scalars(statement))


def categories() -> list[str]:
    """The technology categories already in use, to suggest consistent spelling."""
    statement = db.select(Technology.category).distinct().order_by(Technology.category)
    return [c for c in db.session.scalars(statement) if c]


def _with_periods(statement: Select) -> Select:
    return statement.options(
        selectinload(Policy.versions)
        .selectinload(PolicyVersion.periods)
        .selectinload(CommentPeriod.extensions)
    )


def policies() -> list[Policy]:
    """Every policy, drafts included, with versions and periods loaded for their state."""
    return list(db.session.scalars(_with_periods(db.select(Policy).order_by(Policy.title))))


def policy_by_slug(slug: str) -> Select:
    """The statement that loads one policy for its management page."""
    statement = _with_periods(db.select(Policy).where(Policy.slug == slug))
    return statement.options(selectinload(Policy.versions).selectinload(PolicyVersion.sections))
