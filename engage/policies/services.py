"""The catalog's rules: who publishes what, in which order, and when comment is open."""

import re
import unicodedata
from dataclasses import dataclass, field
from datetime import datetime

from flask_babel import lazy_gettext as _l
from sqlalchemy import Select

from engage import audit, signals
from engage.extensions import db
from engage.policies.models import (
    CommentPeriod,
    Department,
    PeriodExtension,
    Policy,
    PolicySection,
    PolicyStatus,
    PolicyVersion,
    Technology,
)
from engage.policies.search import index_policy
from engage.sanitize import clean_text, render_document
from engage.types import utcnow


class CatalogError(ValueError):
    """A change the catalog's rules refuse; `field` names the form field at fault."""

    def __init__(self, message: str, field: str | None = None):
        super().__init__(message)
        self.field = field


def slugify(text: str, max_length: int = 100) -> str:
    """'Body-worn cameras (BPD)' -> 'body-worn-cameras-bpd'."""
    ascii_text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    slug = re.sub(r"[^a-z0-9]+", "-", ascii_text.lower()).strip("-")
    return slug[:max_length].rstrip("-") or "item"


# Departments and technologies -------------------------------------------------------------


@dataclass
class DepartmentData:
    code: str
    name: str
    covered: bool = True
    note: str = ""


def save_department(
    actor, data: DepartmentData, department: Department | None = None
) -> Department:
    """Create or update a department; codes are unique."""
    code = data.code.strip().upper()
    clash = db.session.scalar(db.select(Department).where(Department.code == code))
    if clash is not None and clash is not department:
        raise CatalogError(_l("A department already uses this code."), "code")
    is_new = department is None
    department = department or Department()
    department.code, department.name = code, clean_text(data.name)
    department.covered, department.note = data.covered, clean_text(data.note)
    db.session.add(department)
    db.session.flush()
    action = "department.create" if is_new else "department.update"
    audit.record(actor, action, department, summary=f"{department.code} {department.name}")
    return department


@dataclass
class TechnologyData:
    name: str
    category: str
    department_id: int
    summary: str = ""
    slug: str = ""


def save_technology(
    actor, data: TechnologyData, technology: Technology | None = None
) -> Technology:
    slug = slugify(data.slug or data.name)
    clash = db.session.scalar(db.select(Technology).where(Technology.slug == slug))
    if clash is not None and clash is not technology:
        raise CatalogError(_l("Another technology already uses this address."), "slug")
    if db.session.get(Department, data.department_id) is None:
        raise CatalogError(_l("Choose a department."), "department_id")
    is_new = technology is None
    technology = technology or Technology()
    technology.slug, technology.name = slug, clean_text(data.name)
    technology.category = clean_text(data.category).lower()
    technology.summary, technology.department_id = clean_text(data.summary), data.department_id
    db.session.add(technology)
    db.session.flush()
    action = "technology.create" if is_new else "technology.update"
    audit.record(actor, action, technology, summary=technology.name)
    return technology


# Policies and versions ---------------------------------------------------------------------


@dataclass
class PolicyData:
    title: str
    department_id: int
    technology_id: int
    summary: str = ""
    slug: str = ""
    status: str = PolicyStatus.DRAFT.value


def save_policy(actor, data: PolicyData, policy: Policy | None = None) -> Policy:
    """Create or update a policy's description (its text lives in versions)."""
    slug = slugify(data.slug or data.title)
    clash = db.session.scalar(db.select(Policy).where(Policy.slug == slug))
    if clash is not None and clash is not policy:
        raise CatalogError(_l("Another policy already uses this address."), "slug")
    technology = db.session.get(Technology, data.technology_id)
    if technology is None:
        raise CatalogError(_l("Choose a technology."), "technology_id")
    if db.session.get(Department, data.department_id) is None:
        raise CatalogError(_l("Choose a department."), "department_id")
    if data.status not in set(PolicyStatus):
        raise CatalogError(_l("Choose a status."), "status")
    is_new = policy is None
    policy = policy or Policy()
    before = policy.status
    policy.slug, policy.title = slug, clean_text(data.title)
    policy.summary_md = clean_text(data.summary)
    policy.summary_html = render_document(policy.summary_md)
    policy.department_id, policy.technology_id = data.department_id, data.technology_id
    policy.status = data.status
    policy.technology = technology
    db.session.add(policy)
    db.session.flush()
    index_policy(policy)
    action = "policy.create" if is_new else "policy.update"
    detail = {} if is_new or before == policy.status else {"status": [before, policy.status]}
    audit.record(actor, action, policy, summary=policy.title, detail=detail)
    signals.policy_changed.send(policy)
    return policy


@dataclass
class VersionData:
    number: int
    change_summary: str
    sections: dict[str, str] = field(default_factory=dict)


def next_version_number(policy: Policy) -> int:
    return (policy.current_version.number + 1) if policy.current_version else 1


def publish_version(actor, policy: Policy, data: VersionData, section_keys) -> PolicyVersion:
    """Publish the next numbered version of `policy`, one markdown text per section."""
    expected = next_version_number(policy)
    if data.number != expected:
        raise CatalogError(
            _l("Versions are numbered in order: the next one is %(n)d.", n=expected), "number"
        )
    if expected > 1 and not clean_text(data.change_summary):
        raise CatalogError(_l("Say what changed in this version."), "change_summary")
    texts = {key: clean_text(data.sections.get(key)) for key in section_keys}
    if not any(texts.values()):
        raise CatalogError(_l("Write the text of at least one section."), None)
    version = PolicyVersion(
        policy=policy,
        number=data.number,
        change_summary=clean_text(data.change_summary),
        created_by_id=getattr(actor, "id", None),
    )
    for position, key in enumerate(section_keys):
        if texts[key]:
            version.sections.append(
                PolicySection(
                    key=key,
                    position=position,
                    body_md=texts[key],
                    body_html=render_document(texts[key]),
                )
            )
    db.session.add(version)
    db.session.flush()
    index_policy(policy)
    audit.record(actor, "version.publish", version, summary=f"{policy.title} v{version.number}")
    signals.version_published.send(version)
    return version


# Comment periods ---------------------------------------------------------------------------


def current_period(policy: Policy) -> CommentPeriod | None:
    """The open or upcoming period of the policy, else its most recent one."""
    periods = [p for v in policy.versions for p in v.periods]
    if not periods:
        return None
    live = [p for p in periods if p.is_current]
    return min(live, key=lambda p: p.opens_at) if live else max(periods, key=lambda p: p.closes_at)


def open_period(
    actor,
    version: PolicyVersion,
    opens_at: datetime,
    closes_at: datetime,
    accepts_late: bool = False,
) -> CommentPeriod:
    """Schedule a comment period on `version`; one open or upcoming period per policy."""
    if closes_at <= opens_at:
        raise CatalogError(_l("The period must close after it opens."), "closes_at")
    if closes_at <= utcnow():
        raise CatalogError(_l("The closing time is already past."), "closes_at")
    if any(p.is_current for v in version.policy.versions for p in v.periods):
        raise CatalogError(_l("This policy already has an open or upcoming comment period."), None)
    period = CommentPeriod(
        version=version,
        opens_at=opens_at,
        closes_at=closes_at,
        original_closes_at=closes_at,
        accepts_late_comments=accepts_late,
    )
    db.session.add(period)
    if (
        version.policy.status in (PolicyStatus.DRAFT, PolicyStatus.UNDER_REVIEW)
        and opens_at <= utcnow()
    ):
        version.policy.status = PolicyStatus.OPEN_FOR_COMMENT.value
    db.session.flush()
    audit.record(
        actor,
        "period.open",
        period,
        summary=f"{version.policy.title} v{version.number}",
        detail={"opens_at": opens_at.isoformat(), "closes_at": closes_at.isoformat()},
    )
    signals.period_opened.send(period)
    return period


def extend_period(
    actor, period: CommentPeriod, new_closes_at: datetime, reason: str
) -> PeriodExtension:
    """Move the deadline later, with a public reason."""
    reason = clean_text(reason)
    if not reason:
        raise CatalogError(
            _l("Give the reason for the extension; it is shown to the public."), "reason"
        )
    if period.closed_early_at is not None:
        raise CatalogError(_l("This period was closed early and can't be extended."), None)
    if period.closes_at <= utcnow():
        # Reopening a closed period could leave a policy with two live periods.
        raise CatalogError(_l("This period has closed; open a new comment period instead."), None)
    if new_closes_at <= max(period.closes_at, utcnow()):
        raise CatalogError(
            _l("The new closing time must be later than the current one."), "closes_at"
        )
    extension = PeriodExtension(
        period=period,
        previous_closes_at=period.closes_at,
        new_closes_at=new_closes_at,
        reason=reason,
        created_by_id=getattr(actor, "id", None),
    )
    period.closes_at = new_closes_at
    db.session.add(extension)
    db.session.flush()
    audit.record(
        actor,
        "period.extend",
        period,
        reason=reason,
        detail={"from": extension.previous_closes_at.isoformat(), "to": new_closes_at.isoformat()},
    )
    signals.period_extended.send(period, extension=extension)
    return extension


def close_period_early(actor, period: CommentPeriod, reason: str) -> CommentPeriod:
    """Close an open (or cancel an upcoming) period now, with a public reason."""
    reason = clean_text(reason)
    if not reason:
        raise CatalogError(
            _l("Give the reason for closing early; it is shown to the public."), "reason"
        )
    now = utcnow()
    if period.closes_at <= now:
        raise CatalogError(_l("This period is already closed."), None)
    detail = {"opens_at": period.opens_at.isoformat(), "closes_at": period.closes_at.isoformat()}
    period.closed_early_at = now
    period.close_reason = reason
    # An upcoming period is cancelled: it must not still read as upcoming.
    period.opens_at = min(period.opens_at, now)
    period.closes_at = now
    policy = period.version.policy
    if policy.status == PolicyStatus.OPEN_FOR_COMMENT:
        policy.status = PolicyStatus.UNDER_REVIEW.value
    db.session.flush()
    audit.record(actor, "period.close", period, reason=reason, detail=detail)
    signals.period_closed.send(period, early=True)
    return period


# Catalog queries ---------------------------------------------------------------------------


@dataclass
class CatalogFilters:
    query: str = ""
    department: str = ""
    category: str = ""
    status: str = ""
    period: str = ""


def catalog_statement(filters: CatalogFilters) -> Select:
    """Policies matching the catalog's filters, ordered for the list page."""
    from engage.policies.search import apply_search

    statement = db.select(Policy)
    if filters.department:
        statement = statement.join(Policy.department).where(Department.code == filters.department)
    if filters.category:
        statement = statement.join(Policy.technology).where(Technology.category == filters.category)
    if filters.status:
        statement = statement.where(Policy.status == filters.status)
    if filters.period:
        statement = statement.where(Policy.id.in_(_period_state_subquery(filters.period)))
    if filters.query:
        return apply_search(statement, filters.query).order_by(Policy.title)
    return statement.order_by(Policy.updated_at.desc(), Policy.title)


def _period_state_subquery(state: str):
    now = utcnow()
    base = db.select(PolicyVersion.policy_id).join(CommentPeriod)
    if state == "open":
        return base.where(CommentPeriod.opens_at <= now, CommentPeriod.closes_at > now)
    if state == "upcoming":
        return base.where(CommentPeriod.opens_at > now)
    live = base.where(CommentPeriod.closes_at > now)
    return base.where(CommentPeriod.closes_at <= now).where(PolicyVersion.policy_id.not_in(live))
